export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** FTS5's trigram tokenizer cannot match shorter strings; shorter searches fall back to a prefix scan. */
export const TRIGRAM_MIN_LENGTH = 3;
export const SEARCH_MAX_LENGTH = 100;
