import { and, eq, ne, sql } from 'drizzle-orm';
import type { GroupRow } from '../../../shared/contract';
import type { Db } from '../client';
import { groups, scorecardColumns } from '../schema';
import { knownOr } from './users';
import { readGroupSettings } from './groupSettings';
import { likeContains } from './userSearch';
import { LICENCE_LEVELS, type GroupSettings } from '../../../shared/domain/permissionModel';

export type GroupRecord = typeof groups.$inferSelect;

const groupRowColumns = {
  id: groups.id,
  name: groups.name,
  description: groups.description,
  memberCount: groups.memberCount,
  licenceLevel: knownOr(groups.licenceLevel, LICENCE_LEVELS, 'member').as('licence_level'),
  settings: groups.settings,
};

type StoredGroupRow = Omit<GroupRow, 'adminPermission' | 'onlyAsExtra' | 'allowedMenus'> & { settings: string };

/** The list row, with the settings the list shows read from the stored JSON. */
export function toGroupRow<Stored extends StoredGroupRow>(stored: Stored): Omit<Stored, 'settings'> & GroupRow & { settings: GroupSettings } {
  const settings = readGroupSettings(stored.settings);
  return {
    ...stored,
    settings,
    adminPermission: settings.adminPermission,
    onlyAsExtra: settings.advanced.onlyAsExtra,
    allowedMenus: settings.allowedMenus,
  };
}

function withoutSettings({ settings: _settings, ...row }: GroupRow & { settings: GroupSettings }): GroupRow {
  return row;
}

export function listGroups(db: Db, workspaceId: number, search: string): GroupRow[] {
  return listGroupsWithSettings(db, workspaceId, search).map(withoutSettings);
}

export function listGroupsWithSettings(db: Db, workspaceId: number, search = ''): (GroupRow & { settings: GroupSettings })[] {
  const text = search.trim();
  const pattern = likeContains(text);
  return db
    .select(groupRowColumns)
    .from(groups)
    .where(
      and(
        eq(groups.workspaceId, workspaceId),
        text === '' ? undefined : sql`(${groups.name} like ${pattern} escape '\\' or ${groups.description} like ${pattern} escape '\\')`,
      ),
    )
    .orderBy(sql`${groups.name} collate nocase`, groups.id)
    .all()
    .map(toGroupRow);
}

export function findGroup(db: Db, workspaceId: number, id: number): GroupRecord | undefined {
  return db
    .select()
    .from(groups)
    .where(and(eq(groups.id, id), eq(groups.workspaceId, workspaceId)))
    .get();
}

export function findGroupRow(db: Db, id: number): GroupRow | undefined {
  const stored = db.select(groupRowColumns).from(groups).where(eq(groups.id, id)).get();
  return stored ? withoutSettings(toGroupRow(stored)) : undefined;
}

/** The row with its settings and when it last changed, for the group editor. */
export function findGroupDetail(db: Db, workspaceId: number, id: number): (GroupRow & { settings: GroupSettings; updatedAt: string }) | undefined {
  const stored = db
    .select({ ...groupRowColumns, updatedAt: groups.updatedAt })
    .from(groups)
    .where(and(eq(groups.id, id), eq(groups.workspaceId, workspaceId)))
    .get();
  return stored ? toGroupRow(stored) : undefined;
}

export function findGroupByName(db: Db, workspaceId: number, name: string, exceptId?: number): GroupRecord | undefined {
  return db
    .select()
    .from(groups)
    .where(
      and(
        eq(groups.workspaceId, workspaceId),
        sql`lower(${groups.name}) = lower(${name})`,
        exceptId === undefined ? undefined : ne(groups.id, exceptId),
      ),
    )
    .get();
}

export function insertGroup(db: Db, values: typeof groups.$inferInsert): GroupRecord {
  return db.insert(groups).values(values).returning().get();
}

export function updateGroup(db: Db, id: number, changes: Partial<typeof groups.$inferInsert>): void {
  db.update(groups).set(changes).where(eq(groups.id, id)).run();
}

export function deleteGroup(db: Db, id: number): void {
  db.delete(groups).where(eq(groups.id, id)).run();
}

export function countGroups(db: Db, workspaceId: number): number {
  return db.select({ total: sql<number>`count(*)` }).from(groups).where(eq(groups.workspaceId, workspaceId)).get()?.total ?? 0;
}

/** The workspace's scorecard columns, which column-specific grants name, in name order. */
export function listScorecardColumns(db: Db, workspaceId: number): { id: number; name: string }[] {
  return db
    .select({ id: scorecardColumns.id, name: scorecardColumns.name })
    .from(scorecardColumns)
    .where(eq(scorecardColumns.workspaceId, workspaceId))
    .orderBy(sql`${scorecardColumns.name} collate nocase`, scorecardColumns.id)
    .all();
}
