CREATE TABLE `platform_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`auth_mode` text DEFAULT 'local' NOT NULL,
	`password_min_length` integer DEFAULT 12 NOT NULL,
	`idle_lock_minutes` integer DEFAULT 15 NOT NULL,
	`anonymise_after_days` integer,
	`updated_at` text,
	CONSTRAINT "platform_settings_single_row" CHECK("platform_settings"."id" = 1),
	CONSTRAINT "platform_settings_auth_mode" CHECK("platform_settings"."auth_mode" in ('local', 'directory', 'entra')),
	CONSTRAINT "platform_settings_password_min_length" CHECK("platform_settings"."password_min_length" between 8 and 128),
	CONSTRAINT "platform_settings_idle_lock_minutes" CHECK("platform_settings"."idle_lock_minutes" between 1 and 480),
	CONSTRAINT "platform_settings_anonymise_after_days" CHECK("platform_settings"."anonymise_after_days" is null or "platform_settings"."anonymise_after_days" between 1 and 3650)
);
--> statement-breakpoint
INSERT INTO `platform_settings` (`id`) VALUES (1);
