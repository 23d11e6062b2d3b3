/**
 * Free text (names, descriptions, reasons, search) ends up in SQLite, in FTS5 queries and in the audit workbook's
 * XML, none of which can hold control characters or lone surrogates safely: a NUL ends an FTS5 string or a LIKE
 * pattern early, and XML 1.0 has no way to write most C0 controls at all.
 */

const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;
const LINE_BREAKS_AND_TABS = new Set(['\t', '\n', '\r']);

/** What a search box's text is matched as: NFC, with controls and lone surrogates dropped, trimmed. */
export function searchableText(value: string): string {
  return value.normalize('NFC').replace(new RegExp(CONTROL_OR_LONE_SURROGATE, 'gu'), '').trim();
}

export interface FoundCharacter {
  /** 1-based position in characters (code points), as a person counts them. */
  position: number;
  character: string;
}

/** The first character (code point) that matches, with its position, or null. */
export function firstCharacterWhere(value: string, matches: (character: string) => boolean): FoundCharacter | null {
  let position = 0;
  for (const character of value) {
    position += 1;
    if (matches(character)) return { position, character };
  }
  return null;
}

/** The 1-based position of the first control character or lone surrogate, or null. */
export function findControlCharacter(value: string, allowLineBreaks: boolean): number | null {
  const found = firstCharacterWhere(
    value,
    (character) => !(allowLineBreaks && LINE_BREAKS_AND_TABS.has(character)) && CONTROL_OR_LONE_SURROGATE.test(character),
  );
  return found?.position ?? null;
}

/**
 * "Ann, Ben, Carla and 4 more", "Ann and Ben", "Ann": the first few of a list in a sentence, and how many
 * more there are. `total` is the list's full length when only its first items were read. The full list
 * belongs where there is room for it (a detail view, a workbook).
 */
export function firstFewAndMore(
  items: readonly string[],
  { shown = 3, separator = ', ', total = items.length }: { shown?: number; separator?: string; total?: number } = {},
): string {
  const listed = items.slice(0, shown);
  const more = total - listed.length;
  if (more > 0) return `${listed.join(separator)} and ${more.toLocaleString('en')} more`;
  if (listed.length <= 1) return listed.join('');
  return `${listed.slice(0, -1).join(separator)} and ${listed[listed.length - 1]}`;
}
