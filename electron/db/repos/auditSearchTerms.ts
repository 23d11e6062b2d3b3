import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/**
 * The words an entry adds to the free-text index, as FTS5's unicode61 tokenizer (remove_diacritics 2) makes
 * them: runs of letters, digits and private-use characters, diacritics removed, lower case. Kept in
 * audit_search_terms so a search's last word can be looked up as a prefix (migration 0010). The entry's text
 * is read whole (JSON keys and values, placeholders for people left out), so the words are a superset of
 * what the index holds: a word the index lacks only matches nothing.
 */
const WORD = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
const PLACEHOLDER = /⟦person:[0-9a-f]+⟧/g;

/** One word as the index folds it. */
export function foldSearchWord(word: string): string {
  return word.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC').toLowerCase();
}

export function searchTermsOf(texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const [word] of text.replace(PLACEHOLDER, ' ').matchAll(WORD)) {
      const folded = foldSearchWord(word);
      if (folded !== '') terms.add(folded);
    }
  }
  return [...terms];
}

/** The text's last word and what comes before it, as typed; null when it holds no word. */
export function splitLastWord(text: string): { leading: string; last: string } | null {
  let last: RegExpMatchArray | null = null;
  for (const match of text.matchAll(WORD)) last = match;
  if (last?.index === undefined) return null;
  return { leading: text.slice(0, last.index), last: last[0] };
}

/** Adds an entry's words to the sorted word list, in one statement however many it has. */
export function insertAuditSearchTerms(db: Db, texts: readonly string[]): void {
  const terms = searchTermsOf(texts);
  if (terms.length === 0) return;
  db.run(sql`insert or ignore into audit_search_terms (term) select value from json_each(${JSON.stringify(terms)})`);
}

/** Past this many words a prefix is left to FTS5 itself: a list that long reads no faster than its merge. */
const MOST_WORDS_FOR_A_PREFIX = 64;

/**
 * The operator's text as an FTS5 query that matches it with its last word as a prefix (see auditTextMatch):
 * the prefix's words from the word list, each searched as a whole word in the phrase ("status" finds the
 * phrases ending in status and statuses), which FTS5 reads newest first without merging whole doclists.
 * Falls back to FTS5's own prefix query when the list has none of the prefix's words or too many.
 */
export function auditTextQuery(db: Db, text: string): string {
  const split = splitLastWord(text);
  if (split === null) return auditTextMatch(text);
  const prefix = foldSearchWord(split.last);
  const words = db.all<{ term: string }>(
    sql`select term from audit_search_terms where term >= ${prefix} and term < ${`${prefix}\u{10FFFF}`} order by term limit ${MOST_WORDS_FOR_A_PREFIX + 1}`,
  );
  if (words.length === 0 || words.length > MOST_WORDS_FOR_A_PREFIX) return auditTextMatch(text);
  const leading = split.leading.replace(/"/g, '""');
  return words.map(({ term }) => `"${leading}${term}"`).join(' OR ');
}

/**
 * The operator's text as one FTS5 phrase, so quotes, `*`, `-`, `:`, parentheses and the words AND, OR, NOT and
 * NEAR are matched as text, never read as query syntax, with its last word a prefix. An entry matches when its
 * words hold the text's words in order, the last one as the start of a word (case and diacritics folded,
 * punctuation between words ignored): "chg-1" finds CHG-1 and CHG-12, "Group 2" finds Group 2 and Group 20,
 * "ship" does not find "membership". The text arrives through `searchableText`, so it holds no control
 * character (a NUL would end the query early) and no lone surrogate.
 */
export function auditTextMatch(text: string): string {
  return `"${text.replace(/"/g, '""')}"*`;
}
