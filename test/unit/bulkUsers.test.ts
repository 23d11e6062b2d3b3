import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BulkAction, BulkPreview } from '../../shared/contract';
import { undoActions } from '../../shared/domain/bulkActions';
import type { PlatformRole } from '../../shared/domain/users';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';

let core: TestCore;
let adminId: number;
beforeEach(async () => {
  core = await createTestCore();
  adminId = (await setUpAdmin(core)).id;
});
afterEach(async () => core.dispose());

interface StoredUser {
  id: number;
  status: string;
  userType: string;
  departmentId: number | null;
  deletedAt: string | null;
  mainGroupId: number | null;
}

function storedUsers(): StoredUser[] {
  return core.store.sqlite
    .prepare(
      `select u.id, u.status, u.user_type as userType, u.department_id as departmentId, u.deleted_at as deletedAt,
         (select m.group_id from memberships m where m.user_id = u.id and m.is_main = 1) as mainGroupId
       from users u order by u.id`,
    )
    .all() as StoredUser[];
}

function auditCount(): number {
  return core.store.sqlite.prepare('select count(*) from audit_log').pluck().get() as number;
}

async function addUsers(count: number, overrides: Parameters<typeof newUser>[0] = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let index = 0; index < count; index += 1) ids.push((await call(core, 'users.create', newUser(overrides))).id);
  return ids;
}

/** Signs in as an active SSO user with the role; returns their id. */
async function signInAs(role: PlatformRole): Promise<number> {
  core.ctx.session.operatorId = adminId;
  const [id = 0] = await addUsers(1, { platformRole: role });
  core.ctx.session.operatorId = id;
  return id;
}

function outcomesById(preview: BulkPreview) {
  return new Map(preview.outcomes.map((outcome) => [outcome.userId, outcome]));
}

