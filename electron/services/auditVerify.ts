import { MAX_CHAIN_PROBLEMS, type ChainProblem, type ChainVerification } from '../../shared/contract';
import type { Db } from '../db/client';
import { auditEntryIdsWithAction, CHAINED_FIELD_COUNT, chainTextReader, readAuditChainState, storedChainRowOf } from '../db/repos/audit';
import { personalCheckReader, type PersonalCheckRow } from '../db/repos/auditPersonal';
import { canonicalText, chainHasher } from './auditHash';
import { commitmentChecker } from './auditRedaction';
import { widestSeal, type AuditSeal, type SealsRead } from './auditSeals';
import { GENESIS_HASH } from './auditTrail';

const VERIFY_BATCH = 5000;

export type VerifyProgress = (done: number) => void;

function range(first: number, last: number): string {
  return first === last ? `#${first}` : `#${first}…#${last}`;
}

/** A run of consecutive entries the key did not sign, reported once when it ends. */
interface UnsignedRun {
  first: number;
  last: number;
  length: number;
}

function unsignedRunProblem(run: UnsignedRun, widest: AuditSeal | null): ChainProblem {
  if (widest !== null && run.first > widest.headId) {
    return {
      entryId: run.first,
      kind: 'forged',
      message: `${run.length === 1 ? 'Entry' : 'Entries'} ${range(run.first, run.last)} ${run.length === 1 ? 'was' : 'were'} added after the last checkpoint without this store's key (forged)`,
    };
  }
  if (run.length === 1) {
    return { entryId: run.first, kind: 'changed', message: `Entry #${run.first} was changed after it was written` };
  }
  return {
    entryId: run.first,
    kind: 'rewritten',
    message: `The chain was rewritten from entry #${run.first}: entries ${range(run.first, run.last)} are not signed with this store's key`,
  };
}

/**
 * Checks each person value still kept for the entries firstId…lastId (all in the log: a batch is consecutive)
 * against the commitment its entry holds; one problem per entry, in entry order. Values of an entry that is
 * gone belong to a removal, which the entry after the gap already reports.
 */
function personalValueProblems(
  rows: readonly PersonalCheckRow[],
  commitmentOf: (salt: string, value: string) => string,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let lastWrong = -1;
  for (const [entryId, placed, commitment, salt, value] of rows) {
    if (entryId === lastWrong) continue;
    if (placed === 1 && commitmentOf(salt, value) === commitment) continue;
    lastWrong = entryId;
    problems.push({
      entryId,
      kind: 'personalValue',
      message: `A name, username or email shown in entry #${entryId} is not the one the entry was written with`,
    });
  }
  return problems;
}

export interface VerifyOptions {
  onProgress?: VerifyProgress;
}

/**
 * Walks the whole chain in id order against the key and the signed checkpoints, and reports every problem at
 * the entry where it shows: a changed entry; one that does not follow the entry before it; entries the key did
 * not sign (forged past the last checkpoint, or a rewritten run); a checkpoint whose head is not in the log;
 * a tail or a whole log a checkpoint counted but the log no longer holds.
 */
