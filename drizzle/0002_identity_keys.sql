DROP INDEX `users_username_unique`;--> statement-breakpoint
DROP INDEX `users_email_live_unique`;--> statement-breakpoint
ALTER TABLE `users` ADD `username_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `email_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Existing identities are stored NFC-normalised and keyed by their folded form. The functions are registered
-- on the connection by electron/db/identityFunctions.ts; a preflight refuses the upgrade when two rows would
-- share a key, so nothing is merged silently.
UPDATE `users` SET `username` = accessdesk_normalise_identity(`username`), `email` = accessdesk_normalise_identity(`email`),
	`username_key` = accessdesk_identity_key(`username`), `email_key` = accessdesk_identity_key(`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_key_unique` ON `users` (`username_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_key_live_unique` ON `users` (`email_key`) WHERE "users"."deleted_at" is null;