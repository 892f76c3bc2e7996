CREATE TABLE `action_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`year` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by_id` integer,
	`submitted_at` text,
	`approved_at` text,
	`approved_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "action_plans_status_ck" CHECK("status" in ('draft', 'submitted', 'approved'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `action_plans_plan_institution_year_uq` ON `action_plans` (`plan_id`,`institution_id`,`year`);--> statement-breakpoint
CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_plan_id` integer NOT NULL,
	`output_id` integer NOT NULL,
	`description` text NOT NULL,
	`quarters` integer DEFAULT 0 NOT NULL,
	`budget_needed` real,
	`budget_allocated` real,
	`amount_spent` real,
	`funding_source` text,
	`status` text DEFAULT 'planned' NOT NULL,
	`position` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`action_plan_id`) REFERENCES `action_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`output_id`) REFERENCES `outputs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "activities_status_ck" CHECK("status" in ('planned', 'in_progress', 'completed', 'delayed', 'cancelled')),
	CONSTRAINT "activities_quarters_ck" CHECK("activities"."quarters" between 0 and 15),
	CONSTRAINT "activities_money_ck" CHECK(coalesce("activities"."budget_needed", 0) >= 0 and coalesce("activities"."budget_allocated", 0) >= 0 and coalesce("activities"."amount_spent", 0) >= 0)
);
--> statement-breakpoint
CREATE INDEX `activities_action_plan_idx` ON `activities` (`action_plan_id`,`position`);--> statement-breakpoint
CREATE INDEX `activities_output_idx` ON `activities` (`output_id`);--> statement-breakpoint
CREATE TABLE `activity_updates` (
	`report_id` integer NOT NULL,
	`activity_id` integer NOT NULL,
	`status` text NOT NULL,
	`amount_spent` real,
	`note` text,
	PRIMARY KEY(`report_id`, `activity_id`),
	FOREIGN KEY (`report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "activity_updates_status_ck" CHECK("status" in ('planned', 'in_progress', 'completed', 'delayed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`reason` text,
	`ip` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`created_at`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`item_ref` text,
	`parent_id` integer,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_report_idx` ON `comments` (`report_id`);--> statement-breakpoint
CREATE TABLE `dimension_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dimension_id` integer NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`parent_id` integer,
	`position` integer NOT NULL,
	FOREIGN KEY (`dimension_id`) REFERENCES `dimensions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dimension_categories_dimension_key_uq` ON `dimension_categories` (`dimension_id`,`key`);--> statement-breakpoint
CREATE TABLE `dimensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dimensions_plan_key_uq` ON `dimensions` (`plan_id`,`key`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`file_hash` text,
	`file_name` text,
	`mime_type` text,
	`size_bytes` integer,
	`url` text,
	`title` text NOT NULL,
	`visibility` text DEFAULT 'internal' NOT NULL,
	`uploaded_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evidence_visibility_ck" CHECK("visibility" in ('public', 'internal')),
	CONSTRAINT "evidence_file_or_link_ck" CHECK(("evidence"."file_hash" is null) <> ("evidence"."url" is null))
);
--> statement-breakpoint
CREATE INDEX `evidence_report_idx` ON `evidence` (`report_id`);--> statement-breakpoint
CREATE TABLE `indicator_dimensions` (
	`indicator_id` integer NOT NULL,
	`dimension_id` integer NOT NULL,
	PRIMARY KEY(`indicator_id`, `dimension_id`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`dimension_id`) REFERENCES `dimensions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `indicator_targets` (
	`indicator_id` integer NOT NULL,
	`year` integer NOT NULL,
	`value` real,
	`value_text` text,
	PRIMARY KEY(`indicator_id`, `year`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`pillar_id` integer NOT NULL,
	`output_id` integer,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`definition` text,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`baseline_value` real,
	`baseline_text` text,
	`baseline_year` integer,
	`end_target` real,
	`end_target_text` text,
	`data_source` text,
	`collection_frequency` text DEFAULT 'annual' NOT NULL,
	`responsible_institution_id` integer,
	`sensitive` integer DEFAULT false NOT NULL,
	`provenance` text,
	`illustrative` integer DEFAULT false NOT NULL,
	`position` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pillar_id`) REFERENCES `pillars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`output_id`) REFERENCES `outputs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`responsible_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "indicators_unit_ck" CHECK("unit" in ('count', 'percent', 'currency', 'yes_no', 'text')),
	CONSTRAINT "indicators_direction_ck" CHECK("direction" in ('increase', 'decrease', 'maintain')),
	CONSTRAINT "indicators_frequency_ck" CHECK("collection_frequency" in ('annual', 'semi_annual', 'quarterly', 'monthly', 'once'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_plan_code_uq` ON `indicators` (`plan_id`,`code`);--> statement-breakpoint
CREATE INDEX `indicators_output_idx` ON `indicators` (`output_id`,`position`);--> statement-breakpoint
CREATE INDEX `indicators_pillar_idx` ON `indicators` (`pillar_id`,`position`);--> statement-breakpoint
CREATE INDEX `indicators_responsible_idx` ON `indicators` (`responsible_institution_id`);--> statement-breakpoint
CREATE TABLE `institutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`country_code` text NOT NULL,
	`acronym` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`website` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "institutions_kind_ck" CHECK("kind" in ('ministry', 'department', 'agency', 'security_service', 'local_government', 'civil_society', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `institutions_country_acronym_uq` ON `institutions` (`country_code`,`acronym`);--> statement-breakpoint
CREATE TABLE `milestone_updates` (
	`report_id` integer NOT NULL,
	`milestone_id` integer NOT NULL,
	`status` text NOT NULL,
	`note` text,
	PRIMARY KEY(`report_id`, `milestone_id`),
	FOREIGN KEY (`report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "milestone_updates_status_ck" CHECK("status" in ('not_started', 'in_progress', 'achieved', 'delayed', 'dropped'))
);
--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`output_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'not_started' NOT NULL,
	`responsible_institution_id` integer,
	`illustrative` integer DEFAULT false NOT NULL,
	`position` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`output_id`) REFERENCES `outputs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`responsible_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "milestones_status_ck" CHECK("status" in ('not_started', 'in_progress', 'achieved', 'delayed', 'dropped'))
);
--> statement-breakpoint
CREATE INDEX `milestones_output_idx` ON `milestones` (`output_id`,`position`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text,
	`link` text,
	`dedupe_key` text,
	`read_at` text,
	`emailed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_uq` ON `notifications` (`user_id`,`dedupe_key`);--> statement-breakpoint
CREATE TABLE `observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`period_code` text NOT NULL,
	`year` integer NOT NULL,
	`breakdown` text DEFAULT '' NOT NULL,
	`value` real,
	`value_text` text,
	`report_id` integer,
	`institution_id` integer,
	`provenance` text,
	`illustrative` integer DEFAULT false NOT NULL,
	`approved_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `observations_indicator_period_breakdown_uq` ON `observations` (`indicator_id`,`period_code`,`breakdown`);--> statement-breakpoint
CREATE INDEX `observations_indicator_year_idx` ON `observations` (`indicator_id`,`year`);--> statement-breakpoint
CREATE TABLE `output_institutions` (
	`output_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`output_id`, `institution_id`),
	FOREIGN KEY (`output_id`) REFERENCES `outputs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "output_institutions_role_ck" CHECK("role" in ('lead', 'supporting'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `output_institutions_one_lead_uq` ON `output_institutions` (`output_id`) WHERE role = 'lead';--> statement-breakpoint
CREATE INDEX `output_institutions_institution_idx` ON `output_institutions` (`institution_id`);--> statement-breakpoint
CREATE TABLE `output_ratings` (
	`report_id` integer NOT NULL,
	`output_id` integer NOT NULL,
	`rating` text NOT NULL,
	`note` text,
	PRIMARY KEY(`report_id`, `output_id`),
	FOREIGN KEY (`report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`output_id`) REFERENCES `outputs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "output_ratings_rating_ck" CHECK("rating" in ('on_track', 'at_risk', 'off_track'))
);
--> statement-breakpoint
CREATE TABLE `outputs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pillar_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`pillar_id`) REFERENCES `pillars`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "outputs_number_ck" CHECK("outputs"."number" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outputs_pillar_number_uq` ON `outputs` (`pillar_id`,`number`);--> statement-breakpoint
CREATE TABLE `pillars` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "pillars_number_ck" CHECK("pillars"."number" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pillars_plan_number_uq` ON `pillars` (`plan_id`,`number`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`country_code` text NOT NULL,
	`country_name` text NOT NULL,
	`title` text NOT NULL,
	`generation` integer NOT NULL,
	`start_year` integer NOT NULL,
	`end_year` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`summary` text,
	`lead_institution_id` integer,
	`budget_statement` text,
	`civil_society_participation` text,
	`pillar_term` text DEFAULT 'pillar' NOT NULL,
	`pillar_term_plural` text DEFAULT 'pillars' NOT NULL,
	`currency` text NOT NULL,
	`fiscal_year_start_month` integer DEFAULT 1 NOT NULL,
	`original_language` text DEFAULT 'en' NOT NULL,
	`status_tolerance` real DEFAULT 0.1 NOT NULL,
	`status_at_risk_share` real DEFAULT 0.5 NOT NULL,
	`source_document_url` text,
	`activated_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`lead_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "plans_status_ck" CHECK("status" in ('draft', 'active', 'closed')),
	CONSTRAINT "plans_years_ck" CHECK("plans"."start_year" <= "plans"."end_year"),
	CONSTRAINT "plans_generation_ck" CHECK("plans"."generation" >= 1),
	CONSTRAINT "plans_fy_ck" CHECK("plans"."fiscal_year_start_month" between 1 and 12)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_slug_uq` ON `plans` (`slug`);--> statement-breakpoint
CREATE TABLE `progress_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`institution_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`achievements` text,
	`challenges` text,
	`next_steps` text,
	`updated_by_id` integer,
	`submitted_at` text,
	`approved_at` text,
	`approved_by_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period_id`) REFERENCES `reporting_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "progress_reports_status_ck" CHECK("status" in ('draft', 'submitted', 'approved'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `progress_reports_institution_period_uq` ON `progress_reports` (`institution_id`,`period_id`);--> statement-breakpoint
CREATE INDEX `progress_reports_status_idx` ON `progress_reports` (`status`,`period_id`);--> statement-breakpoint
CREATE TABLE `report_values` (
	`report_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`breakdown` text DEFAULT '' NOT NULL,
	`value` real,
	`value_text` text,
	`note` text,
	PRIMARY KEY(`report_id`, `indicator_id`, `breakdown`),
	FOREIGN KEY (`report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `report_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`version_number` integer NOT NULL,
	`approved_at` text NOT NULL,
	`approved_by_id` integer,
	`snapshot` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `progress_reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_versions_report_version_uq` ON `report_versions` (`report_id`,`version_number`);--> statement-breakpoint
CREATE TABLE `reporting_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`code` text NOT NULL,
	`type` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "reporting_periods_type_ck" CHECK("type" in ('annual', 'semi_annual', 'quarterly')),
	CONSTRAINT "reporting_periods_status_ck" CHECK("status" in ('open', 'closed')),
	CONSTRAINT "reporting_periods_dates_ck" CHECK("reporting_periods"."start_date" <= "reporting_periods"."end_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reporting_periods_plan_code_uq` ON `reporting_periods` (`plan_id`,`code`);--> statement-breakpoint
CREATE INDEX `reporting_periods_deadline_idx` ON `reporting_periods` (`status`,`deadline`);--> statement-breakpoint
CREATE TABLE `shadow_observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`output_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`organisation_name` text NOT NULL,
	`rating` text NOT NULL,
	`body` text NOT NULL,
	`evidence_url` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`moderated_by_id` integer,
	`moderated_at` text,
	`moderation_note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`output_id`) REFERENCES `outputs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`moderated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shadow_observations_rating_ck" CHECK("rating" in ('on_track', 'at_risk', 'off_track')),
	CONSTRAINT "shadow_observations_status_ck" CHECK("status" in ('pending', 'published', 'rejected'))
);
--> statement-breakpoint
CREATE INDEX `shadow_observations_output_status_idx` ON `shadow_observations` (`output_id`,`status`);--> statement-breakpoint
CREATE TABLE `translations` (
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`field` text NOT NULL,
	`locale` text NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`entity_type`, `entity_id`, `field`, `locale`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`institution_id` integer,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_ck" CHECK("role" in ('cso', 'reporter', 'reviewer', 'admin')),
	CONSTRAINT "users_reporter_institution_ck" CHECK("users"."role" <> 'reporter' or "users"."institution_id" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_institution_idx` ON `users` (`institution_id`);