export function verifyChainWith(db: Db, key: Buffer, sealsRead: SealsRead, options: VerifyOptions = {}): ChainVerification {
  const widest = widestSeal(sealsRead.seals);
  const sealsByHead = new Map<number, AuditSeal[]>();
  for (const seal of sealsRead.seals) sealsByHead.set(seal.headId, [...(sealsByHead.get(seal.headId) ?? []), seal]);
  const problems: ChainProblem[] = [];
  const report = (problem: ChainProblem) => {
    if (problems.length < MAX_CHAIN_PROBLEMS) problems.push(problem);
  };

  const state = readAuditChainState(db);
  if (state?.legacyBrokenId != null) {
    report({
      entryId: state.legacyBrokenId,
      kind: 'legacy',
      message: `Before the chain was re-sealed with the key, entry #${state.legacyBrokenId} ${state.legacyBrokenReason ?? 'did not hold'}`,
    });
  }
  if (sealsRead.unsigned > 0) {
    report({
      entryId: null,
      kind: 'checkpoints',
      message: `${sealsRead.unsigned} checkpoint line(s) beside the store are not signed with this store's key`,
    });
  }

  let previousHash = GENESIS_HASH;
  let previousId = 0;
  let checked = 0;
  let run: UnsignedRun | null = null;
  const endRun = () => {
    if (run) report(unsignedRunProblem(run, widest));
    run = null;
  };
  const readBatch = chainTextReader(db);
  const readRow = storedChainRowOf(db);
  const readPersonal = personalCheckReader(db);
  const hmac = chainHasher(key);
  const commitmentOf = commitmentChecker();
  // The HMAC covers the row as stored, placeholders and all: its leading fields, in canonical order.
  const signedAsStored = (id: number, hash: string): boolean => {
    const fields: unknown[] | undefined = readRow(id);
    if (!fields) return false;
    fields.length = CHAINED_FIELD_COUNT;
    return hmac(canonicalText(fields)) === hash;
  };
  for (;;) {
    const batch = readBatch(previousId, VERIFY_BATCH);
    if (batch.length === 0) break;
    const firstId = batch[0]?.[2] ?? 0;
    for (const [text, prevHash, id, hash] of batch) {
      checked += 1;
      if (prevHash !== previousHash) {
        report({
          entryId: id,
          kind: 'removedOrReordered',
          message:
            previousId === 0
              ? `Entry #${id} does not start the chain: the entries before it were removed`
              : `Entry #${id} does not follow entry #${previousId}: entries between them were removed or the order was changed`,
        });
      }
      // SQLite's text of the entry is the app's whenever its HMAC holds; when it does not, the fields decide.
      if ((text !== null && hmac(text) === hash) || signedAsStored(id, hash)) {
        endRun();
      } else if (run) {
        run.last = id;
        run.length += 1;
      } else {
        run = { first: id, last: id, length: 1 };
      }
      const seals = sealsByHead.get(id);
      if (seals) {
        for (const seal of seals) {
          if (seal.headHash !== hash) {
            report({
              entryId: id,
              kind: 'checkpointMismatch',
              message: `Entry #${id} is not the entry the checkpoint of ${seal.sealedAt} sealed there: the chain was rewritten`,
            });
          }
        }
      }
      previousHash = hash;
      previousId = id;
    }
    for (const problem of personalValueProblems(readPersonal(firstId, previousId), commitmentOf)) report(problem);
    options.onProgress?.(checked);
  }
  endRun();
  for (const entryId of auditEntryIdsWithAction(db, 'audit.checkpointsLost')) {
    report({
      entryId,
      kind: 'checkpointsLost',
      message: `Before entry #${entryId} the checkpoints beside the store were deleted, so entries removed from the end of the log before then cannot be ruled out`,
    });
  }

  if (widest && widest.headId > previousId) {
    if (checked === 0) {
      report({
        entryId: null,
        kind: 'deleted',
        message: `The audit log is empty, but the checkpoint of ${widest.sealedAt} sealed ${widest.count} entries up to #${widest.headId}: the log was deleted`,
      });
    } else {
      report({
        entryId: previousId,
        kind: 'truncated',
        message: `Entries #${previousId + 1}…#${widest.headId} are missing: the log ends at #${previousId}, but the checkpoint of ${widest.sealedAt} sealed ${widest.count} entries up to #${widest.headId}`,
      });
    }
  }
  if (!widest && checked > 0) {
    report({
      entryId: null,
      kind: 'checkpoints',
      message: 'No signed checkpoint was found beside the store, so a removed tail or a deleted log cannot be ruled out',
    });
  }

  problems.sort((a, b) => (a.entryId ?? Number.MAX_SAFE_INTEGER) - (b.entryId ?? Number.MAX_SAFE_INTEGER));
  const first = problems.find((problem) => problem.entryId !== null);
  return {
    ok: problems.length === 0,
    checked,
    headHash: checked === 0 ? null : previousHash,
    firstBroken: first && first.entryId !== null ? { id: first.entryId, reason: first.message } : null,
    problems,
    lastSeal: widest,
  };
}
