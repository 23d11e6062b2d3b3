import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../../electron/services/auditLog';
import { chainKeysForWorker } from '../../electron/services/auditTrail';
import { createTestCore, type TestCore } from '../support/core';
import { call, newUser, setUpAdmin } from '../support/operators';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  for (let i = 0; i < 4; i += 1) await call(core, 'users.create', newUser());
});
afterEach(async () => core.dispose());

function verifyInWorker() {
  return core.ctx.jobs.verifyChain({ kind: 'verifyChain', storeFile: core.store.file, ...chainKeysForWorker(core.store.db) });
}

describe('verifying the chain in a worker thread', () => {
  test('finds what the main thread finds, reporting progress up to every entry', async () => {
    expect(await verifyInWorker()).toEqual(verifyAuditChain(core.store.db));
    const raw = new Database(core.store.file);
    raw.exec('drop trigger audit_log_refuse_update');
    raw.prepare("update audit_log set target_label = 'someone' where id = 3").run();
    raw.close();
    const result = await verifyInWorker();
    expect(result).toEqual(verifyAuditChain(core.store.db));
    expect(result.firstBroken?.id).toBe(3);
    const progress = core.events.filter((event) => event.type === 'job.progress' && event.phase === 'Verifying the audit chain');
    expect(progress.at(-1)).toMatchObject({ done: result.checked, total: result.checked });
  });
});
