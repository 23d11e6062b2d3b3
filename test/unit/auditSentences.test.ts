import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditRow } from '../../shared/contract';
import { AUDIT_ACTIONS, type AuditAction } from '../../shared/domain/auditActions';
import { endDueMemberships } from '../../electron/services/memberships';
import { recordEvent } from '../../electron/services/mutation';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, FIRST_ADMIN, setUpAdmin } from '../support/operators';

/*
 * One store in which every action the services write happens at least once, with names an auditor would
 * look for; then each action's sentence is checked for the operator, the target and the people it affected.
 */
let core: TestCore;
let demo: TestCore;
const people = ['Ben Andersen', 'Carla Berg', 'Dan Cole', 'Eva Dahl', 'Finn Eide'];

beforeAll(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  const ids: number[] = [];
  for (const [index, name] of people.entries()) {
    const [firstName = '', lastName = ''] = name.split(' ');
    const username = firstName.toLowerCase();
    const user = await call(core, 'users.create', { username, firstName, lastName, email: `${username}@a.example` });
    ids.push(user.id);
    if (index === 0) await call(core, 'users.update', { id: user.id, firstName, lastName, email: `${username}@b.example`, reason: 'CHG-1' });
  }
  const [ben = 0, carla = 0, dan = 0, eva = 0, finn = 0] = ids;
  await call(core, 'users.setStatus', { userIds: [eva, finn], status: 'deactivated' });
  await call(core, 'users.setStatus', { userIds: [eva, finn], status: 'active' });
  await call(core, 'users.bulkApply', { action: { kind: 'setUserType', userType: 'read_only' }, userIds: [dan, eva] });
  const planners = await call(core, 'groups.create', { name: 'Planners' });
  const readers = await call(core, 'groups.create', { name: 'Readers' });
  await call(core, 'memberships.add', { groupId: planners.id, userIds: [ben, carla, dan, eva], reason: 'CHG-7' });
  await call(core, 'memberships.add', { groupId: readers.id, userIds: [ben, carla] });
  await call(core, 'memberships.remove', { groupId: planners.id, userIds: [eva] });
  await call(core, 'memberships.setMain', { groupId: readers.id, userIds: [ben] });
  await call(core, 'memberships.reassignMain', { fromGroupId: readers.id, toGroupId: planners.id });
  await call(core, 'memberships.setEnd', { groupId: planners.id, userId: dan, endsOn: '2099-01-01' });
  endDueMemberships(core.ctx, '2099-01-02');
  await call(core, 'groups.update', { id: readers.id, name: 'Report readers', description: 'Reads reports' });
  const company = await call(core, 'orgUnits.create', { parentId: null, name: 'Company' });
  const sales = await call(core, 'orgUnits.create', { parentId: company.id, name: 'Sales' });
  const ops = await call(core, 'orgUnits.create', { parentId: company.id, name: 'Operations' });
  await call(core, 'orgUnits.rename', { id: sales.id, name: 'Revenue' });
  await call(core, 'orgUnits.setHidden', { id: sales.id, hidden: true });
  await call(core, 'orgUnits.setHidden', { id: sales.id, hidden: false });
  await call(core, 'orgUnits.move', { id: sales.id, parentId: ops.id });
  await call(core, 'users.update', { id: finn, firstName: 'Finn', lastName: 'Eide', email: 'finn@a.example', departmentId: sales.id });
  await call(core, 'users.bulkApply', { action: { kind: 'setDepartment', departmentId: ops.id }, userIds: [carla] });
  await call(core, 'users.bulkApply', { action: { kind: 'setDepartment', departmentId: null }, userIds: [carla] });
  await call(core, 'orgUnits.delete', { id: sales.id, reassignTo: ops.id });
  core.dialogs.nextExportPath = join(core.dir, 'carla.xlsx');
  await call(core, 'permissions.exportEffective', { userId: carla });
  core.dialogs.nextExportPath = join(core.dir, 'who-has.xlsx');
  await call(core, 'permissions.exportWhoHas', { unitId: ops.id, target: { kind: 'area', area: 'text', columnId: null } });
  core.dialogs.nextExportPath = join(core.dir, 'log.xlsx');
  await call(core, 'audit.exportLog', { action: 'membership.add' });
  await call(core, 'viewAs.start', { userId: carla, reason: 'Ticket 12' });
  await call(core, 'viewAs.end', {});
  await call(core, 'groups.delete', { id: readers.id });
  await call(core, 'users.delete', { userIds: [eva] });
  await call(core, 'users.delete', { userIds: [finn] });
  await call(core, 'users.restore', { userIds: [finn], reason: 'Deleted by mistake' });
  const importFile = join(core.dir, 'new staff.csv');
  writeFileSync(importFile, 'username,first name,last name,email\nivar,Ivar,Falk,ivar@a.example\njonna,Jonna,Gran,jonna@a.example\n');
  core.dialogs.nextUserListToImport = importFile;
  const opened = await call(core, 'users.importOpen', {});
  await call(core, 'users.importPreview', { importId: opened?.importId ?? '', mapping: opened?.mapping ?? { username: 0, firstName: 1, lastName: 2, email: 3, userType: null, department: null } });
  await call(core, 'users.importApply', { importId: opened?.importId ?? '' });
  await call(core, 'settings.update', { authMode: 'directory', idleLockMinutes: 30 });
  await call(core, 'settings.update', { authMode: 'local' });
  await recordPasswordActions();
  await call(core, 'session.signOut', {});
  await callFailing(core, 'session.signIn', { username: 'ada', password: 'not the password' });
  await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
  // Written by the anonymisation and workbook-export services; recorded here in the shape they write.
  const ada = { id: core.ctx.session.operatorId ?? 1, label: 'Ada Admin (ada)' };
  recordEvent(core.ctx, ada, { action: 'user.anonymise', targetType: 'user', targetId: dan, targetLabel: 'Anonymised user', after: { anonymised: true } });
  recordEvent(core.ctx, null, { action: 'audit.eraseUnowned', targetType: 'platform', targetId: null, targetLabel: 'Audit log', after: { erasedValues: 3, afterDays: 30 } });
  recordEvent(core.ctx, null, { action: 'audit.checkpointsLost', targetType: 'platform', targetId: null, targetLabel: 'Audit checkpoints', after: { entries: 12345 } });
  recordEvent(core.ctx, ada, { action: 'workbook.export', targetType: 'platform', targetId: null, targetLabel: 'Audit workbook', after: { fileName: 'audit.xlsx' } });

  demo = await createTestCore();
  await call(demo, 'session.openDemo', {});
  // The import reads its file in two worker threads; each starts in seconds, not milliseconds, on shared cores.
}, 60_000);
afterAll(async () => {
  await core.dispose();
  await demo.dispose();
});

