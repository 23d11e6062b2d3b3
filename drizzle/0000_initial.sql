CREATE TABLE `workspaces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workspaces_name_unique` ON `workspaces` (lower("name"));--> statement-breakpoint
CREATE TABLE `org_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`parent_id` integer,
	`name` text NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `org_units_parent` ON `org_units` (`workspace_id`,`parent_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text NOT NULL,
	`user_type` text NOT NULL,
	`platform_role` text NOT NULL,
	`sso` integer NOT NULL,
	`password_hash` text,
	`must_change_password` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`department_id` integer,
	`group_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`anonymised_at` text,
	FOREIGN KEY (`department_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_live_unique` ON `users` (lower("email")) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_last_name` ON `users` ("last_name" collate nocase,"first_name" collate nocase,`id`,`status`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_first_name` ON `users` ("first_name" collate nocase,"last_name" collate nocase,`id`,`status`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_username` ON `users` ("username" collate nocase,`id`,`status`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_email` ON `users` ("email" collate nocase,`id`,`status`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_user_type` ON `users` (`user_type`,`id`,`status`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_status` ON `users` (`status`,`id`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_group_count` ON `users` (`group_count`,`id`,`status`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE TABLE `groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`member_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_workspace_name_unique` ON `groups` (`workspace_id`,lower("name"));--> statement-breakpoint
CREATE TABLE `memberships` (
	`group_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_user` ON `memberships` (`user_id`,`group_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`operator_id` integer,
	`operator_label` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer,
	`target_label` text NOT NULL,
	`change` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
