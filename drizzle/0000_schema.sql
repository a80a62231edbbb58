CREATE TABLE `countries` (
	`alpha2` text PRIMARY KEY NOT NULL,
	`alpha3` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `countries_alpha3_unique` ON `countries` (`alpha3`);--> statement-breakpoint
CREATE TABLE `cpu_profiles` (
	`family` text PRIMARY KEY NOT NULL,
	`architecture` text NOT NULL,
	`method` text NOT NULL,
	`min_w_per_vcpu` real,
	`max_w_per_vcpu` real,
	`tdp_w` real,
	`threads` integer,
	`source_id` text NOT NULL,
	`note` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `electricity_water` (
	`zone` text PRIMARY KEY NOT NULL,
	`l_per_kwh` real NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `global_factors` (
	`name` text PRIMARY KEY NOT NULL,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`year` integer,
	`source_id` text NOT NULL,
	`note` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `grid_intensities` (
	`zone` text NOT NULL,
	`year` integer NOT NULL,
	`g_per_kwh` real NOT NULL,
	`source_id` text NOT NULL,
	PRIMARY KEY(`zone`, `year`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `instance_types` (
	`provider_id` text NOT NULL,
	`id` text NOT NULL,
	`family` text,
	`vcpus` integer NOT NULL,
	`vcpus_status` text NOT NULL,
	`memory_gb` real,
	`cpu_families` text,
	`cpu_architecture` text NOT NULL,
	`host_vcpus` integer NOT NULL,
	`host_embodied_kg` real NOT NULL,
	`embodied_status` text NOT NULL,
	`source_id` text NOT NULL,
	`host_source_id` text NOT NULL,
	`embodied_source_id` text NOT NULL,
	`note` text,
	PRIMARY KEY(`provider_id`, `id`),
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`embodied_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `providers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`url` text,
	`default_pue` real,
	`default_pue_year` integer,
	`default_pue_source_id` text,
	`default_wue_l_per_kwh` real,
	`default_wue_year` integer,
	`default_wue_source_id` text,
	`cpu_profile_x86` text NOT NULL,
	`cpu_profile_arm64` text NOT NULL,
	`lifespan_hours` real NOT NULL,
	`lifespan_source_id` text NOT NULL,
	FOREIGN KEY (`default_pue_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`default_wue_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lifespan_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`provider_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`datacenter` text,
	`country` text NOT NULL,
	`grid_zone` text NOT NULL,
	`pue` real,
	`pue_year` integer,
	`pue_status` text,
	`wue_l_per_kwh` real,
	`wue_year` integer,
	`wue_status` text,
	`grid_g_per_kwh` real,
	`grid_year` integer,
	`grid_status` text,
	`ccf_grid_g_per_kwh` real,
	`runs_on_provider` text,
	`runs_on_region` text,
	`source_id` text NOT NULL,
	`note` text,
	PRIMARY KEY(`provider_id`, `id`),
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`url` text,
	`year` integer,
	`version` text,
	`note` text
);
