/**
 * How every sheet AccessDesk writes looks on screen and on paper (DOMAIN.md "Audit"): a named font, a filled
 * bold header that stays in view and is printed again on every page, landscape pages as wide as the sheet,
 * and a page header and footer that say which sheet, when, in which time zone, and which page of how many.
 */
import type ExcelJS from 'exceljs';
import { xmlSafeText } from './cellText';

/** Every time in a workbook is UTC: exceljs stores a Date as its UTC clock time, whatever the machine's zone. */
export const TIME_ZONE_NOTE = 'All times in this workbook are UTC (Coordinated Universal Time).';

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Arial, or its metric twin Liberation Sans, is on every Windows, macOS and Linux desk that opens these files. */
const FONT: Partial<ExcelJS.Font> = Object.freeze({ name: 'Arial', size: 10 });
const HEADER_FONT: Partial<ExcelJS.Font> = Object.freeze({ name: 'Arial', size: 10, bold: true });
const HEADER_FILL: ExcelJS.Fill = Object.freeze({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
/** exceljs's streaming writer prints no grid lines, so light cell borders keep long rows followable on paper. */
const RULE: Partial<ExcelJS.Border> = Object.freeze({ style: 'thin', color: { argb: 'FFBFBFBF' } });
const BORDER: Partial<ExcelJS.Borders> = Object.freeze({ top: RULE, left: RULE, bottom: RULE, right: RULE });
const TOP = Object.freeze({ vertical: 'top' }) satisfies Partial<ExcelJS.Alignment>;
const WRAP = Object.freeze({ vertical: 'top', wrapText: true }) satisfies Partial<ExcelJS.Alignment>;

export type CellKind = 'text' | 'wrap' | 'date';

/*
 * One frozen style object per kind of cell: exceljs looks a style's id up by object, so shared objects keep a
 * 1,000,000-row sheet from rendering every cell's style to XML.
 */
export const CELL_STYLES: Readonly<Record<CellKind, Partial<ExcelJS.Style>>> = Object.freeze({
  text: Object.freeze({ font: FONT, border: BORDER, alignment: TOP }),
  wrap: Object.freeze({ font: FONT, border: BORDER, alignment: WRAP }),
  date: Object.freeze({ font: FONT, border: BORDER, alignment: TOP, numFmt: DATE_FORMAT }),
});

/** Header text wraps, so a narrow column keeps a readable heading ("Includes subtree") without widening the page. */
export const HEADER_STYLE: Partial<ExcelJS.Style> = Object.freeze({
  font: HEADER_FONT,
  fill: HEADER_FILL,
  border: BORDER,
  alignment: Object.freeze({ vertical: 'middle', wrapText: true }),
});

/** One line of Arial 10, in points: Excel's row height for the font. */
const LINE_HEIGHT = 12.75;
/**
 * Characters of text per unit of column width. The unit is the width of a digit, wider than most letters:
 * rendered, a column holds about 1.2 characters of mixed text per unit, a little less of capitals.
 */
const CHARACTERS_PER_WIDTH = 1.1;

/**
 * How many lines `text` takes wrapped in a column `width` characters wide: words fill a line and move to the
 * next when they do not fit, a word longer than a line is broken. An estimate, as the font is proportional.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * CHARACTERS_PER_WIDTH));
  if (text.length <= perLine && !text.includes('\n')) return 1;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let used = 0;
    for (const word of paragraph.split(' ')) {
      if ((used === 0 ? 0 : used + 1) + word.length <= perLine) {
        used = used === 0 ? word.length : used + 1 + word.length;
        continue;
      }
      if (used > 0) lines += 1;
      lines += Math.max(0, Math.ceil(word.length / perLine) - 1);
      used = word.length % perLine || perLine;
    }
  }
  return lines;
}

/**
 * The height of a row whose tallest wrapped cell takes `lines` lines, or undefined for one line. Written into the
 * file because LibreOffice does not fit row heights to wrapped text when it opens or prints a workbook.
 */
export function rowHeightFor(lines: number): number | undefined {
  return lines > 1 ? lines * LINE_HEIGHT + 2 : undefined;
}

/** What the page header and footer say besides the sheet name and page number. */
export interface PrintHeading {
  /** What the workbook is, e.g. "AccessDesk audit workbook"; may hold user data (a name, a unit path). */
  title: string;
  generatedAt: Date;
}

/** "2026-11-25 06:15 UTC" */
export function utcStamp(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Excel refuses a page header longer than 255 characters, codes included; a title keeps well inside that. */
const MAX_TITLE = 100;

/** A title as a page header shows it: XML-safe, short enough, and `&` (which starts a code there) doubled. */
function headerText(title: string): string {
  const text = [...xmlSafeText(title)];
  const short = text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1).join('')}…` : text.join('');
  return short.replace(/&/g, '&&');
}

/** Worksheet options for a printable sheet whose first row is its header. */
export function printableSheetOptions(heading: PrintHeading): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      orientation: 'landscape',
      // Every column on one page width; as many pages down as the rows need.
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      // &A is the sheet's name, &P and &N the page number and the page count.
      oddHeader: `&L${headerText(heading.title)}&R&A`,
      oddFooter: `&LGenerated ${utcStamp(heading.generatedAt)}. All times UTC.&RPage &P of &N`,
    },
  };
}
