import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/** A signed checkpoint: how many entries the log held and its head, at a moment. */
export interface AuditSeal {
  count: number;
  headId: number;
  headHash: string;
  sealedAt: string;
  signature: string;
}

export type UnsignedSeal = Omit<AuditSeal, 'signature'>;

export interface SealsRead {
  /** Seals signed with this store's key, in the order they were written. */
  seals: AuditSeal[];
  /** Lines that are not a seal signed with this key (forged, edited or damaged). */
  unsigned: number;
  /** Whether the seals file exists at all. */
  found: boolean;
}

/** Append-only JSON lines beside the store: checkpoints live outside the file they vouch for. */
export function sealsFileOf(storeFile: string): string {
  return `${storeFile}.seals`;
}

export function sealSignature(key: Buffer, seal: UnsignedSeal): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['AccessDesk audit seal', seal.count, seal.headId, seal.headHash, seal.sealedAt]))
    .digest('hex');
}

export function signSeal(key: Buffer, seal: UnsignedSeal): AuditSeal {
  return { ...seal, signature: sealSignature(key, seal) };
}

export function isSignedSeal(key: Buffer, seal: AuditSeal): boolean {
  const expected = Buffer.from(sealSignature(key, seal), 'hex');
  const given = Buffer.from(seal.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function asSeal(value: unknown): AuditSeal | null {
  if (typeof value !== 'object' || value === null) return null;
  const { count, headId, headHash, sealedAt, signature } = value as Record<string, unknown>;
  if (typeof count !== 'number' || typeof headId !== 'number' || typeof headHash !== 'string') return null;
  if (typeof sealedAt !== 'string' || typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return null;
  return { count, headId, headHash, sealedAt, signature };
}

export function parseSealLine(line: string): AuditSeal | null {
  try {
    return asSeal(JSON.parse(line));
  } catch {
    return null;
  }
}

export function readSeals(file: string, key: Buffer): SealsRead {
  if (!existsSync(file)) return { seals: [], unsigned: 0, found: false };
  const seals: AuditSeal[] = [];
  let unsigned = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const seal = parseSealLine(line);
    if (seal && isSignedSeal(key, seal)) seals.push(seal);
    else unsigned += 1;
  }
  return { seals, unsigned, found: true };
}

/** The checkpoint that vouches for the most entries: a log never legitimately shrinks. */
export function widestSeal(seals: readonly AuditSeal[]): AuditSeal | null {
  let widest: AuditSeal | null = null;
  for (const seal of seals) if (!widest || seal.count >= widest.count) widest = seal;
  return widest;
}

export function appendSeal(file: string, seal: AuditSeal): void {
  appendFileSync(file, `${JSON.stringify(seal)}\n`, { mode: 0o600 });
}
