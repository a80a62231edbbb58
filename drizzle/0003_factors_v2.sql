ALTER TABLE `cpu_profiles` ADD `memory_gb_per_chip` real;--> statement-breakpoint
ALTER TABLE `global_factors` ADD `low` real;--> statement-breakpoint
ALTER TABLE `global_factors` ADD `high` real;--> statement-breakpoint
ALTER TABLE `instance_types` ADD `host_memory_gb` real;--> statement-breakpoint
ALTER TABLE `instance_types` ADD `host_chips` integer;