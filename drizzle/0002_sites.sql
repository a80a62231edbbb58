CREATE TABLE `sites` (
	`url` text PRIMARY KEY NOT NULL,
	`bytes` integer NOT NULL,
	`model` text NOT NULL,
	`co2e_g` real NOT NULL,
	`rating` text,
	`measurements` integer DEFAULT 1 NOT NULL,
	`first_measured_at` text NOT NULL,
	`measured_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sites_co2e_g_idx` ON `sites` (`co2e_g`);