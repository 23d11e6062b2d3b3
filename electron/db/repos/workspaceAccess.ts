import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface UserGroupSettingsRow {
  groupId: number;
  name: string;
  isMain: boolean;
  settings: string;
}

/** The user's current groups in the workspace with their stored settings, main group first. */
export function groupsOfUserWithSettings(db: Db, workspaceId: number, userId: number, today: string): UserGroupSettingsRow[] {
  return db
    .all<{ groupId: number; name: string; isMain: number; settings: string }>(
      sql`select g.id as groupId, g.name as name, m.is_main as isMain, g.settings as settings
          from memberships m join groups g on g.id = m.group_id
          where m.user_id = ${userId} and g.workspace_id = ${workspaceId}
            and (m.ends_on is null or m.ends_on > ${today})
          order by m.is_main desc, g.name collate nocase, g.id`,
    )
    .map((row) => ({ ...row, isMain: row.isMain === 1 }));
}

/** The units and all their descendants in the workspace (cycles in a damaged tree end the walk). */
export function subtreeUnitIds(db: Db, workspaceId: number, rootIds: readonly number[]): Set<number> {
  if (rootIds.length === 0) return new Set();
  const rows = db.all<{ id: number }>(
    sql`with recursive subtree(id) as (
          select o.id from org_units o join json_each(${JSON.stringify(rootIds)}) chosen on chosen.value = o.id
          where o.workspace_id = ${workspaceId}
          union
          select o.id from org_units o join subtree on o.parent_id = subtree.id
        )
        select id from subtree`,
  );
  return new Set(rows.map((row) => row.id));
}

export function allUnitIds(db: Db, workspaceId: number): Set<number> {
  const rows = db.all<{ id: number }>(sql`select id from org_units where workspace_id = ${workspaceId}`);
  return new Set(rows.map((row) => row.id));
}