describe('the preview says per user what changes, what is skipped and what is refused', () => {
  test('activate and deactivate skip users already so, and pending users, with the reason', async () => {
    const [ann = 0, ben = 0] = await addUsers(2);
    const [pat = 0] = await addUsers(1, { sso: false, password: 'long enough pw', passwordConfirm: 'long enough pw' });
    await call(core, 'users.setStatus', { userIds: [ben], status: 'deactivated' });
    const before = storedUsers();
    const preview = await call(core, 'users.bulkPreview', { action: { kind: 'deactivate' }, userIds: [ann, ben, pat] });
    expect(preview.counts).toEqual({ change: 1, skip: 2, refuse: 0 });
    const outcomes = outcomesById(preview);
    expect(outcomes.get(ann)).toMatchObject({ outcome: 'change', before: 'Active', after: 'Deactivated', reason: null });
    expect(outcomes.get(ben)).toMatchObject({ outcome: 'skip', reason: 'Already deactivated' });
    expect(outcomes.get(pat)).toMatchObject({ outcome: 'skip', reason: 'Pending users are activated by their first sign-in' });
    expect(storedUsers()).toEqual(before);

    const activate = await call(core, 'users.bulkPreview', { action: { kind: 'activate' }, userIds: [ann, ben] });
    expect(outcomesById(activate).get(ben)).toMatchObject({ outcome: 'change', before: 'Deactivated', after: 'Active' });
    expect(outcomesById(activate).get(ann)).toMatchObject({ outcome: 'skip', reason: 'Already active' });
  });

  test('delete, user type, department and main group each show before → after and skip what is already so', async () => {
    const company = await call(core, 'orgUnits.create', { parentId: null, name: 'Company' });
    const sales = await call(core, 'orgUnits.create', { parentId: company.id, name: 'Sales' });
    const planners = await call(core, 'groups.create', { name: 'Planners' });
    const readers = await call(core, 'groups.create', { name: 'Readers' });
    const [ann = 0, ben = 0] = await addUsers(2, { departmentId: sales.id });
    await call(core, 'memberships.add', { groupId: planners.id, userIds: [ann, ben] });
    await call(core, 'memberships.setMain', { groupId: readers.id, userIds: [ben] });
    await call(core, 'users.bulkApply', { action: { kind: 'setUserType', userType: 'read_only' }, userIds: [ben] });

    const types = outcomesById(await call(core, 'users.bulkPreview', { action: { kind: 'setUserType', userType: 'read_only' }, userIds: [ann, ben] }));
    expect(types.get(ann)).toMatchObject({ outcome: 'change', before: 'Standard', beforeValue: 'standard', after: 'Read-Only' });
    expect(types.get(ben)).toMatchObject({ outcome: 'skip', reason: 'Already Read-Only' });

    const departments = await call(core, 'users.bulkPreview', { action: { kind: 'setDepartment', departmentId: company.id }, userIds: [ann] });
    expect(departments.outcomes[0]).toMatchObject({ outcome: 'change', before: 'Company / Sales', beforeValue: sales.id, after: 'Company' });
    const same = await call(core, 'users.bulkPreview', { action: { kind: 'setDepartment', departmentId: sales.id }, userIds: [ann] });
    expect(same.outcomes[0]).toMatchObject({ outcome: 'skip', reason: 'Already in Company / Sales' });

    const mains = outcomesById(await call(core, 'users.bulkPreview', { action: { kind: 'setMainGroup', groupId: readers.id }, userIds: [ann, ben] }));
    expect(mains.get(ann)).toMatchObject({ outcome: 'change', before: 'Planners', beforeValue: planners.id, after: 'Readers' });
    expect(mains.get(ben)).toMatchObject({ outcome: 'skip', reason: 'Already in main group Readers' });

    await call(core, 'users.delete', { userIds: [ben] });
    const deletion = outcomesById(await call(core, 'users.bulkPreview', { action: { kind: 'delete' }, userIds: [ann, ben] }));
    expect(deletion.get(ann)).toMatchObject({ outcome: 'change', after: 'Deleted' });
    expect(deletion.get(ben)).toMatchObject({ outcome: 'skip', reason: 'Already deleted' });
  });

  test('a subject rule refuses the user, naming them, and lists the refused first', async () => {
    const [ann = 0] = await addUsers(1);
    const [peer = 0] = await addUsers(1, { platformRole: 'user_admin' });
    const operatorId = await signInAs('user_admin');
    const preview = await call(core, 'users.bulkPreview', { action: { kind: 'deactivate' }, userIds: [ann, peer, operatorId] });
    expect(preview.counts).toEqual({ change: 1, skip: 0, refuse: 2 });
    expect(preview.outcomes.slice(0, 2).map((outcome) => outcome.outcome)).toEqual(['refuse', 'refuse']);
    expect(outcomesById(preview).get(peer)?.reason).toMatch(/^Only a Super Administrator can deactivate .*User Administrator$/);
    expect(outcomesById(preview).get(operatorId)?.reason).toBe('You cannot deactivate your own account');
  });

  test('an authentication mode that locks the change refuses every user, naming the mode', async () => {
    const ids = await addUsers(2);
    await call(core, 'settings.update', { authMode: 'entra' });
    const preview = await call(core, 'users.bulkPreview', { action: { kind: 'deactivate' }, userIds: ids });
    expect(preview.counts.refuse).toBe(2);
    expect(preview.outcomes[0]?.reason).toMatch(/Entra/);
    await call(core, 'settings.update', { authMode: 'directory' });
    const edit = await call(core, 'users.bulkPreview', { action: { kind: 'setUserType', userType: 'admin' }, userIds: ids });
    expect(edit.counts.refuse).toBe(2);
    const error = await callFailing(core, 'users.bulkApply', { action: { kind: 'setUserType', userType: 'admin' }, userIds: ids });
    expect(error.code).toBe('forbidden');
    // Directory-synced mode keeps status changes here.
    expect((await call(core, 'users.bulkPreview', { action: { kind: 'deactivate' }, userIds: ids })).counts.change).toBe(2);
  });

  test('refusals of the whole action: an unknown user, unit or group, and main groups without workspace administration', async () => {
    const ids = await addUsers(1);
    expect((await callFailing(core, 'users.bulkPreview', { action: { kind: 'activate' }, userIds: [...ids, 99_999] })).code).toBe('not_found');
    expect((await callFailing(core, 'users.bulkPreview', { action: { kind: 'setDepartment', departmentId: 99_999 }, userIds: ids })).code).toBe('not_found');
    expect((await callFailing(core, 'users.bulkPreview', { action: { kind: 'setMainGroup', groupId: 99_999 }, userIds: ids })).code).toBe('not_found');
    const group = await call(core, 'groups.create', { name: 'Planners' });
    await signInAs('user_admin');
    const error = await callFailing(core, 'users.bulkPreview', { action: { kind: 'setMainGroup', groupId: group.id }, userIds: ids });
    expect(error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/workspace administrator permission/) });
  });
});