/** Passwords, activation and lockout (issue 8 items 4–6), with Gus as a password user and Hanna pending. */
async function recordPasswordActions(): Promise<void> {
  const [first, second] = ['Quartz-Zebra-9071!', 'Marble-Heron-3318?'];
  const asPasswordUser = { sso: false, password: first, passwordConfirm: first };
  const gus = await call(core, 'users.create', { username: 'gus', firstName: 'Gus', lastName: 'Holm', email: 'gus@a.example', platformRole: 'provisioner', ...asPasswordUser });
  const hanna = await call(core, 'users.create', { username: 'hanna', firstName: 'Hanna', lastName: 'Iversen', email: 'hanna@a.example', ...asPasswordUser });
  await call(core, 'passwords.resendActivation', { id: hanna.id });
  await call(core, 'users.deletePending', { id: hanna.id });
  const switchTo = async (username: string, password: string) => {
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username, password });
  };
  await switchTo('gus', first);
  await switchTo(FIRST_ADMIN.username, FIRST_ADMIN.password);
  await call(core, 'passwords.reset', { id: gus.id, password: second, passwordConfirm: second });
  await call(core, 'passwords.setTemporary', { id: gus.id, password: first, passwordConfirm: first });
  await switchTo('gus', first);
  await call(core, 'session.changePassword', { currentPassword: first, password: second, passwordConfirm: second });
  await call(core, 'session.signOut', {});
  for (let attempt = 0; attempt < 5; attempt += 1) await callFailing(core, 'session.signIn', { username: 'gus', password: first });
  await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
}

async function entries(): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  for (const store of [core, demo]) rows.push(...(await call(store, 'audit.list', { pageSize: 200 })).rows);
  return rows;
}

