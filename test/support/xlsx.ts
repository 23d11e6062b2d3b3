import { execFileSync } from 'node:child_process';

export interface SheetSummary {
  rows: number;
  header: (string | null)[];
  headerBold: boolean;
  frozen: string | null;
  autoFilter: string | null;
  widths: Record<string, number>;
  /** How the sheet prints: as openpyxl reads the page setup, print titles and page header and footer. */
  print: {
    orientation: string | null;
    fitToPage: boolean;
    fitToWidth: number | null;
    fitToHeight: number | null;
    /** The rows repeated at the top of every printed page, e.g. "$1:$1". */
    titleRows: string | null;
    header: { left: string | null; right: string | null };
    footer: { left: string | null; right: string | null };
  };
  /** The font and fill of every header cell, and the font of every cell of the first data row. */
  headerFonts: { name: string | null; size: number | null; bold: boolean }[];
  headerFills: { type: string | null; color: string | null }[];
  bodyFonts: (string | null)[];
  /** Row heights in points written into the file, by row number; rows without one are left out. */
  rowHeights: Record<string, number>;
}

export interface WorkbookSummary {
  sheets: string[];
  detail: Record<string, SheetSummary>;
  /**
   * Text cells a spreadsheet program could read as a formula: starting with = + - @ or their full-width forms,
   * also after leading white space, control or format characters. A guarded workbook has none.
   */
  formulaLike: { sheet: string; cell: string; type: string; value: string }[];
  /** Text cells starting with the guard's apostrophe. */
  guarded: { sheet: string; cell: string; value: string }[];
  dateCells: Record<string, string>;
}

/** Reads the workbook with openpyxl (Debian's python3-openpyxl): an independent reader, not our writer. */
const READER = String.raw`
import json, sys, datetime, unicodedata
import openpyxl

def formula_like(text):
    i = 0
    while i < len(text) and (text[i].isspace() or unicodedata.category(text[i]) in ("Cc", "Cf")):
        i += 1
    return i < len(text) and text[i] in "=+-@\uff1d\uff0b\uff0d\uff20"

def section(part):
    return part.text if part is not None else None

wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "detail": {}, "formulaLike": [], "guarded": [], "dateCells": {}}
for ws in wb.worksheets:
    header = [c.value for c in ws[1]]
    setup = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr
    out["detail"][ws.title] = {
        "rows": ws.max_row,
        "header": header,
        "headerBold": all(c.font.b for c in ws[1] if c.value is not None),
        "frozen": ws.freeze_panes,
        "autoFilter": ws.auto_filter.ref,
        "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
        "print": {
            "orientation": setup.orientation,
            "fitToPage": bool(fit is not None and fit.fitToPage),
            "fitToWidth": None if setup.fitToWidth is None else int(setup.fitToWidth),
            "fitToHeight": None if setup.fitToHeight is None else int(setup.fitToHeight),
            "titleRows": ws.print_title_rows,
            "header": {"left": section(ws.oddHeader.left), "right": section(ws.oddHeader.right)},
            "footer": {"left": section(ws.oddFooter.left), "right": section(ws.oddFooter.right)},
        },
        "headerFonts": [{"name": c.font.name, "size": c.font.sz, "bold": bool(c.font.b)} for c in ws[1]],
        "headerFills": [{"type": c.fill.fill_type, "color": c.fill.fgColor.rgb if c.fill.fill_type else None} for c in ws[1]],
        "bodyFonts": [c.font.name for c in ws[2]] if ws.max_row >= 2 else [],
        "rowHeights": {str(k): v.height for k, v in ws.row_dimensions.items() if v.height},
    }
    for row in ws.iter_rows(min_row=1):
        for c in row:
            if isinstance(c.value, str) and formula_like(c.value):
                out["formulaLike"].append({"sheet": ws.title, "cell": c.coordinate, "type": c.data_type, "value": c.value})
            if isinstance(c.value, str) and c.value.startswith("'"):
                out["guarded"].append({"sheet": ws.title, "cell": c.coordinate, "value": c.value})
            if isinstance(c.value, datetime.datetime) and ws.title not in out["dateCells"]:
                out["dateCells"][ws.title] = c.coordinate
print(json.dumps(out))
`;

export function readWorkbook(file: string): WorkbookSummary {
  const output = execFileSync('/usr/bin/python3', ['-c', READER, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output) as WorkbookSummary;
}

/** Every cell of every sheet as openpyxl reads it: text as text, dates as ISO strings (as stored, no zone), empty as null. */
export function readCells(file: string): Record<string, (string | number | boolean | null)[][]> {
  const script = String.raw`
import json, sys, datetime
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
out = {}
for ws in wb.worksheets:
    out[ws.title] = [[v.isoformat() if isinstance(v, datetime.datetime) else v for v in row] for row in ws.iter_rows(values_only=True)]
print(json.dumps(out))
`;
  const output = execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output) as Record<string, (string | number | boolean | null)[][]>;
}
