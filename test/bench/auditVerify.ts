/**
 * Verifying the whole audit chain at 1,000,000 entries, in a worker with progress, as "Verify chain" does. The
 * bench-only store is filled with direct SQL, but each entry goes through the app's own redaction and keyed
 * hash: real placeholders and commitments, person values with their salts, HMACs chained with the store's key,
 * and a signed checkpoint of the head. So verification has every HMAC and every commitment to check.
 */
import { performance } from 'node:perf_hooks';
import type { ChainVerification } from '../../shared/contract';
import { AUDIT_ACTIONS } from '../../shared/domain/auditActions';
import { chainedFields, type AuditChange } from '../../electron/services/auditLog';
import { hashEntry } from '../../electron/services/auditHash';
import { PersonalValues } from '../../electron/services/auditRedaction';
import { auditTrailOf, chainKeysForWorker, sealHead } from '../../electron/services/auditTrail';
import { createTestCore, type TestCore } from '../support/core';
import { setUpAdmin } from '../support/operators';

export interface AuditVerifyFigures {
  entries: number;
  personValues: number;
  generateMs: number;
  /** Wall time of audit.verify's worker job, from start to result: the figure `auditVerify1MMs` reports. */
  verifyMs: number;
  progressEvents: number;
  /** The largest step between two progress events, in entries. */
  largestProgressStep: number;
  result: ChainVerification;
}

// Not the entry that records deleted checkpoints: verification reports each one, as it should.
const ORDINARY_ACTIONS = AUDIT_ACTIONS.filter((action) => action !== 'audit.checkpointsLost');
const OPERATORS = 20;
const USERS = 100_000;
const GROUPS = 2_000;
const NAMES = ['Ada Admin', 'Ben Andersen', 'Carla Berg', 'Dmitri Olsen', 'Eva Lund', 'Farid Nasser', 'Greta Holm'];

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Appends `entries` chained entries after the log's head: four in five change a user (operator and target
 * are people), one in five adds two users to a group (operator and both users are people), one in ten with a
 * reason. Then seals the new head, as the mutation runner does after a commit.
 */
export function fillAuditChain(core: TestCore, entries: number): { personValues: number } {
  const sqlite = core.store.sqlite;
  const trail = auditTrailOf(core.store.db);
  const random = seeded(11);
  const name = () => NAMES[Math.floor(random() * NAMES.length)] ?? 'Ada Admin';
  const start = Date.parse('2024-11-01T00:00:00Z');
  const step = (2 * 365 * 24 * 3600 * 1000) / entries;
  const insertEntry = sqlite.prepare(
    `insert into audit_log (id, at, operator_id, operator_label, action, target_type, target_id, target_label, change, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPersonal = sqlite.prepare('insert into audit_personal (commitment, entry_id, user_id, value, salt) values (?, ?, ?, ?, ?)');
  let personValues = 0;
  let { id, hash, count } = trail.head;
  sqlite.transaction(() => {
    for (let n = 0; n < entries; n += 1) {
      id += 1;
      const operatorId = 2 + Math.floor(random() * OPERATORS);
      const onGroup = random() < 0.2;
      const targetId = onGroup ? 1 + Math.floor(random() * GROUPS) : 2 + Math.floor(random() * USERS);
      const users = onGroup ? [0, 1].map(() => 2 + Math.floor(random() * USERS)) : [];
      const action = onGroup ? 'membership.add' : ORDINARY_ACTIONS[Math.floor(random() * ORDINARY_ACTIONS.length)] ?? 'user.update';
      const change: AuditChange = onGroup
        ? { action, targetType: 'group', targetId, targetLabel: `Group ${targetId}`, after: { addedUserIds: users, users: users.map((user) => ({ id: user, label: name() })) } }
        : { action, targetType: 'user', targetId, targetLabel: name(), before: { status: 'active' }, after: { status: 'deactivated' } };
      const reason = random() < 0.1 ? `CHG-${Math.floor(random() * 100_000)}` : undefined;
      const personal = new PersonalValues();
      const at = new Date(start + n * step).toISOString();
      const fields = chainedFields(hash, at, { id: operatorId, label: name() }, change, reason, personal);
      hash = hashEntry(trail.key, fields);
      insertEntry.run(id, fields.at, fields.operatorId, fields.operatorLabel, fields.action, fields.targetType, fields.targetId, fields.targetLabel, fields.change, fields.prevHash, hash);
      for (const value of personal.taken) insertPersonal.run(value.commitment, id, value.userId, value.value, value.salt);
      personValues += personal.taken.length;
    }
  })();
  count += entries;
  trail.head = { count, id, hash };
  sealHead(trail);
  return { personValues };
}

/** Verifies the whole chain through the worker job "Verify chain" starts, counting its progress events. */
export async function timeChainVerification(core: TestCore): Promise<Omit<AuditVerifyFigures, 'entries' | 'personValues' | 'generateMs'>> {
  const before = core.events.length;
  const started = performance.now();
  const result = await core.ctx.jobs.verifyChain({ kind: 'verifyChain', storeFile: core.store.file, ...chainKeysForWorker(core.store.db) });
  const verifyMs = performance.now() - started;
  let largestProgressStep = 0;
  let last = 0;
  let progressEvents = 0;
  for (const event of core.events.slice(before)) {
    if (event.type !== 'job.progress') continue;
    progressEvents += 1;
    largestProgressStep = Math.max(largestProgressStep, event.done - last);
    last = event.done;
  }
  return { verifyMs, progressEvents, largestProgressStep, result };
}

/** A store of its own with `entries` chained entries, verified once as "Verify chain" does. */
export async function benchAuditVerify(entries = 1_000_000): Promise<AuditVerifyFigures> {
  const core = await createTestCore();
  try {
    await setUpAdmin(core);
    const started = performance.now();
    const { personValues } = fillAuditChain(core, entries);
    const generateMs = performance.now() - started;
    const timed = await timeChainVerification(core);
    return { entries: timed.result.checked, personValues, generateMs, ...timed };
  } finally {
    await core.dispose();
  }
}
