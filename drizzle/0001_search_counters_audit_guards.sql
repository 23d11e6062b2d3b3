-- Substring search over users: an external-content FTS5 table with the trigram tokenizer, kept in step
-- with users by triggers so every write updates it in the same transaction.
CREATE VIRTUAL TABLE `users_search` USING fts5(
	username, first_name, last_name, email,
	content='users', content_rowid='id', tokenize='trigram'
);
--> statement-breakpoint
CREATE TRIGGER `users_search_after_insert` AFTER INSERT ON `users` BEGIN
	INSERT INTO users_search(rowid, username, first_name, last_name, email)
	VALUES (new.id, new.username, new.first_name, new.last_name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_after_delete` AFTER DELETE ON `users` BEGIN
	INSERT INTO users_search(users_search, rowid, username, first_name, last_name, email)
	VALUES ('delete', old.id, old.username, old.first_name, old.last_name, old.email);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_after_update` AFTER UPDATE OF username, first_name, last_name, email ON `users` BEGIN
	INSERT INTO users_search(users_search, rowid, username, first_name, last_name, email)
	VALUES ('delete', old.id, old.username, old.first_name, old.last_name, old.email);
	INSERT INTO users_search(rowid, username, first_name, last_name, email)
	VALUES (new.id, new.username, new.first_name, new.last_name, new.email);
END;
--> statement-breakpoint
-- Member and group counts are shown and sorted on in every list; triggers keep them exact.
CREATE TRIGGER `memberships_count_after_insert` AFTER INSERT ON `memberships` BEGIN
	UPDATE `groups` SET member_count = member_count + 1 WHERE id = new.group_id;
	UPDATE `users` SET group_count = group_count + 1 WHERE id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `memberships_count_after_delete` AFTER DELETE ON `memberships` BEGIN
	UPDATE `groups` SET member_count = member_count - 1 WHERE id = old.group_id;
	UPDATE `users` SET group_count = group_count - 1 WHERE id = old.user_id;
END;
--> statement-breakpoint
-- The audit log is append-only.
CREATE TRIGGER `audit_log_refuse_update` BEFORE UPDATE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'The audit log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_refuse_delete` BEFORE DELETE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'The audit log is append-only');
END;
--> statement-breakpoint
INSERT INTO `workspaces` (`name`, `created_at`) VALUES ('Default workspace', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
