import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { contract, METHODS, type Method } from '../../shared/contract';
import { POLICY } from '../../shared/domain/policy';
import { createTestCore, type TestCore } from '../support/core';
import { call, setUpAdmin } from '../support/operators';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  const group = await call(core, 'groups.create', { name: 'Existing' });
  await call(core, 'users.create', { username: 'existing', firstName: 'E', lastName: 'X', email: 'e@example.com' });
  expect(group.id).toBe(1);
});
afterEach(async () => core.dispose());

/** Everything that can change in the store, summed: equal before and after means nothing changed. */
function storeFingerprint(): string {
  const sqlite = core.store.sqlite;
  return ['users', 'groups', 'memberships', 'audit_log', 'org_units', 'workspaces']
    .map((table) => sqlite.prepare(`select count(*) || ':' || coalesce(max(rowid), 0) from ${table}`).pluck().get())
    .join('|');
}

/** Inputs of the wrong shape for each method: wrong types, unknown fields, out-of-range values. */
const BAD_INPUTS: Record<Method, unknown[]> = {
  'session.status': ['x', { extra: 1 }],
  'session.setup': [{}, { username: 5 }],
  'session.signIn': [{ username: '', password: '' }, null],
  'session.signOut': [{ now: true }],
  'session.openDemo': [{ size: 100000 }],
  'users.list': [{ page: 0 }, { pageSize: 10_000 }, { sortBy: 'password_hash' }, { sortDir: 'sideways' }, { search: 'x'.repeat(101) }, { statuses: ['deleted'] }],
  'users.get': [{ id: -1 }, { id: 'one' }],
  'users.create': [{ username: 'a' }, { username: 'ok', firstName: 'A', lastName: 'B', email: 'not-an-email' }],
  'users.update': [{ id: 2 }, { id: 2, firstName: 'A', lastName: 'B', email: 'b@example.com', sso: false }],
  'users.setStatus': [{ userIds: [], status: 'active' }, { userIds: [2], status: 'deleted' }],
  'users.delete': [{ userIds: [] }, { userIds: [1.5] }],
  'users.listDeleted': [{ page: 0 }, { search: 'x'.repeat(101) }, { sortBy: 'deletedAt' }],
  'users.restore': [{ userIds: [] }, { userIds: ['2'] }, { userIds: [2], status: 'active' }],
  'users.anonymise': [{ userIds: [] }, { userIds: [0] }, { userIds: [2], undo: true }],
  'users.anonymiseAllDeleted': [{ olderThanDays: 30 }, { reason: 7 }],
  'users.bulkPreview': [
    { action: { kind: 'deactivate' }, userIds: [] },
    { action: { kind: 'explode' }, userIds: [1] },
    { action: { kind: 'setUserType', userType: 'root' }, userIds: [1] },
    { action: { kind: 'setMainGroup' }, userIds: [1] },
    { action: { kind: 'activate', extra: true }, userIds: [1] },
  ],
  'users.bulkSaveResults': [{ extra: 1 }],
  'users.bulkApply': [
    { action: { kind: 'setDepartment', departmentId: 0 }, userIds: [1] },
    { action: { kind: 'delete' }, userIds: [1], reason: 'x'.repeat(10_000) },
    { action: { kind: 'delete' }, userIds: [1], confirm: true },
  ],
  'groups.list': [{ search: 7 }],
  'groups.create': [{ name: '' }, { name: 'x'.repeat(101) }, { name: 'ok', owner: 'me' }],
  'groups.update': [{ id: 1, name: '' }, { name: 'no id' }],
  'groups.delete': [{ id: 0 }, {}],
  'groups.members': [{ groupId: 'one' }, { groupId: 1, pageSize: 0 }],
  'memberships.add': [{ groupId: 1, userIds: [] }, { groupId: 1, userIds: ['2'] }, { groupId: 1 }],
  'memberships.remove': [{ groupId: 1, userIds: [-3] }, { userIds: [2] }],
  'groups.get': [{ id: 0 }, { id: 1, settings: {} }],
  'groups.columns': [{ workspaceId: 2 }],
  'memberships.ofUser': [{ userId: 'me' }, {}],
  'memberships.setMain': [{ groupId: 1, userIds: [] }, { groupId: 0, userIds: [2] }],
  'memberships.reassignMain': [{ fromGroupId: 1 }, { fromGroupId: 1, toGroupId: -2 }],
  'memberships.setEnd': [
    { groupId: 1, userId: 2, endsOn: '2030-02-30' },
    { groupId: 1, userId: 2, endsOn: 'tomorrow' },
    { groupId: 1, userId: 2 },
  ],
  'orgUnits.tree': [{ depth: 2 }],
  'orgUnits.children': [{ parentId: 'root' }, {}],
  'orgUnits.usage': [{ id: 1.5 }],
  'orgUnits.create': [{ parentId: null, name: '' }, { parentId: null, name: 'a\u0000b' }, { name: 'no parent key' }],
  'orgUnits.rename': [{ id: 1, name: ' ' }, { id: 1, name: 'x'.repeat(101) }],
  'orgUnits.setHidden': [{ id: 1, hidden: 'yes' }, { id: 1 }],
  'orgUnits.move': [{ id: 1 }, { id: 1, parentId: 0 }],
  'orgUnits.delete': [{ id: 1, reassignTo: null }, { id: 'x' }],
  'permissions.effective': [{ userId: 1, areas: ['text', 'text', 'text', 'text'] }, { userId: 1, areas: ['budget'] }],
  'permissions.whoHas': [{ unitId: 1, target: { kind: 'area', area: 'all' } }, { unitId: 1, target: { kind: 'report', permission: 'delete_everything' } }, { unitId: 1 }],
  'permissions.compareUsers': [{ leftUserId: 1 }, { leftUserId: 1, rightUserId: 'b' }],
  'permissions.compareGroups': [{ leftGroupId: 1, rightGroupId: 2, deep: true }],
  'permissions.exportEffective': [{ userId: 0 }, { userId: 1, path: '/etc/passwd' }],
  'permissions.exportWhoHas': [{ unitId: 1, target: { kind: 'area', area: 'text' }, page: 2 }, { unitId: 1 }],
  'viewAs.start': [{ userId: 0 }, {}],
  'viewAs.end': [{ userId: 2 }],
  'audit.list': [{ page: 2 }, { pageSize: 'all' }, { before: 0 }, { from: 'yesterday' }, { target: { type: 'user' } }, { action: 'drop table' }],
  'audit.get': [{ id: 0 }, {}],
  'audit.exportLog': [{ before: 5 }, { operatorId: 'ada' }, { text: 'x'.repeat(500) }],
  'audit.verify': [{ deep: true }],
  'audit.verifyWorkbook': [{ path: '/etc/passwd' }],
  'users.importOpen': [{ path: '/etc/passwd' }],
  'users.importPreview': [
    { importId: 'x' },
    { importId: 'x', mapping: { username: 0, firstName: 1, lastName: 2, email: 3, userType: null } },
    { importId: 'x', mapping: { username: -1, firstName: 1, lastName: 2, email: 3, userType: null, department: null } },
    { importId: 'x', mapping: { username: 0, firstName: 1, lastName: 2, email: 3, userType: null, department: null, password: 4 } },
  ],
  'users.importApply': [{}, { importId: '' }, { importId: 'x', reason: 5 }],
  'users.importResults': [{ importId: 'x', path: '/tmp/out.xlsx' }],
  'users.importCancel': [{}],
  'exports.start': [{ path: '/etc/passwd' }],
  'exports.cancel': [{ jobId: '' }, {}],
  'settings.get': [{ authMode: 'local' }],
  'settings.update': [{}, { reason: 'only a reason' }, { authMode: 'ldap' }, { passwordMinLength: 7 }, { passwordMinLength: 12.5 }, { idleLockMinutes: 0 }, { anonymiseAfterDays: 0 }, { anonymiseAfterDays: '30' }, { idleLockMinutes: 20, theme: 'dark' }],
  'passwords.reset': [{}, { id: 0, password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!' }, { id: 2, password: '', passwordConfirm: '' }, { id: 2, password: 'Quartz-Zebra-9071!', passwordConfirm: 'other' }, { id: 2, password: 'x'.repeat(201), passwordConfirm: 'x'.repeat(201) }, { id: 2, password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!', temporary: true }],
  'passwords.setTemporary': [{}, { id: '2', password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!' }, { id: 2, password: 'Quartz-Zebra-9071!' }, { id: 2, password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071?' }],
  'passwords.resendActivation': [{}, { id: -1 }, { id: 2, code: 'ABCD' }, { id: 2, reason: 5 }],
  'users.deletePending': [{}, { id: 1.5 }, { userIds: [2] }],
  'session.activate': [{}, { username: 'existing', code: '', password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!' }, { username: 'has space', code: 'ACDE-FGHJ-KMNP-QRTU', password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!' }, { username: 'existing', code: 'ACDE-FGHJ-KMNP-QRTU', password: 'Quartz-Zebra-9071!', passwordConfirm: 'different' }],
  'session.lock': [{ minutes: 5 }],
  'session.unlock': [{}, { password: '' }, { password: 5 }, { password: 'x', remember: true }],
  'session.changePassword': [{}, { currentPassword: '', password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!' }, { currentPassword: 'correct horse', password: 'Quartz-Zebra-9071!', passwordConfirm: 'other' }],
};

describe('every contract method validates its input in the main process', () => {
  test('the table of bad inputs covers every method', () => {
    expect(Object.keys(BAD_INPUTS).sort()).toEqual([...METHODS].sort());
  });

  test.each(METHODS.map((method) => [method]))('%s: bad input is a validation error and changes nothing', async (method) => {
    for (const input of [...BAD_INPUTS[method], 'not an object', 42, []]) {
      const before = storeFingerprint();
      const envelope = await core.invoke(method, input);
      expect(envelope.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false);
      if (!envelope.ok) expect(envelope.error.code).toBe('validation');
      expect(storeFingerprint()).toBe(before);
    }
  });

  test('an unknown method is refused', async () => {
    const envelope = await core.invoke('users.dropTable', {});
    expect(envelope).toEqual({ ok: false, error: { code: 'validation', message: 'Unknown method: users.dropTable' } });
  });

  test('validation errors carry field paths', async () => {
    const envelope = await core.invoke('users.create', { username: 'has space', firstName: '', lastName: 'B', email: 'x' });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(Object.keys(envelope.error.fields ?? {}).sort()).toEqual(['email', 'firstName', 'username']);
  });
});

describe('every change an operator makes can carry a reason for the audit log', () => {
  const operatorChanges = METHODS.filter((method) => {
    const policy = POLICY[method];
    return policy.mutates && policy.access.who !== 'anyone';
  });

  test('there are such methods, and each input schema accepts an optional reason', () => {
    expect(operatorChanges.length).toBeGreaterThanOrEqual(9);
    for (const method of operatorChanges) {
      const input: unknown = contract[method].input;
      expect(input, method).toBeInstanceOf(z.ZodObject);
      expect('reason' in (input as z.ZodObject).shape, `${method} takes no reason`).toBe(true);
    }
  });

  test('read-only methods refuse a reason as an unknown key', async () => {
    for (const method of METHODS.filter((m) => !POLICY[m].mutates && m !== 'session.signIn')) {
      const envelope = await core.invoke(method, { reason: 'x' });
      expect(envelope.ok, method).toBe(false);
    }
  });
});
