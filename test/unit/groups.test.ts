import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

async function users(count: number) {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await call(core, 'users.create', newUser())).id);
  return ids;
}

describe('groups', () => {
  test('names are unique in the workspace ignoring case, and shown on their field', async () => {
    await call(core, 'groups.create', { name: 'Planners', description: 'Annual plan' });
    const error = await callFailing(core, 'groups.create', { name: 'planners' });
    expect(error.code).toBe('conflict');
    expect(error.fields?.name).toBeTruthy();
    expect((await callFailing(core, 'groups.create', { name: '   ' })).fields?.name).toBeTruthy();
  });

  test('renaming shows the new name in history too; deleting shows "(deleted group)"', async () => {
    const group = await call(core, 'groups.create', { name: 'Old name' });
    await call(core, 'groups.update', { id: group.id, name: 'New name', description: '' });
    let log = await call(core, 'audit.list', {});
    expect(log.rows.filter((row) => row.targetType === 'group').every((row) => row.target === 'New name')).toBe(true);
    await call(core, 'groups.delete', { id: group.id });
    log = await call(core, 'audit.list', {});
    expect(log.rows.filter((row) => row.targetType === 'group').map((row) => row.target)).toContain('New name (deleted group)');
    expect((await callFailing(core, 'groups.delete', { id: group.id })).code).toBe('not_found');
  });

  test('deleting a group removes its memberships and updates every count', async () => {
    const [a, b] = await users(2);
    const main = await call(core, 'groups.create', { name: 'Main' });
    await call(core, 'memberships.add', { groupId: main.id, userIds: [a!, b!] });
    const group = await call(core, 'groups.create', { name: 'Temp' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: [a!, b!] });
    expect((await call(core, 'users.get', { id: a! })).groupCount).toBe(2);
    await call(core, 'groups.delete', { id: group.id });
    expect((await call(core, 'users.get', { id: a! })).groupCount).toBe(1);
  });
});

describe('memberships', () => {
  test('adding is idempotent, reports users already in the group, and skips deleted users with the reason', async () => {
    const ids = await users(5);
    const group = await call(core, 'groups.create', { name: 'Planners' });
    const first = await call(core, 'memberships.add', { groupId: group.id, userIds: ids.slice(0, 3) });
    expect(first).toMatchObject({ groupName: 'Planners', alreadyMembers: 0, skipped: 0 });
    expect(first.addedUserIds.sort()).toEqual(ids.slice(0, 3).sort());
    await call(core, 'users.delete', { userIds: [ids[4]!] });
    const second = await call(core, 'memberships.add', { groupId: group.id, userIds: ids });
    expect(second.addedUserIds).toEqual([ids[3]]);
    expect(second.alreadyMembers).toBe(3);
    expect(second.skippedUsers).toEqual([{ userId: ids[4], reason: 'Deleted users cannot join a group' }]);
    const groups = await call(core, 'groups.list', {});
    expect(groups[0]?.memberCount).toBe(4);
    const members = await call(core, 'groups.members', { groupId: group.id });
    expect(members.total).toBe(4);
  });

  test('an id that names no user refuses the whole change as not_found', async () => {
    const ids = await users(2);
    const group = await call(core, 'groups.create', { name: 'Planners' });
    const error = await callFailing(core, 'memberships.add', { groupId: group.id, userIds: [...ids, 99999] });
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('#99999');
    expect((await call(core, 'groups.members', { groupId: group.id })).total).toBe(0);
  });

  test('members of a group that does not exist are not_found, not an empty page', async () => {
    const error = await callFailing(core, 'groups.members', { groupId: 424242 });
    expect(error.code).toBe('not_found');
  });

  test('removing is idempotent, reports non-members, and undo by re-adding restores exactly', async () => {
    const ids = await users(3);
    const group = await call(core, 'groups.create', { name: 'Site Leads' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: ids.slice(0, 2) });
    const removed = await call(core, 'memberships.remove', { groupId: group.id, userIds: ids });
    expect(removed.removedUserIds.sort()).toEqual(ids.slice(0, 2).sort());
    expect(removed.notMembers).toBe(1);
    const again = await call(core, 'memberships.remove', { groupId: group.id, userIds: ids });
    expect(again).toMatchObject({ removedUserIds: [], notMembers: 3 });
    await call(core, 'memberships.add', { groupId: group.id, userIds: removed.removedUserIds });
    expect((await call(core, 'groups.members', { groupId: group.id })).rows.map((row) => row.id).sort()).toEqual(ids.slice(0, 2).sort());
  });

  test('an assignment is one audit entry, and a no-op writes none', async () => {
    const ids = await users(3);
    const group = await call(core, 'groups.create', { name: 'Auditors' });
    const auditCount = () => core.store.sqlite.prepare('select count(*) from audit_log').pluck().get() as number;
    const before = auditCount();
    await call(core, 'memberships.add', { groupId: group.id, userIds: ids });
    expect(auditCount()).toBe(before + 1);
    await call(core, 'memberships.add', { groupId: group.id, userIds: ids });
    expect(auditCount()).toBe(before + 1);
  });

  test('a missing group is not_found and changes nothing', async () => {
    const ids = await users(1);
    const error = await callFailing(core, 'memberships.add', { groupId: 4242, userIds: ids });
    expect(error.code).toBe('not_found');
    expect((await call(core, 'users.get', { id: ids[0]! })).groupCount).toBe(0);
  });

  test('every change pushes a data.changed event so open lists refresh', async () => {
    const ids = await users(1);
    const group = await call(core, 'groups.create', { name: 'Events' });
    core.events.length = 0;
    await call(core, 'memberships.add', { groupId: group.id, userIds: ids });
    expect(core.events).toContainEqual(expect.objectContaining({ type: 'data.changed', domains: expect.arrayContaining(['groups', 'users']) }));
  });
});
