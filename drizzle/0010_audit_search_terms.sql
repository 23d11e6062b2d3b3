-- The words of the free-text index (audit_text), one row each, sorted: a search's last word is a prefix, and
-- FTS5 answers a prefix by merging the whole doclist of every word it could be (~100 ms for a word in most of
-- a million entries), while a list of whole words is read lazily, newest first. So the prefix is looked up here
-- and searched as those whole words. Filled by the append path (electron/services/auditSearchTerms.ts) with a
-- superset of the index's words; filled here, once, from the index's own vocabulary.
CREATE TABLE `audit_search_terms` (
	`term` text PRIMARY KEY NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE VIRTUAL TABLE temp.`audit_text_vocabulary` USING fts5vocab(main, 'audit_text', 'row');
--> statement-breakpoint
INSERT OR IGNORE INTO `audit_search_terms` (`term`) SELECT `term` FROM temp.`audit_text_vocabulary`;
--> statement-breakpoint
DROP TABLE temp.`audit_text_vocabulary`;
