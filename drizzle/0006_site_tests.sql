CREATE TABLE `site_tests` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`started_at` text,
	`finished_at` text,
	`bytes` integer,
	`requests` integer,
	`third_party_bytes` integer,
	`third_party_requests` integer,
	`model` text,
	`co2e_g` real,
	`rating` text,
	`duration_ms` integer,
	`error_type` text,
	`error_detail` text
);
--> statement-breakpoint
CREATE INDEX `site_tests_status_created_idx` ON `site_tests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `site_tests_url_created_idx` ON `site_tests` (`url`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `site_tests_pending_url_idx` ON `site_tests` (`url`) WHERE "site_tests"."status" IN ('queued', 'running');