import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateLargeStore } from '../bench/generate';
import { createTestCore, type TestCore } from '../support/core';
import { call, FIRST_ADMIN } from '../support/operators';

// Past the number of people whose erasable values fit SQLite's 32,766 bound variables in one multi-row insert.
const PEOPLE = 7_000;

let core: TestCore;
let userIds: number[];

beforeAll(async () => {
  core = await createTestCore();
  await call(core, 'session.setup', FIRST_ADMIN);
  userIds = generateLargeStore(core.store.sqlite, core.ctx.workspaceId, { users: PEOPLE, groups: 1, memberships: 0 }).userIds;
});

afterAll(async () => {
  await core.dispose();
});

test('a membership change naming thousands of people is one entry that lists them all, and the chain verifies', async () => {
  const group = await call(core, 'groups.create', { name: 'Everyone' });
  const added = await call(core, 'memberships.add', { groupId: group.id, userIds, reason: 'All hands' });
  expect(added.addedUserIds).toHaveLength(PEOPLE);

  const page = await call(core, 'audit.list', { action: 'membership.add' });
  expect(page.rows).toHaveLength(1);
  const entry = await call(core, 'audit.get', { id: page.rows[0]?.id ?? 0 });
  expect(entry.affected.filter((subject) => subject.type === 'user')).toHaveLength(PEOPLE);
  expect((await call(core, 'audit.verify', {})).ok).toBe(true);
});
