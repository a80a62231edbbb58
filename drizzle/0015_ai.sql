CREATE TABLE `gpu_models` (
	`model` text PRIMARY KEY NOT NULL,
	`max_w` real NOT NULL,
	`max_status` text NOT NULL,
	`max_source_id` text NOT NULL,
	`idle_w` real NOT NULL,
	`idle_status` text NOT NULL,
	`idle_source_id` text NOT NULL,
	`memory_gb` real,
	`embodied_kg` real NOT NULL,
	`embodied_status` text NOT NULL,
	`embodied_source_id` text NOT NULL,
	`note` text,
	FOREIGN KEY (`max_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`idle_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`embodied_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `llm_models` (
	`provider_id` text NOT NULL,
	`id` text NOT NULL,
	`architecture` text NOT NULL,
	`total_b_min` real NOT NULL,
	`total_b_max` real NOT NULL,
	`active_b_min` real NOT NULL,
	`active_b_max` real NOT NULL,
	`status` text NOT NULL,
	`warnings` text,
	`source_id` text NOT NULL,
	`note` text,
	PRIMARY KEY(`provider_id`, `id`),
	FOREIGN KEY (`provider_id`) REFERENCES `llm_providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `llm_providers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`zone` text NOT NULL,
	`pue_min` real NOT NULL,
	`pue_max` real NOT NULL,
	`wue_min` real NOT NULL,
	`wue_max` real NOT NULL,
	`cloud` text,
	`source_id` text NOT NULL,
	`note` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `instance_types` ADD `gpu_model` text;--> statement-breakpoint
ALTER TABLE `instance_types` ADD `gpu_count` real;--> statement-breakpoint
ALTER TABLE `instance_types` ADD `gpu_source_id` text;