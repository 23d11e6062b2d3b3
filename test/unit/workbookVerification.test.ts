import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestCore, jobEnd, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';
import { readCells } from '../support/xlsx';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  for (let i = 0; i < 3; i += 1) await call(core, 'users.create', newUser());
});
afterEach(async () => core.dispose());

async function exportWorkbook(target: TestCore, name: string): Promise<string> {
  const file = join(target.dir, name);
  target.dialogs.nextExportPath = file;
  const { jobId } = await call(target, 'exports.start', {});
  expect(await jobEnd(target, jobId ?? '')).toMatchObject({ type: 'job.finished' });
  return file;
}

function summaryOf(file: string): Map<string, string | number | boolean | null> {
  const rows = readCells(file).Summary ?? [];
  return new Map(rows.map((row) => [String(row[0]), row[1] ?? null]));
}

function headId(): number {
  return core.store.sqlite.prepare('select max(id) from audit_log').pluck().get() as number;
}

async function verifyFile(file: string) {
  core.dialogs.nextWorkbookToVerify = file;
  return call(core, 'audit.verifyWorkbook', {});
}

describe('an exported workbook', () => {
  test('records the export in the log, then prints the seal of that entry on its Summary sheet', async () => {
    const file = await exportWorkbook(core, 'sealed.xlsx');
    const head = core.store.sqlite.prepare('select id, action, hash from audit_log order by id desc limit 1').get() as { id: number; action: string; hash: string };
    expect(head.action).toBe('workbook.export');
    const summary = summaryOf(file);
    expect(summary.get('Audit entries')).toBe(head.id);
    expect(summary.get('Audit head')).toBe(head.hash);
    expect(summary.get('Audit seal')).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(String(summary.get('Sealed at'))).getTime()).not.toBeNaN();
    expect(summary.get('Audit chain verified')).toBe('Yes');
  });

  test('verifies while the log still holds its head and count, however many entries came after', async () => {
    const file = await exportWorkbook(core, 'later.xlsx');
    expect(await verifyFile(file)).toMatchObject({ ok: true, fileName: 'later.xlsx', addedSince: 0, problems: [] });
    await call(core, 'groups.create', { name: 'After the export' });
    expect(await verifyFile(file)).toMatchObject({ ok: true, addedSince: 1, problems: [] });
  });

  test('reports a tail removed after the export, though what is left of the chain holds', async () => {
    const file = await exportWorkbook(core, 'truncated.xlsx');
    const sealedHead = headId();
    const raw = new Database(core.store.file);
    raw.exec('drop trigger audit_log_refuse_delete');
    raw.prepare('delete from audit_log where id >= ?').run(sealedHead - 1);
    raw.close();
    const result = await verifyFile(file);
    expect(result?.ok).toBe(false);
    expect(result?.problems[0]).toMatchObject({ kind: 'truncated', entryId: sealedHead - 2 });
    expect(result?.problems[0]?.message).toContain(`Entries #${sealedHead - 1}…#${sealedHead}`);
  });

  test('reports an entry changed after the export at that entry', async () => {
    const file = await exportWorkbook(core, 'changed.xlsx');
    const raw = new Database(core.store.file);
    raw.exec('drop trigger audit_log_refuse_update');
    raw.prepare("update audit_log set action = 'user.delete' where id = 2").run();
    raw.close();
    const result = await verifyFile(file);
    expect(result?.ok).toBe(false);
    expect(result?.problems).toContainEqual(expect.objectContaining({ entryId: 2, kind: 'changed' }));
  });

  test('from another store is not signed with this store\'s key', async () => {
    const other = await createTestCore();
    try {
      await setUpAdmin(other);
      const file = await exportWorkbook(other, 'other.xlsx');
      const result = await verifyFile(file);
      expect(result?.ok).toBe(false);
      expect(result?.problems[0]).toMatchObject({ kind: 'checkpoints', message: expect.stringContaining("not signed with this store's key") });
    } finally {
      await other.dispose();
    }
  });

  test('whose seal rows were edited is refused as edited, and any other file with a clear validation error', async () => {
    const notAWorkbook = join(core.dir, 'notes.xlsx');
    writeFileSync(notAWorkbook, 'PK\u0003\u0004 not really a zip');
    expect(await callFailingVerify(notAWorkbook)).toMatchObject({ code: 'validation', message: expect.stringContaining('cannot be read') });

    const foreign = new ExcelJS.Workbook();
    foreign.addWorksheet('Summary').addRows([['Item', 'Value'], ['Audit entries', 3]]);
    const foreignFile = join(core.dir, 'foreign.xlsx');
    await foreign.xlsx.writeFile(foreignFile);
    expect(await callFailingVerify(foreignFile)).toMatchObject({ code: 'validation', message: expect.stringContaining('no complete audit seal') });

    const edited = new ExcelJS.Workbook();
    edited.addWorksheet('Summary').addRows([
      ['Audit entries', 3], ['Audit head entry', 3], ['Audit head', '=HYPERLINK("x")'], ['Audit seal', 'f'.repeat(64)], ['Sealed at', 'now'],
    ]);
    const editedFile = join(core.dir, 'edited.xlsx');
    await edited.xlsx.writeFile(editedFile);
    expect(await callFailingVerify(editedFile)).toMatchObject({ code: 'validation', message: expect.stringContaining('were changed') });
  });

  test('is not asked for when the operator cancels the dialog', async () => {
    core.dialogs.nextWorkbookToVerify = null;
    expect(await call(core, 'audit.verifyWorkbook', {})).toBeNull();
  });
});

async function callFailingVerify(file: string) {
  core.dialogs.nextWorkbookToVerify = file;
  return callFailing(core, 'audit.verifyWorkbook', {});
}
