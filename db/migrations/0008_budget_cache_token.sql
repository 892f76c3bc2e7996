-- The public budget picture (lib/action-plans/public.ts) is cached like the other public reads
-- (migration 0007): a write to a yearly action plan or to its activities draws a new
-- public_token in the same transaction, so an approval (or a reopening) shows at once.
CREATE TRIGGER `action_plans_insert_public_token` AFTER INSERT ON `action_plans`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `action_plans_update_public_token` AFTER UPDATE ON `action_plans`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `action_plans_delete_public_token` AFTER DELETE ON `action_plans`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `activities_insert_public_token` AFTER INSERT ON `activities`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `activities_update_public_token` AFTER UPDATE ON `activities`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `activities_delete_public_token` AFTER DELETE ON `activities`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
