ALTER TABLE `site_pages` ADD `lab_bytes` integer;--> statement-breakpoint
ALTER TABLE `site_pages` ADD `lab_tested_at` text;