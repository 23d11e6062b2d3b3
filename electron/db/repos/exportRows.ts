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

/** A live user with what decides their effective permissions. */
export interface PermissionHolderExportRow {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  /** Stored values the app never writes read as 'read_only', the least privileged type. */
  userType: 'admin' | 'standard' | 'read_only';
  departmentId: number | null;
  /** Memberships that have not ended, main group first. */
  memberships: { groupId: number; isMain: boolean }[];
}

/**
 * Live users in id order with their current memberships in the workspace, `batchSize` users at a time. Keyset
 * paging (id > last) rather than one long iterate(): the caller writes each batch before reading the next, so
 * 100,000 users never sit in memory, and the connection stays free for other reads between batches. Memberships
 * that ended (`ends_on <= today`) do not count, as in permissionInputs.ts `accessHoldersInNameOrder`.
 */
export function* iteratePermissionHolders(
  sqlite: Database.Database,
  workspaceId: number,
  today: string,
  batchSize = 1000,
): Generator<PermissionHolderExportRow[], void, undefined> {
  const usersAfter = sqlite.prepare(
    `select id, username, first_name as firstName, last_name as lastName,
       case when user_type in ('admin', 'standard', 'read_only') then user_type else 'read_only' end as userType,
       department_id as departmentId
     from users where deleted_at is null and id > ? order by id limit ?`,
  );
  const membershipsBetween = sqlite.prepare(
    `select m.user_id as userId, m.group_id as groupId, m.is_main as isMain
     from memberships m join groups g on g.id = m.group_id
     where m.user_id between ? and ? and g.workspace_id = ? and (m.ends_on is null or m.ends_on > ?)
     order by m.user_id, m.is_main desc, m.group_id`,
  );
  let lastId = 0;
  for (;;) {
    const users = (usersAfter.all(lastId, batchSize) as Omit<PermissionHolderExportRow, 'memberships'>[]).map(
      (user): PermissionHolderExportRow => ({ ...user, memberships: [] }),
    );
    const first = users[0];
    const last = users[users.length - 1];
    if (first === undefined || last === undefined) return;
    const byId = new Map(users.map((user) => [user.id, user]));
    for (const row of membershipsBetween.all(first.id, last.id, workspaceId, today) as { userId: number; groupId: number; isMain: number }[]) {
      byId.get(row.userId)?.memberships.push({ groupId: row.groupId, isMain: row.isMain === 1 });
    }
    yield users;
    lastId = last.id;
  }
}
