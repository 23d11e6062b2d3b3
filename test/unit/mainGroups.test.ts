/**
 * Main and extra groups, membership end dates and group deletion (DOMAIN.md "Permission groups"), on a real
 * store through dispatch.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { defaultGroupSettings } from '../../shared/domain/permissionModel';
import { endDueMemberships } from '../../electron/services/memberships';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';
import { storeHash } from '../support/storeHash';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

async function users(count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await call(core, 'users.create', newUser())).id);
  return ids;
}

async function group(name: string, onlyAsExtra = false): Promise<number> {
  const created = await call(core, 'groups.create', { name });
  if (onlyAsExtra) {
    const settings = { ...defaultGroupSettings(), advanced: { ...defaultGroupSettings().advanced, onlyAsExtra: true } };
    core.store.sqlite.prepare('update groups set settings = ? where id = ?').run(JSON.stringify(settings), created.id);
  }
  return created.id;
}

async function mainGroupOf(userId: number): Promise<number | null> {
  const memberships = await call(core, 'memberships.ofUser', { userId });
  const main = memberships.filter((membership) => membership.isMain);
  expect(main.length).toBeLessThanOrEqual(1);
  return main[0]?.groupId ?? null;
}

function mainCountsPerUser(): number[] {
  return (core.store.sqlite.prepare('select count(*) from memberships where is_main = 1 group by user_id').pluck().all() as number[]);
}

describe('main and extra groups', () => {
  test("a user's first group becomes their main group; later groups are extra", async () => {
    const [ann] = await users(1);
    const first = await group('First');
    const second = await group('Second');
    await call(core, 'memberships.add', { groupId: first, userIds: [ann!] });
    await call(core, 'memberships.add', { groupId: second, userIds: [ann!] });
    const memberships = await call(core, 'memberships.ofUser', { userId: ann! });
    expect(memberships.map((m) => [m.groupId, m.isMain])).toEqual([
      [first, true],
      [second, false],
    ]);
  });

  test('an "only as extra" group never becomes a main group, by adding or by setting', async () => {
    const [ann] = await users(1);
    const extraOnly = await group('Extra only', true);
    await call(core, 'memberships.add', { groupId: extraOnly, userIds: [ann!] });
    expect(await mainGroupOf(ann!)).toBeNull();
    const error = await callFailing(core, 'memberships.setMain', { groupId: extraOnly, userIds: [ann!] });
    expect(error.code).toBe('conflict');
    expect(error.fields?.groupId).toMatch(/Only as extra/);
  });

  test('setting a main group keeps the old one as an extra group, for many users in one entry', async () => {
    const ids = await users(4);
    const old = await group('Old main');
    const next = await group('New main');
    await call(core, 'memberships.add', { groupId: old, userIds: ids });
    const result = await call(core, 'memberships.setMain', { groupId: next, userIds: ids, reason: 'REQ-7' });
    expect(result.changedUserIds.sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const memberships = await call(core, 'memberships.ofUser', { userId: id });
      expect(memberships.find((m) => m.groupId === next)?.isMain).toBe(true);
      expect(memberships.find((m) => m.groupId === old)?.isMain).toBe(false);
    }
    const log = await call(core, 'audit.list', {});
    expect(log.rows.filter((row) => row.action === 'membership.setMain')).toHaveLength(1);
    // Setting it again changes nothing and records nothing.
    expect((await call(core, 'memberships.setMain', { groupId: next, userIds: ids })).changedUserIds).toEqual([]);
  });

  test('removing the main group promotes another group that may be main', async () => {
    const [ann] = await users(1);
    const main = await group('A main');
    const extraOnly = await group('B extra only', true);
    const other = await group('C other');
    await call(core, 'memberships.add', { groupId: main, userIds: [ann!] });
    await call(core, 'memberships.add', { groupId: extraOnly, userIds: [ann!] });
    await call(core, 'memberships.add', { groupId: other, userIds: [ann!] });
    await call(core, 'memberships.remove', { groupId: main, userIds: [ann!] });
    expect(await mainGroupOf(ann!)).toBe(other);
  });

  test('any sequence of adds, removes and main-group changes keeps at most one main group per user', async () => {
    const ids = await users(3);
    const groups = [await group('G1'), await group('G2'), await group('G3 extra', true)];
    const step = fc.record({
      kind: fc.constantFrom('add', 'remove', 'setMain'),
      group: fc.integer({ min: 0, max: groups.length - 1 }),
      users: fc.subarray(ids, { minLength: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 8 }), async (steps) => {
        for (const { kind, group: index, users: userIds } of steps) {
          const groupId = groups[index]!;
          const method = kind === 'add' ? 'memberships.add' : kind === 'remove' ? 'memberships.remove' : 'memberships.setMain';
          const envelope = await core.invoke(method, { groupId, userIds });
          if (!envelope.ok) expect(['conflict']).toContain(envelope.error.code);
        }
        expect(mainCountsPerUser().every((count) => count === 1)).toBe(true);
        // Whoever has a group that may be main has a main group.
        const withoutMain = core.store.sqlite
          .prepare(
            `select count(distinct m.user_id) from memberships m
             where m.group_id <> ? and not exists (select 1 from memberships x where x.user_id = m.user_id and x.is_main = 1)`,
          )
          .pluck()
          .get(groups[2]) as number;
        expect(withoutMain).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});

describe('deleting a group', () => {
  test("is refused while it is anyone's main group, naming them; reassigning the main group allows it", async () => {
    const ids = await users(5);
    const planners = await group('Planners');
    const readers = await group('Readers');
    await call(core, 'memberships.add', { groupId: planners, userIds: ids });
    const before = storeHash(core.store.sqlite);
    const error = await callFailing(core, 'groups.delete', { id: planners });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/main group of 5 users \(Test User \d+ \(user\d+\), .* and 2 more\)/);
    expect(storeHash(core.store.sqlite)).toBe(before);

    const moved = await call(core, 'memberships.reassignMain', { fromGroupId: planners, toGroupId: readers });
    expect(moved.changedUserIds.sort()).toEqual([...ids].sort());
    await call(core, 'groups.delete', { id: planners });
    for (const id of ids) expect(await mainGroupOf(id)).toBe(readers);
  });

  test('is allowed while the group is only an extra group; history names it "(deleted group)"', async () => {
    const [ann] = await users(1);
    const main = await group('Main');
    const extra = await group('Project X');
    await call(core, 'memberships.add', { groupId: main, userIds: [ann!] });
    await call(core, 'memberships.add', { groupId: extra, userIds: [ann!] });
    await call(core, 'groups.delete', { id: extra });
    const log = await call(core, 'audit.list', {});
    expect(log.rows.filter((row) => row.targetType === 'group').map((row) => row.target)).toContain('Project X (deleted group)');
    expect(await mainGroupOf(ann!)).toBe(main);
  });

  test('reassigning to the same group or to an "only as extra" group is refused', async () => {
    const [ann] = await users(1);
    const main = await group('Main');
    const extraOnly = await group('Extra only', true);
    await call(core, 'memberships.add', { groupId: main, userIds: [ann!] });
    expect((await callFailing(core, 'memberships.reassignMain', { fromGroupId: main, toGroupId: main })).code).toBe('validation');
    expect((await callFailing(core, 'memberships.reassignMain', { fromGroupId: main, toGroupId: extraOnly })).code).toBe('conflict');
  });
});

describe('membership end dates', () => {
  test('an end date must be after today, and the membership must exist', async () => {
    const [ann, ben] = await users(2);
    const planners = await group('Planners');
    await call(core, 'memberships.add', { groupId: planners, userIds: [ann!] });
    const past = await callFailing(core, 'memberships.setEnd', { groupId: planners, userId: ann!, endsOn: '2001-01-01' });
    expect(past.code).toBe('validation');
    expect(past.fields?.endsOn).toBeTruthy();
    const notMember = await callFailing(core, 'memberships.setEnd', { groupId: planners, userId: ben!, endsOn: '2999-01-01' });
    expect(notMember.code).toBe('not_found');
    const set = await call(core, 'memberships.setEnd', { groupId: planners, userId: ann!, endsOn: '2999-01-01' });
    expect(set.endsOn).toBe('2999-01-01');
    expect((await call(core, 'memberships.setEnd', { groupId: planners, userId: ann!, endsOn: null })).endsOn).toBeNull();
  });

  test('a membership ends by itself on its end date, recorded as AccessDesk, and the main group moves on', async () => {
    const [ann] = await users(1);
    const temporary = await group('A temporary');
    const lasting = await group('B lasting');
    await call(core, 'memberships.add', { groupId: temporary, userIds: [ann!] });
    await call(core, 'memberships.add', { groupId: lasting, userIds: [ann!] });
    await call(core, 'memberships.setEnd', { groupId: temporary, userId: ann!, endsOn: '2999-06-01' });
    expect(endDueMemberships(core.ctx, '2999-05-31')).toBe(0);
    expect(endDueMemberships(core.ctx, '2999-06-01')).toBe(1);
    const memberships = await call(core, 'memberships.ofUser', { userId: ann! });
    expect(memberships.map((m) => [m.groupId, m.isMain])).toEqual([[lasting, true]]);
    const log = await call(core, 'audit.list', {});
    const ended = log.rows.find((row) => row.action === 'membership.end');
    expect(ended?.operator).toBe('AccessDesk');
    expect(ended?.target).toBe('A temporary');
  });
});
