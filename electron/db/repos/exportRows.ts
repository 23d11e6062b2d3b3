import type Database from 'better-sqlite3';

/**
 * Streaming reads for the audit workbook. They iterate a read connection row by row so a 300,000-row sheet
 * never sits in memory; the SQL is fixed text with no input from outside.
 */
export interface UserExportRow {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  userType: string;
  platformRole: string;
  status: string;
  sso: number;
  departmentId: number | null;
  groupCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface GroupExportRow {
  id: number;
  name: string;
  description: string;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface MembershipExportRow {
  groupName: string;
  username: string;
  firstName: string;
  lastName: string;
  addedAt: string;
}

export function exportCounts(sqlite: Database.Database, workspaceId: number) {
  const one = (sql: string, ...params: unknown[]) => (sqlite.prepare(sql).pluck().get(...params) as number) ?? 0;
  return {
    users: one('select count(*) from users where deleted_at is null'),
    deletedUsers: one('select count(*) from users where deleted_at is not null'),
    groups: one('select count(*) from groups where workspace_id = ?', workspaceId),
    memberships: one(
      'select count(*) from memberships m join groups g on g.id = m.group_id where g.workspace_id = ?',
      workspaceId,
    ),
    auditEntries: one('select count(*) from audit_log'),
  };
}

export function iterateUsers(sqlite: Database.Database): IterableIterator<UserExportRow> {
  return sqlite
    .prepare(
      `select id, username, first_name as firstName, last_name as lastName, email, user_type as userType,
         platform_role as platformRole, status, sso, department_id as departmentId, group_count as groupCount,
         created_at as createdAt, updated_at as updatedAt
       from users where deleted_at is null order by last_name collate nocase, first_name collate nocase, id`,
    )
    .iterate() as IterableIterator<UserExportRow>;
}

export function iterateGroups(sqlite: Database.Database, workspaceId: number): IterableIterator<GroupExportRow> {
  return sqlite
    .prepare(
      `select id, name, description, member_count as memberCount, created_at as createdAt, updated_at as updatedAt
       from groups where workspace_id = ? order by name collate nocase, id`,
    )
    .iterate(workspaceId) as IterableIterator<GroupExportRow>;
}

export function iterateMemberships(sqlite: Database.Database, workspaceId: number): IterableIterator<MembershipExportRow> {
  return sqlite
    .prepare(
      `select g.name as groupName, u.username, u.first_name as firstName, u.last_name as lastName, m.added_at as addedAt
       from memberships m join groups g on g.id = m.group_id join users u on u.id = m.user_id
       where g.workspace_id = ? order by g.name collate nocase, g.id, u.last_name collate nocase, u.id`,
    )
    .iterate(workspaceId) as IterableIterator<MembershipExportRow>;
}
