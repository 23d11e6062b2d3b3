import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Bytes of a store's audit key. */
export const AUDIT_KEY_BYTES = 32;

/**
 * Where a store's audit key comes from. The key never lives in the store file: the app keeps it wrapped by
 * the OS keystore beside the store, tests keep it in their temp folder.
 */
export interface AuditKeyProvider {
  /** The store's key, made (and kept) on the first call for a new store. */
  keyFor(storeFile: string): Buffer | Promise<Buffer>;
}

/** The key does not open this store's chain: refused before anything is read or written. */
export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

export function auditKeyFileOf(storeFile: string): string {
  return `${storeFile}.auditkey`;
}

export function newAuditKey(): Buffer {
  return randomBytes(AUDIT_KEY_BYTES);
}

export function requireAuditKeyLength(key: Buffer): Buffer {
  if (key.length !== AUDIT_KEY_BYTES) {
    throw new AuditKeyError(`The audit key beside the store is damaged: it holds ${key.length} bytes instead of ${AUDIT_KEY_BYTES}`);
  }
  return key;
}

/** A key kept in plain hex beside the store: for tests and the e2e host, never for the app. */
export function plainFileAuditKeyProvider(): AuditKeyProvider {
  return {
    keyFor(storeFile) {
      const file = auditKeyFileOf(storeFile);
      if (existsSync(file)) return requireAuditKeyLength(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
      const key = newAuditKey();
      writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
      return key;
    },
  };
}

/** What the store keeps to recognise its key: an HMAC of a fixed text, which reveals nothing of the key. */
export function keyCheckOf(key: Buffer): string {
  return createHmac('sha256', key).update('AccessDesk audit key check').digest('hex');
}