describe('apply', () => {
  test('changes exactly the previewed users in one audit entry that names every one of them, with the reason', async () => {
    const ids = await addUsers(3);
    const [skipped = 0] = await addUsers(1);
    await call(core, 'users.setStatus', { userIds: [skipped], status: 'deactivated' });
    const entries = auditCount();
    const applied = await call(core, 'users.bulkApply', { action: { kind: 'deactivate' }, userIds: [...ids, skipped], reason: 'CHG-42' });
    expect(applied.counts).toEqual({ change: 3, skip: 1, refuse: 0 });
    expect(auditCount()).toBe(entries + 1);
    const [entry] = (await call(core, 'audit.list', { pageSize: 1 })).rows;
    expect(entry).toMatchObject({ action: 'user.deactivate', reason: 'CHG-42' });
    const named = core.store.sqlite.prepare("select subject_id from audit_subjects where entry_id = ? and subject_type = 'user' order by subject_id").pluck().all(entry?.id);
    expect(named).toEqual(ids);
    expect(storedUsers().filter((user) => ids.includes(user.id)).every((user) => user.status === 'deactivated')).toBe(true);
  });

  test('one refused subject refuses the whole action, names who and why, and applies nothing', async () => {
    const ids = await addUsers(3);
    const [peer = 0] = await addUsers(1, { platformRole: 'super_admin' });
    await signInAs('user_admin');
    const before = storedUsers();
    const entries = auditCount();
    const error = await callFailing(core, 'users.bulkApply', { action: { kind: 'delete' }, userIds: [...ids, peer] });
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/^Nothing was changed: Only a Super Administrator can delete Test User \d+ \(user\d+\)/);
    expect(storedUsers()).toEqual(before);
    expect(auditCount()).toBe(entries);
  });

  test('the last active Super Administrator cannot be deactivated in bulk', async () => {
    const error = await callFailing(core, 'users.bulkApply', { action: { kind: 'deactivate' }, userIds: [adminId] });
    expect(error.code).toBe('forbidden');
  });

  test('nothing to change writes no audit entry', async () => {
    const ids = await addUsers(2);
    const entries = auditCount();
    const applied = await call(core, 'users.bulkApply', { action: { kind: 'activate' }, userIds: ids });
    expect(applied.counts).toEqual({ change: 0, skip: 2, refuse: 0 });
    expect(auditCount()).toBe(entries);
  });

  test('each action writes its change; undo puts the previewed before-values back with its own entry', async () => {
    const company = await call(core, 'orgUnits.create', { parentId: null, name: 'Company' });
    const sales = await call(core, 'orgUnits.create', { parentId: company.id, name: 'Sales' });
    const planners = await call(core, 'groups.create', { name: 'Planners' });
    const readers = await call(core, 'groups.create', { name: 'Readers' });
    const ids = await addUsers(2, { departmentId: sales.id });
    const [other = 0] = await addUsers(1);
    const all = [...ids, other];
    await call(core, 'memberships.add', { groupId: planners.id, userIds: all });
    const original = storedUsers();
    const actions: BulkAction[] = [
      { kind: 'deactivate' },
      { kind: 'setUserType', userType: 'admin' },
      { kind: 'setDepartment', departmentId: company.id },
      { kind: 'setDepartment', departmentId: null },
      { kind: 'setMainGroup', groupId: readers.id },
    ];
    for (const action of actions) {
      const entries = auditCount();
      const applied = await call(core, 'users.bulkApply', { action, userIds: all });
      expect(applied.counts.change).toBeGreaterThan(0);
      expect(auditCount()).toBe(entries + 1);
      for (const step of undoActions(action, applied.outcomes)) await call(core, 'users.bulkApply', { ...step, reason: 'Undo' });
      expect(storedUsers()).toEqual(original);
    }
    await call(core, 'users.bulkApply', { action: { kind: 'delete' }, userIds: [other] });
    expect(storedUsers().find((user) => user.id === other)?.deletedAt).not.toBeNull();
    expect(undoActions({ kind: 'delete' }, [])).toEqual([]);
  });
});

