/**
 * The text rule: the entry's words (letters and digits, case and diacritics folded; person placeholders left
 * out) hold the query's words in order, the last one as the start of a word.
 */
export function wordsOf(text: string): string[] {
  return text
    .replace(/⟦person:[0-9a-f]{64}⟧/g, ' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{Co}]+/u)
    .filter((word) => word !== '');
}

export function textMatches(text: string, query: string): boolean {
  const words = wordsOf(text);
  const wanted = wordsOf(query);
  const last = wanted.length - 1;
  if (last < 0) return false;
  return words.some((_, start) => wanted.every((word, n) => (n === last ? (words[start + n] ?? '').startsWith(word) : words[start + n] === word)));
}
