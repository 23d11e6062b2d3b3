import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const COST = 16384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

/** Format: scrypt$N$r$p$salt$hash (base64); the parameters travel with the hash so they can be raised later. */
export function hashPassword(password: string): string {
  return hashPasswordWith(password, { cost: COST, blockSize: BLOCK_SIZE, parallelism: PARALLELISM });
}

let dummyHash: string | undefined;

/** A null stored hash is checked against a throwaway one, so unknown users cost as much time as known ones. */
export function verifyPassword(password: string, stored: string | null): boolean {
  if (!stored) {
    dummyHash ??= hashPassword('not a password anyone has');
    verifyPassword(password, dummyHash);
    return false;
  }
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const { cost, blockSize, parallelism, salt, hash } = parsed;
  const actual = scryptSync(password, salt, hash.length, {
    N: cost,
    r: blockSize,
    p: parallelism,
    // Node's default (32 MiB) refuses costs a stored hash may have been raised to; scrypt needs 128·N·r bytes.
    maxmem: 256 * cost * blockSize,
  });
  return actual.length === hash.length && timingSafeEqual(actual, hash);
}

interface StoredHash {
  cost: number;
  blockSize: number;
  parallelism: number;
  salt: Buffer;
  hash: Buffer;
}

const MAX_STORED_COST = 2 ** 20;

/** The parameters a hash was made with, read from the hash itself; null when it is not one we could have written. */
function parseStoredHash(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash || rest.length > 0) return null;
  const [cost, blockSize, parallelism] = [n, r, p].map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : 0)) as [number, number, number];
  const costIsPowerOfTwo = cost > 1 && (cost & (cost - 1)) === 0;
  if (!costIsPowerOfTwo || cost > MAX_STORED_COST || blockSize < 1 || blockSize > 32 || parallelism < 1 || parallelism > 16) return null;
  const hashBytes = Buffer.from(hash, 'base64');
  if (hashBytes.length < 16) return null;
  return { cost, blockSize, parallelism, salt: Buffer.from(salt, 'base64'), hash: hashBytes };
}

/** For tests and future upgrades: a hash made with explicit parameters. */
export function hashPasswordWith(password: string, parameters: { cost: number; blockSize: number; parallelism: number }): string {
  const salt = randomBytes(16);
  const { cost, blockSize, parallelism } = parameters;
  const hash = scryptSync(password, salt, KEY_LENGTH, { N: cost, r: blockSize, p: parallelism, maxmem: 256 * cost * blockSize });
  return ['scrypt', cost, blockSize, parallelism, salt.toString('base64'), hash.toString('base64')].join('$');
}
