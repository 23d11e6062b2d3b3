CREATE TABLE `audit_chain_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`key_check` text NOT NULL,
	`resealed_at` text,
	`legacy_broken_id` integer,
	`legacy_broken_reason` text
);
--> statement-breakpoint
CREATE TABLE `audit_personal` (
	`commitment` text PRIMARY KEY NOT NULL,
	`entry_id` integer NOT NULL,
	`user_id` integer,
	`value` text NOT NULL,
	`salt` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_personal_entry` ON `audit_personal` (`entry_id`);--> statement-breakpoint
CREATE INDEX `audit_personal_user` ON `audit_personal` (`user_id`);--> statement-breakpoint
CREATE INDEX `audit_log_operator_id` ON `audit_log` (`operator_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_target_id` ON `audit_log` (`target_type`,`target_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_action_id` ON `audit_log` (`action`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);