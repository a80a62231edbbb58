ALTER TABLE `cpu_profiles` ADD `status` text;--> statement-breakpoint
ALTER TABLE `cpu_profiles` ADD `memory_status` text;--> statement-breakpoint
ALTER TABLE `cpu_profiles` ADD `memory_source_id` text REFERENCES sources(id);--> statement-breakpoint
ALTER TABLE `cpu_profiles` ADD `tdp_source_id` text REFERENCES sources(id);--> statement-breakpoint
ALTER TABLE `instance_types` ADD `host_chips_source_id` text;