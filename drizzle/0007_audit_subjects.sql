CREATE TABLE `audit_subjects` (
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	PRIMARY KEY(`subject_type`, `subject_id`, `entry_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT OR IGNORE INTO `audit_subjects` (`subject_type`, `subject_id`, `entry_id`)
SELECT `target_type`, `target_id`, `id` FROM `audit_log`
WHERE `target_id` IS NOT NULL AND `target_type` IN ('user', 'group', 'orgUnit');
--> statement-breakpoint
INSERT OR IGNORE INTO `audit_subjects` (`subject_type`, `subject_id`, `entry_id`)
SELECT 'user', CAST(`listed`.`value` ->> '$.id' AS INTEGER), `audit_log`.`id`
FROM `audit_log`,
  json_each(CASE WHEN json_valid(`audit_log`.`change`) THEN `audit_log`.`change` ELSE '{}' END, '$.before.users') AS `listed`
WHERE json_type(`listed`.`value`, '$.id') = 'integer';
--> statement-breakpoint
INSERT OR IGNORE INTO `audit_subjects` (`subject_type`, `subject_id`, `entry_id`)
SELECT 'user', CAST(`listed`.`value` ->> '$.id' AS INTEGER), `audit_log`.`id`
FROM `audit_log`,
  json_each(CASE WHEN json_valid(`audit_log`.`change`) THEN `audit_log`.`change` ELSE '{}' END, '$.after.users') AS `listed`
WHERE json_type(`listed`.`value`, '$.id') = 'integer';
--> statement-breakpoint
INSERT OR IGNORE INTO `audit_subjects` (`subject_type`, `subject_id`, `entry_id`)
SELECT 'user', `listed`.`value`, `audit_log`.`id`
FROM `audit_log`,
  json_each(CASE WHEN json_valid(`audit_log`.`change`) THEN `audit_log`.`change` ELSE '{}' END, '$') AS `side`,
  json_each(CASE WHEN `side`.`type` = 'object' THEN `side`.`value` ELSE '{}' END) AS `list`,
  json_each(CASE WHEN `list`.`type` = 'array' THEN `list`.`value` ELSE '[]' END) AS `listed`
WHERE `side`.`key` IN ('before', 'after')
  AND `list`.`key` IN ('addedUserIds', 'removedUserIds', 'memberUserIds', 'userIds', 'reassignedUserIds', 'clearedDepartmentUserIds')
  AND `listed`.`type` = 'integer';
