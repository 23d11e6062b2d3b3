DROP INDEX `users_sort_first_name`;--> statement-breakpoint
DROP INDEX `users_sort_username`;--> statement-breakpoint
DROP INDEX `users_sort_email`;--> statement-breakpoint
DROP INDEX `users_sort_user_type`;--> statement-breakpoint
DROP INDEX `users_sort_group_count`;--> statement-breakpoint
CREATE INDEX `users_sort_first_name` ON `users` ("first_name" collate nocase,"last_name" collate nocase,`id`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_username` ON `users` ("username" collate nocase,`id`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_email` ON `users` ("email" collate nocase,`id`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_user_type` ON `users` (`user_type`,`id`) WHERE "users"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `users_sort_group_count` ON `users` (`group_count`,`id`) WHERE "users"."deleted_at" is null;