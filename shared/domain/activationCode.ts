/**
 * One-time activation codes for pending users: typed by a person from a printed letter, so the alphabet leaves
 * out characters that read alike (0/O, 1/I/L, 5/S, 2/Z, 8/B) and the code is shown in groups of four.
 */
export const ACTIVATION_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const ACTIVATION_CODE_GROUPS = 4;
export const ACTIVATION_CODE_GROUP_LENGTH = 4;
export const ACTIVATION_CODE_VALID_DAYS = 14;

const CODE_LENGTH = ACTIVATION_CODE_GROUPS * ACTIVATION_CODE_GROUP_LENGTH;

/**
 * The code as stored and compared: upper case, without the spaces and dashes people type between groups.
 * Returns null when what is left is not a code of the right length and alphabet.
 */
export function normaliseActivationCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== CODE_LENGTH) return null;
  for (const character of compact) if (!ACTIVATION_CODE_ALPHABET.includes(character)) return null;
  return compact;
}

/** "ACDE-FGHJ-KMNP-QRTU": how the code is shown and printed. */
export function formatActivationCode(compact: string): string {
  const groups: string[] = [];
  for (let start = 0; start < compact.length; start += ACTIVATION_CODE_GROUP_LENGTH) {
    groups.push(compact.slice(start, start + ACTIVATION_CODE_GROUP_LENGTH));
  }
  return groups.join('-');
}
