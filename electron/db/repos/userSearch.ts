import { sql, type SQL } from 'drizzle-orm';
import { TRIGRAM_MIN_LENGTH } from '../../../shared/domain/paging';
import { users } from '../schema';

/** Quotes text as one FTS5 phrase so operators in the search box are matched literally. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A LIKE pattern matching the text anywhere, with LIKE's own wildcards escaped (use with ESCAPE '\\'). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Substring match over username, names and email. Three characters or more use the trigram index;
 * shorter text cannot be trigram-matched, so it falls back to a scan with LIKE.
 */
export function userSearchCondition(search: string): SQL | undefined {
  const text = search.trim();
  if (text === '') return undefined;
  if ([...text].length >= TRIGRAM_MIN_LENGTH) {
    return sql`${users.id} in (select rowid from users_search where users_search match ${ftsPhrase(text)})`;
  }
  const pattern = likeContains(text);
  return sql`(${users.username} like ${pattern} escape '\\' or ${users.firstName} like ${pattern} escape '\\'
    or ${users.lastName} like ${pattern} escape '\\' or ${users.email} like ${pattern} escape '\\')`;
}
