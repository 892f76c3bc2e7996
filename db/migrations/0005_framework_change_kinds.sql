PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_framework_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor_id` integer,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`entity_label` text NOT NULL,
	`field` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text,
	`public` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "framework_changes_entity_type_ck" CHECK("entity_type" in ('indicator', 'target', 'milestone', 'pillar', 'output', 'plan', 'dimension', 'responsibility'))
);
--> statement-breakpoint
INSERT INTO `__new_framework_changes`("id", "plan_id", "created_at", "actor_id", "entity_type", "entity_id", "entity_label", "field", "before", "after", "reason", "public") SELECT "id", "plan_id", "created_at", "actor_id", "entity_type", "entity_id", "entity_label", "field", "before", "after", "reason", "public" FROM `framework_changes`;--> statement-breakpoint
DROP TABLE `framework_changes`;--> statement-breakpoint
ALTER TABLE `__new_framework_changes` RENAME TO `framework_changes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `framework_changes_plan_public_at_idx` ON `framework_changes` (`plan_id`,`public`,`created_at`);--> statement-breakpoint
CREATE INDEX `framework_changes_entity_idx` ON `framework_changes` (`entity_type`,`entity_id`);--> statement-breakpoint
-- Rebuilding the table dropped its triggers: the change log stays append-only (as in 0004).
CREATE TRIGGER `framework_changes_no_update` BEFORE UPDATE ON `framework_changes`
BEGIN
  SELECT RAISE(ABORT, 'framework_changes is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `framework_changes_no_delete` BEFORE DELETE ON `framework_changes`
WHEN EXISTS (SELECT 1 FROM `plans` WHERE `plans`.`id` = OLD.`plan_id`)
BEGIN
  SELECT RAISE(ABORT, 'framework_changes is append-only');
END;
