ALTER TABLE `action_plans` ADD `returned_at` text;--> statement-breakpoint
ALTER TABLE `action_plans` ADD `return_reason` text;--> statement-breakpoint
ALTER TABLE `action_plans` ADD `reopened_at` text;--> statement-breakpoint
ALTER TABLE `action_plans` ADD `reopen_reason` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `item_ref` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `email_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `email_error` text;--> statement-breakpoint
ALTER TABLE `progress_reports` ADD `returned_at` text;--> statement-breakpoint
ALTER TABLE `progress_reports` ADD `return_reason` text;--> statement-breakpoint
ALTER TABLE `progress_reports` ADD `reopened_at` text;--> statement-breakpoint
ALTER TABLE `progress_reports` ADD `reopen_reason` text;