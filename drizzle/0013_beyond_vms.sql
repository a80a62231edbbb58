CREATE TABLE `database_plans` (
	`provider_id` text NOT NULL,
	`id` text NOT NULL,
	`engines` text NOT NULL,
	`vcpus` integer,
	`vcpus_status` text,
	`memory_gb` real,
	`storage_gb` real,
	`storage_service_id` text,
	`nodes` integer NOT NULL,
	`standby_nodes` integer NOT NULL,
	`instance_provider_id` text,
	`instance_type_id` text,
	`regions` text,
	`source_id` text NOT NULL,
	`note` text,
	PRIMARY KEY(`provider_id`, `id`),
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `storage_services` (
	`provider_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`medium` text NOT NULL,
	`replication_factor` real NOT NULL,
	`replication_status` text NOT NULL,
	`source_id` text NOT NULL,
	`note` text,
	PRIMARY KEY(`provider_id`, `id`),
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