/** What each action's sentence must name besides its operator. */
const NAMED: Record<AuditAction, RegExp> = {
  'platform.setup': /^Ada Admin set up AccessDesk/,
  'platform.demo': /opened the demo workspace with [\d,]+ users/,
  'session.signIn': /^Ada Admin signed in$/,
  'session.signInFailed': /^Someone tried to sign in as “ada” and was refused: wrong username or password$/,
  'session.signOut': /^Ada Admin signed out$/,
  'user.create': /^Ada Admin created user Ben Andersen$/,
  'user.update': /^Ada Admin changed Ben Andersen's email: ben@a\.example → ben@b\.example$/,
  'user.activate': /^Ada Admin activated Eva Dahl \(deleted\) and Finn Eide$/,
  'user.deactivate': /^Ada Admin deactivated Eva Dahl \(deleted\) and Finn Eide$/,
  'user.delete': /^Ada Admin deleted Eva Dahl \(deleted\)$/,
  'user.restore': /^Ada Admin restored Finn Eide$/,
  'user.import': /^Ada Admin imported 2 users \(Ivar Falk and Jonna Gran\) from new staff\.csv$/,
  'user.setType': /^Ada Admin set the user type of Dan Cole and Eva Dahl \(deleted\) to Read-Only$/,
  'user.setDepartment': /^Ada Admin (moved Carla Berg to department Company \/ Operations|cleared the department of Carla Berg)$/,
  'group.create': /^Ada Admin created group Planners$/,
  'group.update': /^Ada Admin changed group Report readers \(deleted group\): name: Readers → Report readers; description: — → Reads reports$/,
  'group.delete': /^Ada Admin deleted group Report readers \(deleted group\), which had 2 members: Ben Andersen and Carla Berg$/,
  'membership.add': /^Ada Admin added Ben Andersen, Carla Berg and 2 more to Planners$/,
  'membership.remove': /^Ada Admin removed Eva Dahl \(deleted\) from Planners$/,
  'membership.setMain': /^Ada Admin made Readers \(deleted group\) the main group of Ben Andersen$/,
  'membership.reassignMain': /^Ada Admin moved Ben Andersen from main group Readers to main group Planners$/,
  'membership.setEnd': /^Ada Admin set Dan Cole's membership of Planners to end on 2099-01-01 \(was no end date\)$/,
  'membership.end': /^AccessDesk ended the membership of Dan Cole in Planners: it reached its end date$/,
  'orgUnit.create': /^Ada Admin created unit Company/,
  'orgUnit.rename': /^Ada Admin renamed unit Company \/ Sales to Company \/ Revenue$/,
  'orgUnit.hide': /^Ada Admin hid unit Company \/ Revenue$/,
  'orgUnit.unhide': /^Ada Admin made unit Company \/ Revenue visible again$/,
  'orgUnit.move': /^Ada Admin moved unit Company \/ Revenue from under Company to under Company \/ Operations$/,
  'orgUnit.delete': /^Ada Admin deleted unit Company \/ Operations \/ Revenue and reassigned 1 user \(Finn Eide\) to Company \/ Operations$/,
  'viewAs.start': /^Ada Admin started a read-only view as Carla Berg$/,
  'viewAs.end': /^Ada Admin ended the read-only view as Carla Berg$/,
  'user.anonymise': /^Ada Admin anonymised a user: history now shows them as “Anonymised user”$/,
  'workbook.export': /^Ada Admin exported the audit workbook audit\.xlsx$/,
  'audit.eraseUnowned': /^AccessDesk erased 3 names typed at failed sign-ins that matched no user, 30 days old or more$/,
  'audit.checkpointsLost': /^AccessDesk found the audit checkpoints beside the store deleted when the log held 12,345 entries: entries removed before then can no longer be ruled out$/,
  'settings.update': /^Ada Admin changed the platform settings: authentication mode: Local → Directory-synced; idle lock \(minutes\): 15 → 30$/,
  'session.lockedOut': /^Gus Holm was locked out after 5 failed sign-ins until \d\d:\d\d UTC$/,
  'user.passwordReset': /^Ada Admin reset Gus Holm's password$/,
  'user.temporaryPassword': /^Ada Admin set a temporary password for Gus Holm, to be changed at their next sign-in$/,
  'user.passwordChange': /^Gus Holm replaced their temporary password$/,
  'user.activationCode': /^Ada Admin issued a new activation code for Hanna Iversen, valid until \d{4}-\d\d-\d\d$/,
  'user.deletePending': /^Ada Admin deleted pending user Hanna Iversen, who had never signed in$/,
  'view.export': /^Ada Admin exported (the effective permissions of Carla Berg to carla\.xlsx|who has access at Company \/ Operations \(.+\) to who-has\.xlsx|the filtered audit log to log\.xlsx)$/,
};

describe('every action reads as one sentence naming its operator, target and the people it affected', () => {
  test.each(AUDIT_ACTIONS)('%s', async (action) => {
    const matching = (await entries()).filter((row) => row.action === action);
    expect(matching.length, `no ${action} entry was written`).toBeGreaterThan(0);
    expect(matching.map((row) => row.sentence)).toContainEqual(expect.stringMatching(NAMED[action]));
  });

  test('the reason is kept apart from the sentence', async () => {
    const added = (await entries()).find((row) => row.action === 'membership.add' && row.reason !== null);
    expect(added?.reason).toBe('CHG-7');
    expect(added?.sentence).not.toContain('CHG-7');
  });

  test('the detail lists everyone a bulk entry affected, with readable fields and the raw codes', async () => {
    const added = (await call(core, 'audit.list', { action: 'membership.add' })).rows.at(-1);
    const detail = await call(core, 'audit.get', { id: added?.id ?? 0 });
    expect(detail.affected.map((subject) => subject.label)).toEqual([
      'Planners',
      'Ben Andersen (ben)',
      'Carla Berg (carla)',
      'Dan Cole (dan)',
      'Eva Dahl (deleted)',
    ]);
    expect(detail.raw).toMatchObject({ action: 'membership.add', targetType: 'group' });
    expect(JSON.parse(detail.raw.change)).toMatchObject({ after: { addedUserIds: expect.any(Array) }, reason: 'CHG-7' });

    const updated = (await call(core, 'audit.list', { action: 'user.update' })).rows.at(-1);
    const fields = (await call(core, 'audit.get', { id: updated?.id ?? 0 })).fields;
    expect(fields).toEqual([{ field: 'email', before: 'ben@a.example', after: 'ben@b.example' }]);
  });

  test('the raw codes stay out of the sentences', async () => {
    for (const row of await entries()) expect(row.sentence).not.toMatch(/\b(membership|user|group|orgUnit|viewAs|session|platform)\.[a-zA-Z]+\b/);
  });
});
