import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppEvent } from '../../shared/contract/events';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';
import { readWorkbook } from '../support/xlsx';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

function jobEnd(jobId: string): Promise<AppEvent> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const end = core.events.find((event) => (event.type === 'job.finished' || event.type === 'job.failed') && event.jobId === jobId);
      if (end) {
        clearInterval(poll);
        resolve(end);
      }
    }, 20);
  });
}

describe('the audit workbook', () => {
  test('a store tampered with characters XML cannot hold still exports a workbook an independent reader opens', async () => {
    const user = await call(core, 'users.create', newUser({ lastName: 'Tampered' }));
    // Written around the contract, as a damaged or hand-edited store would hold it.
    core.store.sqlite.prepare('update users set first_name = ?, last_name = ? where id = ?').run('Bell\u0007Null\u0000', 'Half\ud800Pair\uffff', user.id);
    const file = join(core.dir, 'tampered.xlsx');
    core.dialogs.nextExportPath = file;
    const { jobId } = await call(core, 'exports.start', {});
    expect(await jobEnd(jobId ?? '')).toMatchObject({ type: 'job.finished' });
    const book = readWorkbook(file);
    expect(book.detail.Users?.rows).toBe(1 + 2);
  });


  test('has every sheet with a frozen bold filtered header, real dates, and formula-like text stored as text', async () => {
    const evil = await call(core, 'users.create', newUser({ firstName: '=HYPERLINK("http://x","click")', lastName: '+1-2', email: 'evil@example.com' }));
    const group = await call(core, 'groups.create', { name: '@Planners', description: '-the plan' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: [evil.id] });
    const file = join(core.dir, 'audit.xlsx');
    core.dialogs.nextExportPath = file;
    const { jobId } = await call(core, 'exports.start', {});
    expect(jobId).toBeTruthy();
    const end = await jobEnd(jobId ?? '');
    expect(end).toMatchObject({ type: 'job.finished', fileName: 'audit.xlsx' });

    const book = readWorkbook(file);
    expect(book.sheets).toEqual(['Summary', 'Users', 'Groups', 'Memberships', 'Audit log']);
    const auditEntries = core.store.sqlite.prepare('select count(*) from audit_log').pluck().get() as number;
    expect(book.detail.Users?.rows).toBe(1 + 2);
    expect(book.detail.Groups?.rows).toBe(1 + 1);
    expect(book.detail.Memberships?.rows).toBe(1 + 1);
    expect(book.detail['Audit log']?.rows).toBe(1 + auditEntries);
    expect(book.detail.Users?.header.slice(0, 5)).toEqual(['User ID', 'Username', 'First name', 'Last name', 'Email']);
    for (const name of book.sheets) {
      const sheet = book.detail[name]!;
      expect(sheet.frozen, name).toBe('A2');
      expect(sheet.headerBold, name).toBe(true);
      expect(sheet.autoFilter, name).toMatch(/^A1:[A-Z]+1$/);
      expect(Object.keys(sheet.widths).length, name).toBeGreaterThan(0);
    }
    expect(book.dateCells.Users).toBeTruthy();
    expect(book.dateCells['Audit log']).toBeTruthy();
    const values = book.formulaLike.map((cell) => cell.value);
    expect(values).toEqual(expect.arrayContaining(['=HYPERLINK("http://x","click")', '+1-2', '@Planners', '-the plan']));
    expect(book.formulaLike.every((cell) => cell.type === 's')).toBe(true);
  });

  test('closing the save dialog starts nothing', async () => {
    core.dialogs.nextExportPath = null;
    expect(await call(core, 'exports.start', {})).toEqual({ jobId: null });
  });

  test('cancel stops the job and leaves no file behind', async () => {
    for (let i = 0; i < 30; i += 1) await call(core, 'users.create', newUser());
    core.dialogs.nextExportPath = join(core.dir, 'cancelled.xlsx');
    const { jobId } = await call(core, 'exports.start', {});
    await call(core, 'exports.cancel', { jobId: jobId ?? '' });
    const end = await jobEnd(jobId ?? '');
    expect(end).toMatchObject({ type: 'job.failed', error: { code: 'cancelled' } });
    expect(existsSync(join(core.dir, 'cancelled.xlsx'))).toBe(false);
    expect(readdirSync(core.dir).filter((name) => name.includes('partial'))).toEqual([]);
    expect((await callFailing(core, 'exports.cancel', { jobId: jobId ?? '' })).code).toBe('not_found');
  });
});
