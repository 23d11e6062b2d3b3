/**
 * How usernames and emails become identities (DOMAIN.md "Users"): stored trimmed and NFC-normalised, compared
 * by a folded key so that case, composed/decomposed accents and compatibility forms (full-width letters,
 * ligatures) never make two people out of one.
 */
import { firstCharacterWhere } from './text';

/** Whitespace, control, format (zero-width, bidi marks and overrides, soft hyphen), lone surrogates, separators. */
const FORBIDDEN_IN_IDENTITY = /[\s\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Zs}]/u;

const CHARACTER_NAMES: Record<string, string> = {
  ' ': 'a space',
  '\t': 'a tab',
  '\n': 'a line break',
  '\r': 'a line break',
  '\u00a0': 'a non-breaking space',
  '\u00ad': 'a soft hyphen',
  '\u200b': 'a zero-width space',
  '\u200c': 'a zero-width non-joiner',
  '\u200d': 'a zero-width joiner',
  '\u200e': 'a left-to-right mark',
  '\u200f': 'a right-to-left mark',
  '\u2060': 'a word joiner',
  '\ufeff': 'a zero-width no-break space',
};

function describeCharacter(character: string): string {
  const named = CHARACTER_NAMES[character];
  const code = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return named ? `${named} (${code})` : `an invisible or control character (${code})`;
}

export interface ForbiddenCharacter {
  /** 1-based position in characters (code points), as a person counts them. */
  position: number;
  description: string;
}

/** The first character an identity may not contain, or null when there is none. */
export function findForbiddenCharacter(value: string): ForbiddenCharacter | null {
  const found = firstCharacterWhere(value, (character) => FORBIDDEN_IN_IDENTITY.test(character));
  return found ? { position: found.position, description: describeCharacter(found.character) } : null;
}

export function forbiddenCharacterMessage(label: string, found: ForbiddenCharacter): string {
  return `${label} cannot contain ${found.description}; found at character ${found.position}`;
}

/** The form a username or email is stored in. */
export function normaliseIdentity(value: string): string {
  return value.trim().normalize('NFC');
}

function foldOnce(value: string): string {
  // Trimmed again at the end: compatibility forms such as U+00B4 ACUTE ACCENT decompose to a space + mark.
  return value.trim().normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC').trim();
}

/**
 * The key two identities are compared by: full case folding of the NFKC form. JavaScript has no case-fold
 * primitive; upper- then lower-casing applies the full (multi-character) mappings such as ß → SS → ss, which
 * simple lower-casing does not. A few characters need a second pass (ẞ lower-cases to ß, which folds to ss),
 * so it repeats until nothing changes.
 */
export function identityKey(value: string): string {
  let key = foldOnce(value);
  for (let pass = 0; pass < 3; pass += 1) {
    const next = foldOnce(key);
    if (next === key) break;
    key = next;
  }
  return key;
}
