/** What a workbook cell may hold. Text goes through `cellValue` before it reaches a sheet. */
export type CellValue = string | number | boolean | Date | null;

/**
 * Characters XML 1.0 cannot hold even escaped, and unpaired surrogates. The contract refuses them, but a damaged
 * or hand-edited store can still contain them, and one would make the whole workbook unreadable; they are
 * shown as U+FFFD instead, so the tampering stays visible.
 */
const NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text a spreadsheet program may evaluate when the cell is edited, pasted or re-imported: a formula sign
 * (`= + - @`, or the full-width `＝ ＋ － ＠` East Asian input produces), also after leading white space,
 * control or invisible format characters that importers trim; and text starting with a tab or a carriage
 * return, which CSV round trips turn into a new field.
 */
const FORMULA_LIKE = /^(?:[\t\r]|[\p{White_Space}\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/** Put before formula-like text: the sign spreadsheet users know as "this is text", and no formula starts with it. */
export const FORMULA_GUARD = "'";

export function looksLikeFormula(text: string): boolean {
  return FORMULA_LIKE.test(text);
}

/** The text with every character XML cannot hold shown as U+FFFD. */
export function xmlSafeText(text: string): string {
  NOT_XML_TEXT.lastIndex = 0;
  return NOT_XML_TEXT.test(text) ? text.replace(NOT_XML_TEXT, '\uFFFD') : text;
}

/** Text as a sheet may show it: XML-safe, and never read as a formula. Other values pass unchanged. */
export function cellValue(value: CellValue): CellValue {
  if (typeof value !== 'string') return value;
  const text = xmlSafeText(value);
  return looksLikeFormula(text) ? `${FORMULA_GUARD}${text}` : text;
}
