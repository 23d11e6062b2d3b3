import { and, eq, sql } from 'drizzle-orm';
import type { OrgUnitRow, OrgUnitTreeNode } from '../../../shared/contract/orgUnits';
import type { Db } from '../client';
import { orgUnits } from '../schema';

export type OrgUnitRecord = typeof orgUnits.$inferSelect;

export function insertOrgUnit(db: Db, values: typeof orgUnits.$inferInsert): number {
  return db.insert(orgUnits).values(values).returning({ id: orgUnits.id }).get().id;
}

/** Full path names ("Company / Operations / Logistics") by unit id, for lists and exports. */
export function orgUnitPaths(db: Db, workspaceId: number): Map<number, string> {
  const units = db.select().from(orgUnits).where(eq(orgUnits.workspaceId, workspaceId)).all();
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const paths = new Map<number, string>();
  const pathOf = (id: number, depth = 0): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const unit = byId.get(id);
    if (!unit) return '';
    const parent = unit.parentId !== null && depth < 64 ? pathOf(unit.parentId, depth + 1) : '';
    const path = parent === '' ? unit.name : `${parent} / ${unit.name}`;
    paths.set(id, path);
    return path;
  };
  for (const unit of units) pathOf(unit.id);
  return paths;
}

export function findOrgUnit(db: Db, workspaceId: number, id: number): OrgUnitRecord | undefined {
  return db.select().from(orgUnits).where(and(eq(orgUnits.id, id), eq(orgUnits.workspaceId, workspaceId))).get();
}

/** The path of one unit, walking up its ancestors (a damaged tree with a cycle stops after 64 steps). */
export function orgUnitPath(db: Db, workspaceId: number, id: number): string {
  const rows = db.all<{ name: string }>(
    sql`with recursive up(id, parent_id, name, depth) as (
          select id, parent_id, name, 0 from org_units where id = ${id} and workspace_id = ${workspaceId}
          union all
          select o.id, o.parent_id, o.name, up.depth + 1 from org_units o join up on o.id = up.parent_id
          where up.depth < 64
        )
        select name from up order by depth desc`,
  );
  return rows.map((row) => row.name).join(' / ');
}

/** The units directly under a parent (null: the top units). */
export function orgUnitSiblings(db: Db, workspaceId: number, parentId: number | null): OrgUnitRecord[] {
  const parent = parentId === null ? sql`${orgUnits.parentId} is null` : eq(orgUnits.parentId, parentId);
  return db.select().from(orgUnits).where(and(eq(orgUnits.workspaceId, workspaceId), parent)).all();
}

interface ChildRowQuery {
  parentId: number | null;
  /** Only these units (a Local administrator's); null: every unit. */
  within: ReadonlySet<number> | null;
  /** Instead of the parent's children: the units of `within` whose parent is outside it (a Local administrator's top units). */
  topsOfWithin?: boolean;
}

/**
 * Rows with their child and live-user counts, in one statement: both counts are index lookups
 * (org_units_parent, users_department), so a level costs its own size, not the tree's or the user table's.
 */
export function orgUnitChildRows(db: Db, workspaceId: number, query: ChildRowQuery): OrgUnitRow[] {
  const within = query.within === null ? null : JSON.stringify([...query.within]);
  const where =
    query.topsOfWithin && within !== null
      ? sql`o.id in (select value from json_each(${within}))
            and (o.parent_id is null or o.parent_id not in (select value from json_each(${within})))`
      : query.parentId === null
        ? sql`o.parent_id is null`
        : sql`o.parent_id = ${query.parentId}`;
  const restricted = within === null || query.topsOfWithin ? sql`1` : sql`o.id in (select value from json_each(${within}))`;
  const rows = db.all<{ id: number; parentId: number | null; name: string; hidden: number; childCount: number; userCount: number }>(
    sql`select o.id as id, o.parent_id as parentId, o.name as name, o.hidden as hidden,
          (select count(*) from org_units c where c.workspace_id = o.workspace_id and c.parent_id = o.id) as childCount,
          (select count(*) from users u where u.department_id = o.id and u.deleted_at is null) as userCount
        from org_units o
        where o.workspace_id = ${workspaceId} and ${where} and ${restricted}
        order by o.name collate nocase, o.id`,
  );
  return rows.map((row) => ({ ...row, hidden: row.hidden === 1 }));
}

