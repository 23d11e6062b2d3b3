-- Free-text search over the audit log: a contentless FTS5 index (unicode61 words, case and diacritics folded)
-- of what the text filter searches: the action, the target's label, and the change's keys and values (the
-- reason, group and unit names, field values). Person values are never in audit_log (it holds placeholders
-- for them), and the placeholders themselves are left out, so anonymisation has nothing to erase here.
-- Contentless: the index keeps no copy of the text. audit_log is append-only, so rows are only ever added.
CREATE VIRTUAL TABLE `audit_text` USING fts5(
	body,
	content='', tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `audit_text_after_insert` AFTER INSERT ON `audit_log` BEGIN
	INSERT INTO audit_text(rowid, body) VALUES (new.id, concat_ws(' ',
		new.action,
		CASE WHEN new.target_label LIKE '⟦person:%⟧' THEN NULL ELSE new.target_label END,
		CASE WHEN json_valid(new.change) THEN (
			SELECT group_concat(concat_ws(' ',
				CASE WHEN typeof(`node`.`key`) = 'text' THEN `node`.`key` END,
				CASE WHEN `node`.`atom` LIKE '⟦person:%⟧' THEN NULL ELSE `node`.`atom` END), ' ')
			FROM json_tree(new.change) AS `node`)
		ELSE new.change END));
END;
--> statement-breakpoint
INSERT INTO audit_text(rowid, body)
SELECT `audit_log`.`id`, concat_ws(' ',
	`audit_log`.`action`,
	CASE WHEN `audit_log`.`target_label` LIKE '⟦person:%⟧' THEN NULL ELSE `audit_log`.`target_label` END,
	CASE WHEN json_valid(`audit_log`.`change`) THEN (
		SELECT group_concat(concat_ws(' ',
			CASE WHEN typeof(`node`.`key`) = 'text' THEN `node`.`key` END,
			CASE WHEN `node`.`atom` LIKE '⟦person:%⟧' THEN NULL ELSE `node`.`atom` END), ' ')
		FROM json_tree(`audit_log`.`change`) AS `node`)
	ELSE `audit_log`.`change` END)
FROM `audit_log`;
