CREATE TABLE `scorecard_columns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorecard_columns_workspace_name_unique` ON `scorecard_columns` (`workspace_id`,lower("name"));--> statement-breakpoint
ALTER TABLE `groups` ADD `settings` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `groups` ADD `licence_level` text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE `memberships` ADD `is_main` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `memberships` ADD `ends_on` text;--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_one_main_group` ON `memberships` (`user_id`) WHERE "memberships"."is_main" = 1;--> statement-breakpoint
CREATE INDEX `memberships_ending` ON `memberships` (`ends_on`) WHERE "memberships"."ends_on" is not null;--> statement-breakpoint
CREATE INDEX `users_department` ON `users` (`department_id`);--> statement-breakpoint
-- A user's oldest membership becomes their main group, so stores from before main groups keep one per user.
UPDATE `memberships` SET `is_main` = 1 WHERE (`user_id`, `group_id`) IN (SELECT `user_id`, min(`group_id`) FROM `memberships` GROUP BY `user_id`);--> statement-breakpoint
INSERT INTO `scorecard_columns` (`workspace_id`, `name`) SELECT `id`, 'Strategic goals' FROM `workspaces`;--> statement-breakpoint
INSERT INTO `scorecard_columns` (`workspace_id`, `name`) SELECT `id`, 'Key results' FROM `workspaces`;--> statement-breakpoint
INSERT INTO `scorecard_columns` (`workspace_id`, `name`) SELECT `id`, 'Targets' FROM `workspaces`;