export function findOrgUnitRow(db: Db, workspaceId: number, id: number): OrgUnitRow | undefined {
  const unit = findOrgUnit(db, workspaceId, id);
  if (!unit) return undefined;
  return orgUnitChildRows(db, workspaceId, { parentId: unit.parentId, within: new Set([id]) })[0];
}

/**
 * Every unit, parents before children, siblings by name. Units a damaged tree leaves unreachable from a top
 * unit (a cycle) are left out, since no order can put their parents first.
 */
export function orgUnitTreeNodes(db: Db, workspaceId: number): OrgUnitTreeNode[] {
  const units = db
    .select({ id: orgUnits.id, parentId: orgUnits.parentId, name: orgUnits.name, hidden: orgUnits.hidden })
    .from(orgUnits)
    .where(eq(orgUnits.workspaceId, workspaceId))
    .orderBy(sql`${orgUnits.name} collate nocase`, orgUnits.id)
    .all();
  const known = new Set(units.map((unit) => unit.id));
  const childrenOf = new Map<number | null, OrgUnitTreeNode[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && known.has(unit.parentId) ? unit.parentId : null;
    const siblings = childrenOf.get(parent) ?? [];
    siblings.push(unit);
    childrenOf.set(parent, siblings);
  }
  const ordered: OrgUnitTreeNode[] = [];
  const queue = [...(childrenOf.get(null) ?? [])];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    ordered.push(next);
    queue.push(...(childrenOf.get(next.id) ?? []));
  }
  return ordered;
}

export function renameOrgUnitRecord(db: Db, id: number, name: string): void {
  db.update(orgUnits).set({ name }).where(eq(orgUnits.id, id)).run();
}

export function setOrgUnitHiddenRecord(db: Db, id: number, hidden: boolean): void {
  db.update(orgUnits).set({ hidden }).where(eq(orgUnits.id, id)).run();
}

export function setOrgUnitParent(db: Db, id: number, parentId: number | null): void {
  db.update(orgUnits).set({ parentId }).where(eq(orgUnits.id, id)).run();
}

/** Deletes the units in one statement, so the parent references inside the set never dangle between rows. */
export function deleteOrgUnitRecords(db: Db, ids: readonly number[]): void {
  db.run(sql`delete from org_units where id in (select value from json_each(${JSON.stringify(ids)}))`);
}

export interface DepartmentUsage {
  count: number;
  /** The first few live users, by name. */
  first: { id: number; username: string; firstName: string; lastName: string }[];
}

/** Live users whose department is one of the units. */
export function departmentUsage(db: Db, unitIds: readonly number[], shown: number): DepartmentUsage {
  const units = JSON.stringify(unitIds);
  const live = sql`department_id in (select value from json_each(${units})) and deleted_at is null`;
  const count = db.get<{ count: number }>(sql`select count(*) as count from users where ${live}`)?.count ?? 0;
  const first = db.all<DepartmentUsage['first'][number]>(
    sql`select id, username, first_name as firstName, last_name as lastName from users where ${live}
        order by last_name collate nocase, first_name collate nocase, id limit ${shown}`,
  );
  return { count, first };
}

/** Every user (soft-deleted ones too) whose department is one of the units now has `departmentId`; returns their ids. */
export function moveDepartments(db: Db, unitIds: readonly number[], departmentId: number | null, now: string): number[] {
  const rows = db.all<{ id: number }>(
    sql`update users set department_id = ${departmentId}, updated_at = ${now}
        where department_id in (select value from json_each(${JSON.stringify(unitIds)})) returning id`,
  );
  return rows.map((row) => row.id);
}

/** The workspace's groups with their stored settings text, for finding the ones that name a unit. */
export function groupsWithStoredSettings(db: Db, workspaceId: number): { id: number; name: string; settings: string }[] {
  return db.all<{ id: number; name: string; settings: string }>(
    sql`select id, name, settings from groups where workspace_id = ${workspaceId} order by name collate nocase, id`,
  );
}

export function storeGroupSettings(db: Db, groupId: number, settings: string, now: string): void {
  db.run(sql`update groups set settings = ${settings}, updated_at = ${now} where id = ${groupId}`);
}