describe('property: apply changes exactly the users the preview said it would change, or nothing when anyone is refused', () => {
  const population = fc.array(
    fc.record({ role: fc.constantFrom<PlatformRole>('none', 'provisioner', 'user_admin', 'super_admin'), deactivated: fc.boolean(), readOnly: fc.boolean() }),
    { minLength: 1, maxLength: 6 },
  );
  const actionArb = fc.constantFrom<BulkAction>(
    { kind: 'activate' },
    { kind: 'deactivate' },
    { kind: 'delete' },
    { kind: 'setUserType', userType: 'read_only' },
    { kind: 'setUserType', userType: 'standard' },
  );
  test('over random selections, operators and actions', async () => {
    await fc.assert(
      fc.asyncProperty(population, fc.constantFrom<PlatformRole>('user_admin', 'super_admin'), actionArb, fc.boolean(), async (people, operatorRole, action, includeSelf) => {
        core.ctx.session.operatorId = adminId;
        const ids: number[] = [];
        for (const person of people) {
          const [id = 0] = await addUsers(1, { platformRole: person.role, userType: person.readOnly ? 'read_only' : 'standard' });
          if (person.deactivated) await call(core, 'users.setStatus', { userIds: [id], status: 'deactivated' });
          ids.push(id);
        }
        const operatorId = await signInAs(operatorRole);
        const selection = includeSelf ? [...ids, operatorId] : ids;
        const preview = await call(core, 'users.bulkPreview', { action, userIds: selection });
        const before = storedUsers();
        const entries = auditCount();
        const envelope = await core.invoke('users.bulkApply', { action, userIds: selection });
        const after = storedUsers();
        const changedIds = after.filter((user, index) => JSON.stringify(user) !== JSON.stringify(before[index])).map((user) => user.id);
        if (preview.counts.refuse > 0) {
          expect(envelope.ok).toBe(false);
          expect(changedIds).toEqual([]);
          expect(auditCount()).toBe(entries);
        } else {
          expect(envelope.ok).toBe(true);
          const expected = preview.outcomes.filter((outcome) => outcome.outcome === 'change').map((outcome) => outcome.userId).sort((a, b) => a - b);
          expect(changedIds).toEqual(expected);
          expect(auditCount()).toBe(entries + (expected.length > 0 ? 1 : 0));
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('results workbook', () => {
  test('saves every selected user with their outcome, formula-like names as text; nothing to save before an apply', async () => {
    expect((await callFailing(core, 'users.bulkSaveResults', {})).code).toBe('not_found');
    const [formula = 0] = await addUsers(1, { firstName: '=HYPERLINK("x")' });
    const [skipped = 0] = await addUsers(1);
    await call(core, 'users.setStatus', { userIds: [skipped], status: 'deactivated' });
    await call(core, 'users.bulkApply', { action: { kind: 'deactivate' }, userIds: [formula, skipped], reason: 'CHG-9' });
    core.dialogs.nextExportPath = join(core.dir, 'results.xlsx');
    const saved = await call(core, 'users.bulkSaveResults', {});
    expect(saved).toEqual({ fileName: 'results.xlsx', rows: 2 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(core.dir, 'results.xlsx'));
    const sheet = workbook.getWorksheet('Results');
    const rows = (sheet?.getSheetValues() ?? []).slice(2).map((row) => (Array.isArray(row) ? row.slice(1, 6) : []));
    expect(rows).toEqual([
      [expect.stringMatching(/^'=HYPERLINK\("x"\) User/), 'Changed', 'Active', 'Deactivated'],
      [expect.stringMatching(/\(user\d+\)$/), 'Skipped', 'Deactivated', 'Deactivated', 'Already deactivated'],
    ]);
  });
});
