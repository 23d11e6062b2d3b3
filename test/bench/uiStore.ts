import type { Core } from '../../electron/handlers/core';
import { generateLargeStore, generatePermissionData } from './generate';

export const BIG_GROUP_NAME = 'All staff';
export const BIG_GROUP_MEMBERS = 10_000;

export interface UiBenchCounts {
  users: number;
  groups: number;
  memberships: number;
}

export interface UiBenchStore extends UiBenchCounts {
  bigGroupName: string;
  bigGroupMembers: number;
}

/**
 * The large store of `npm run bench`, plus one group with 10,000 members: generate.ts spreads memberships at
 * random (about 150 a group), and selecting a group that big is one of the waits the UI bench times. The big
 * group comes out of the same totals, so the store still has exactly the counts asked for. Its name sorts
 * before the generated "Group 0000…", so it is on screen without scrolling.
 */
export function buildUiBenchStore(core: Core, counts: UiBenchCounts): UiBenchStore {
  const sqlite = core.store.sqlite;
  const bigGroupMembers = Math.min(BIG_GROUP_MEMBERS, counts.users, counts.memberships);
  const generated = generateLargeStore(sqlite, core.ctx.workspaceId, {
    users: counts.users,
    groups: counts.groups - 1,
    memberships: counts.memberships - bigGroupMembers,
  });
  // An org tree, departments and grant-bearing group settings, for the group editor and "who has access".
  generatePermissionData(sqlite, core.ctx.workspaceId, generated);
  const now = new Date().toISOString();
  sqlite.transaction(() => {
    const groupId = Number(
      sqlite
        .prepare('insert into groups (workspace_id, name, description, created_at, updated_at) values (?, ?, ?, ?, ?)')
        .run(core.ctx.workspaceId, BIG_GROUP_NAME, `Benchmark group with ${bigGroupMembers} members`, now, now).lastInsertRowid,
    );
    const addMember = sqlite.prepare('insert into memberships (group_id, user_id, added_at) values (?, ?, ?)');
    for (const userId of generated.userIds.slice(0, bigGroupMembers)) addMember.run(groupId, userId, now);
  })();
  sqlite.pragma('optimize');
  return {
    users: generated.userIds.length,
    groups: generated.groupIds.length + 1,
    memberships: generated.memberships + bigGroupMembers,
    bigGroupName: BIG_GROUP_NAME,
    bigGroupMembers,
  };
}
