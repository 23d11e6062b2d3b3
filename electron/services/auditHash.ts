import { createHash, createHmac, hash } from 'node:crypto';
import type { AuditRecord } from '../db/repos/audit';

export type HashedFields = Omit<AuditRecord, 'id' | 'hash'>;

function canonical(fields: HashedFields): string {
  return JSON.stringify([
    fields.prevHash,
    fields.at,
    fields.operatorId,
    fields.operatorLabel,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.targetLabel,
    fields.change,
  ]);
}

/** HMAC-SHA-256 with the store's key: without the key nobody can write an entry that verifies. */
export function hashEntry(key: Buffer, fields: HashedFields): string {
  return createHmac('sha256', key).update(canonical(fields)).digest('hex');
}

const SHA256_BLOCK = 64;

/**
 * The same HMAC-SHA-256 as `hashEntry`, over a canonical text already built, for verifying a whole chain:
 * HMAC(K, m) = SHA-256((K ^ opad) || SHA-256((K ^ ipad) || m)), computed with two one-shot hashes into
 * reused buffers. A Hmac object per entry costs more than the hashing itself at a million entries.
 */
export function chainHasher(key: Buffer): (canonicalText: string) => string {
  const block = Buffer.alloc(SHA256_BLOCK);
  (key.length > SHA256_BLOCK ? hash('sha256', key, 'buffer') : key).copy(block);
  let inner = Buffer.alloc(64 * 1024);
  const outer = Buffer.alloc(SHA256_BLOCK + 32);
  for (let i = 0; i < SHA256_BLOCK; i += 1) {
    inner[i] = (block[i] ?? 0) ^ 0x36;
    outer[i] = (block[i] ?? 0) ^ 0x5c;
  }
  return (canonicalText) => {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (SHA256_BLOCK + canonicalText.length * 3 > inner.length) {
      const grown = Buffer.alloc(SHA256_BLOCK + canonicalText.length * 3);
      inner.copy(grown, 0, 0, SHA256_BLOCK);
      inner = grown;
    }
    const length = SHA256_BLOCK + inner.write(canonicalText, SHA256_BLOCK, 'utf8');
    hash('sha256', inner.subarray(0, length), 'buffer').copy(outer, SHA256_BLOCK);
    return hash('sha256', outer, 'hex');
  };
}

/** The text an entry's HMAC covers, from its fields in `canonical` order (a stored row read as an array). */
export function canonicalText(fields: readonly unknown[]): string {
  return JSON.stringify(fields);
}

/** The unkeyed SHA-256 chain of stores written before migration 0006; only re-sealing reads it. */
export function legacyHashEntry(fields: HashedFields): string {
  return createHash('sha256').update(canonical(fields)).digest('hex');
}
