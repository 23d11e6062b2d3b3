/**
 * Free text (names, descriptions, reasons, search) ends up in SQLite, in FTS5 queries and in the audit workbook's
 * XML, none of which can hold control characters or lone surrogates safely: a NUL ends an FTS5 string or a LIKE
 * pattern early, and XML 1.0 has no way to write most C0 controls at all.
 */

const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/gu;
const LINE_BREAKS_AND_TABS = new Set(['\t', '\n', '\r']);

/** What a search box's text is matched as: NFC, with controls and lone surrogates dropped, trimmed. */
export function searchableText(value: string): string {
  return value.normalize('NFC').replace(CONTROL_OR_LONE_SURROGATE, '').trim();
}

/** The 1-based position of the first control character or lone surrogate, or null. */
export function findControlCharacter(value: string, allowLineBreaks: boolean): number | null {
  let position = 0;
  for (const character of value) {
    position += 1;
    if (allowLineBreaks && LINE_BREAKS_AND_TABS.has(character)) continue;
    if (/[\p{Cc}\p{Cs}]/u.test(character)) return position;
  }
  return null;
}
