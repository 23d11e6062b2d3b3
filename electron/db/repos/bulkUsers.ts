import { and, eq } from 'drizzle-orm';
import type { UserType } from '../../../shared/domain/users';
import type { Db } from '../client';
import { groups, users } from '../schema';
import { inIdList } from './users';

/** Each user's type among the ids, in one statement. */
export function userTypesAmong(db: Db, ids: readonly number[]): Map<number, UserType> {
  const rows = db.select({ id: users.id, userType: users.userType }).from(users).where(inIdList(users.id, ids)).all();
  return new Map(rows.map((row) => [row.id, row.userType]));
}

export function setUserTypeOfUsers(db: Db, ids: readonly number[], userType: UserType, at: string): void {
  db.update(users).set({ userType, updatedAt: at }).where(inIdList(users.id, ids)).run();
}

export function setDepartmentOfUsers(db: Db, ids: readonly number[], departmentId: number | null, at: string): void {
  db.update(users).set({ departmentId, updatedAt: at }).where(inIdList(users.id, ids)).run();
}

/** The names of the workspace's groups among the ids. */
export function groupNamesAmong(db: Db, workspaceId: number, ids: readonly number[]): Map<number, string> {
  const rows = db
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.workspaceId, workspaceId), inIdList(groups.id, ids)))
    .all();
  return new Map(rows.map((row) => [row.id, row.name]));
}
