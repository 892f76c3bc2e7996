CREATE TABLE `action_plan_version_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version_id` integer NOT NULL,
	`activity_id` integer,
	`output_id` integer NOT NULL,
	`pillar_id` integer NOT NULL,
	`description` text NOT NULL,
	`quarters` integer NOT NULL,
	`budget_needed` real,
	`budget_allocated` real,
	`amount_spent` real,
	`funding_source` text,
	`status` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `action_plan_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`output_id`) REFERENCES `outputs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pillar_id`) REFERENCES `pillars`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "action_plan_version_activities_status_ck" CHECK("status" in ('planned', 'in_progress', 'completed', 'delayed', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX `action_plan_version_activities_version_idx` ON `action_plan_version_activities` (`version_id`,`position`);--> statement-breakpoint
CREATE INDEX `action_plan_version_activities_output_idx` ON `action_plan_version_activities` (`output_id`);--> statement-breakpoint
CREATE TABLE `action_plan_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_plan_id` integer NOT NULL,
	`plan_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`year` integer NOT NULL,
	`version_number` integer NOT NULL,
	`approved_at` text NOT NULL,
	`approved_by_id` integer,
	FOREIGN KEY (`action_plan_id`) REFERENCES `action_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `action_plan_versions_plan_version_uq` ON `action_plan_versions` (`action_plan_id`,`version_number`);--> statement-breakpoint
CREATE INDEX `action_plan_versions_plan_year_idx` ON `action_plan_versions` (`plan_id`,`year`);--> statement-breakpoint
-- hand-written:
-- The public budget (lib/action-plans/public.ts) reads these tables: a write to them draws a new
-- public_token in the same transaction, as migrations 0007 and 0008 do for the others.
CREATE TRIGGER `action_plan_versions_insert_public_token` AFTER INSERT ON `action_plan_versions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `action_plan_versions_update_public_token` AFTER UPDATE ON `action_plan_versions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `action_plan_versions_delete_public_token` AFTER DELETE ON `action_plan_versions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `action_plan_version_activities_insert_public_token` AFTER INSERT ON `action_plan_version_activities`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `action_plan_version_activities_update_public_token` AFTER UPDATE ON `action_plan_version_activities`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `action_plan_version_activities_delete_public_token` AFTER DELETE ON `action_plan_version_activities`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
-- Backfill: an installation upgraded to this version keeps its public budget. Every action plan
-- approved now becomes its version 1, with its activities as they are (an approved plan is
-- locked, so they are the approved figures). Plans that are drafts or submitted now have no
-- approved figures to keep: before this migration the public saw nothing of them either.
INSERT INTO `action_plan_versions`
  (`action_plan_id`, `plan_id`, `institution_id`, `year`, `version_number`, `approved_at`, `approved_by_id`)
SELECT `id`, `plan_id`, `institution_id`, `year`, 1, coalesce(`approved_at`, `updated_at`), `approved_by_id`
  FROM `action_plans`
 WHERE `status` = 'approved';
--> statement-breakpoint
INSERT INTO `action_plan_version_activities`
  (`version_id`, `activity_id`, `output_id`, `pillar_id`, `description`, `quarters`, `budget_needed`,
   `budget_allocated`, `amount_spent`, `funding_source`, `status`, `position`)
SELECT v.`id`, a.`id`, a.`output_id`, o.`pillar_id`, a.`description`, a.`quarters`, a.`budget_needed`,
       a.`budget_allocated`, a.`amount_spent`, a.`funding_source`, a.`status`, a.`position`
  FROM `action_plan_versions` v
  JOIN `activities` a ON a.`action_plan_id` = v.`action_plan_id`
  JOIN `outputs` o ON o.`id` = a.`output_id`;
