import { createHash, hash, randomBytes } from 'node:crypto';
import { ANONYMISED_LABEL, personPlaceholder, type AuditPersonalRecord } from '../db/repos/auditPersonal';

/**
 * Fields of an entry's before/after that hold a person's name, username or email. A field inside an object
 * with a numeric `id` in a list (`users: [{id, label}]`) belongs to that user; elsewhere to the entry's
 * target when the target is a user. Services need not mark anything: naming the field is enough.
 */
export const PERSON_FIELDS: ReadonlySet<string> = new Set([
  'label',
  'username',
  'typedUsername',
  'email',
  'firstName',
  'lastName',
  'displayName',
  'viewing',
]);

export type PendingPersonalValue = Omit<AuditPersonalRecord, 'entryId'>;

/** Collects the values taken out of one entry, each replaced by a placeholder holding its commitment. */
export class PersonalValues {
  readonly taken: PendingPersonalValue[] = [];

  /** The placeholder that stands for `value` in the chained entry. */
  take(value: string, userId: number | null): string {
    if (value === '' || value === ANONYMISED_LABEL) return value;
    const salt = randomBytes(16).toString('hex');
    const commitment = commitmentOf(salt, value);
    this.taken.push({ commitment, userId, value, salt });
    return personPlaceholder(commitment);
  }
}

export function commitmentOf(salt: string, value: string): string {
  return createHash('sha256').update(Buffer.from(salt, 'hex')).update(value, 'utf8').digest('hex');
}

/** `commitmentOf` for checking many values: one-shot hashes over one reused buffer. */
export function commitmentChecker(): (salt: string, value: string) => string {
  let scratch = Buffer.alloc(4096);
  return (salt, value) => {
    const most = (salt.length >>> 1) + value.length * 3;
    if (most > scratch.length) scratch = Buffer.alloc(most);
    // Decodes the salt as Buffer.from(salt, 'hex') does, stopping at the first pair that is not hex.
    const saltBytes = scratch.write(salt, 0, 'hex');
    const length = saltBytes + scratch.write(value, saltBytes, 'utf8');
    return hash('sha256', scratch.subarray(0, length), 'hex');
  };
}

function redactValue(value: unknown, owner: number | null, values: PersonalValues, inList: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => redactValue(item, owner, values, true));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const id = record.id;
  const whose = inList && typeof id === 'number' ? id : owner;
  const redacted: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) {
    redacted[key] =
      PERSON_FIELDS.has(key) && typeof field === 'string' ? values.take(field, whose) : redactValue(field, whose, values, false);
  }
  return redacted;
}

/** A before or after snapshot with every person field replaced by its placeholder. */
export function redactSnapshot(snapshot: unknown, owner: number | null, values: PersonalValues): unknown {
  return redactValue(snapshot, owner, values, false);
}
