CREATE TABLE `framework_addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`entity_type` text NOT NULL,
	`code` text NOT NULL,
	`entity_id` integer NOT NULL,
	`label` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`removed_at` text,
	`reason` text,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "framework_addresses_entity_type_ck" CHECK("entity_type" in ('pillar', 'output', 'indicator'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `framework_addresses_code_uq` ON `framework_addresses` (`plan_id`,`entity_type`,`code`);--> statement-breakpoint
CREATE INDEX `framework_addresses_entity_idx` ON `framework_addresses` (`entity_type`,`entity_id`);--> statement-breakpoint
ALTER TABLE `outputs` ADD `position` integer;--> statement-breakpoint
ALTER TABLE `pillars` ADD `position` integer;