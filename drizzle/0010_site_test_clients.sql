ALTER TABLE `site_tests` ADD `client` text;--> statement-breakpoint
ALTER TABLE `site_tests` ADD `network` text;--> statement-breakpoint
CREATE INDEX `site_tests_pending_client_idx` ON `site_tests` (`client`) WHERE "site_tests"."status" IN ('queued', 'running');--> statement-breakpoint
CREATE INDEX `site_tests_pending_network_idx` ON `site_tests` (`network`) WHERE "site_tests"."status" IN ('queued', 'running');