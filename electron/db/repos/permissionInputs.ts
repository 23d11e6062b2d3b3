import { asc, eq, sql } from 'drizzle-orm';
import type { OrgUnitNode } from '../../../shared/domain/orgTree';
import type { UserType } from '../../../shared/domain/users';
import type { Db } from '../client';
import { orgUnits, scorecardColumns } from '../schema';

/** Every unit of the workspace as the engine's tree nodes. */
export function orgUnitNodes(db: Db, workspaceId: number): OrgUnitNode[] {
  return db
    .select({ id: orgUnits.id, parentId: orgUnits.parentId, name: orgUnits.name, hidden: orgUnits.hidden })
    .from(orgUnits)
    .where(eq(orgUnits.workspaceId, workspaceId))
    .all();
}

export function scorecardColumnsOf(db: Db, workspaceId: number): { id: number; name: string }[] {
  return db
    .select({ id: scorecardColumns.id, name: scorecardColumns.name })
    .from(scorecardColumns)
    .where(eq(scorecardColumns.workspaceId, workspaceId))
    .orderBy(asc(scorecardColumns.id))
    .all();
}

export interface HolderRow {
  id: number;
  firstName: string;
  lastName: string;
  username: string;
  userType: UserType;
  departmentId: number | null;
  /** Comma-separated ids of the groups whose membership has not ended. */
  groupIds: string | null;
}

/** Every live user with what decides their access, in one pass over users and memberships. */
export function accessHolders(db: Db, today: string): HolderRow[] {
  return db.all<HolderRow>(
    sql`select u.id as id, u.first_name as firstName, u.last_name as lastName, u.username as username,
               case when u.user_type in ('admin', 'standard', 'read_only') then u.user_type else 'read_only' end as userType,
               u.department_id as departmentId,
               (select group_concat(m.group_id) from memberships m
                 where m.user_id = u.id and (m.ends_on is null or m.ends_on > ${today})) as groupIds
        from users u
        where u.deleted_at is null`,
  );
}
