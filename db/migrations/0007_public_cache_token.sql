-- Public reads (plan list, plan trees, indicator data) are cached in each server process
-- (lib/plans/public-cache.ts), keyed by this token. Every insert, update or delete in a table
-- those reads come from draws a new random token in the same transaction, so no write can be
-- forgotten by code, scripts or imports: a cached answer is used only while the data it was
-- computed from is unchanged. A random token (not a counter) also tells apart a restored
-- backup from the data it replaced.
INSERT OR IGNORE INTO `app_settings` (`key`, `value`) VALUES ('public_token', lower(hex(randomblob(8))));
--> statement-breakpoint
CREATE TRIGGER `plans_insert_public_token` AFTER INSERT ON `plans`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `plans_update_public_token` AFTER UPDATE ON `plans`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `plans_delete_public_token` AFTER DELETE ON `plans`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `pillars_insert_public_token` AFTER INSERT ON `pillars`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `pillars_update_public_token` AFTER UPDATE ON `pillars`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `pillars_delete_public_token` AFTER DELETE ON `pillars`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `outputs_insert_public_token` AFTER INSERT ON `outputs`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `outputs_update_public_token` AFTER UPDATE ON `outputs`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `outputs_delete_public_token` AFTER DELETE ON `outputs`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `output_institutions_insert_public_token` AFTER INSERT ON `output_institutions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `output_institutions_update_public_token` AFTER UPDATE ON `output_institutions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `output_institutions_delete_public_token` AFTER DELETE ON `output_institutions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `dimensions_insert_public_token` AFTER INSERT ON `dimensions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `dimensions_update_public_token` AFTER UPDATE ON `dimensions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `dimensions_delete_public_token` AFTER DELETE ON `dimensions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `dimension_categories_insert_public_token` AFTER INSERT ON `dimension_categories`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `dimension_categories_update_public_token` AFTER UPDATE ON `dimension_categories`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `dimension_categories_delete_public_token` AFTER DELETE ON `dimension_categories`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_insert_public_token` AFTER INSERT ON `indicators`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_update_public_token` AFTER UPDATE ON `indicators`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_delete_public_token` AFTER DELETE ON `indicators`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_insert_public_token` AFTER INSERT ON `indicator_targets`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_update_public_token` AFTER UPDATE ON `indicator_targets`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_targets_delete_public_token` AFTER DELETE ON `indicator_targets`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_dimensions_insert_public_token` AFTER INSERT ON `indicator_dimensions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_dimensions_update_public_token` AFTER UPDATE ON `indicator_dimensions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_dimensions_delete_public_token` AFTER DELETE ON `indicator_dimensions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `milestones_insert_public_token` AFTER INSERT ON `milestones`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `milestones_update_public_token` AFTER UPDATE ON `milestones`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `milestones_delete_public_token` AFTER DELETE ON `milestones`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `institutions_insert_public_token` AFTER INSERT ON `institutions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `institutions_update_public_token` AFTER UPDATE ON `institutions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `institutions_delete_public_token` AFTER DELETE ON `institutions`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `observations_insert_public_token` AFTER INSERT ON `observations`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `observations_update_public_token` AFTER UPDATE ON `observations`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
--> statement-breakpoint
CREATE TRIGGER `observations_delete_public_token` AFTER DELETE ON `observations`
BEGIN
  UPDATE `app_settings` SET `value` = lower(hex(randomblob(8))) WHERE `key` = 'public_token';
END;
