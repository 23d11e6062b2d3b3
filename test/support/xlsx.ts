import { execFileSync } from 'node:child_process';

export interface SheetSummary {
  rows: number;
  header: (string | null)[];
  headerBold: boolean;
  frozen: string | null;
  autoFilter: string | null;
  widths: Record<string, number>;
}

export interface WorkbookSummary {
  sheets: string[];
  detail: Record<string, SheetSummary>;
  /** Cells whose text starts like a formula: their stored type ('s' text, 'f' formula) and value. */
  formulaLike: { sheet: string; cell: string; type: string; value: string }[];
  dateCells: Record<string, string>;
}

/** Reads the workbook with openpyxl (Debian's python3-openpyxl): an independent reader, not our writer. */
const READER = String.raw`
import json, sys, datetime
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "detail": {}, "formulaLike": [], "dateCells": {}}
for ws in wb.worksheets:
    header = [c.value for c in ws[1]]
    out["detail"][ws.title] = {
        "rows": ws.max_row,
        "header": header,
        "headerBold": all(c.font.b for c in ws[1] if c.value is not None),
        "frozen": ws.freeze_panes,
        "autoFilter": ws.auto_filter.ref,
        "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
    }
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str) and c.value[:1] in "=+-@":
                out["formulaLike"].append({"sheet": ws.title, "cell": c.coordinate, "type": c.data_type, "value": c.value})
            if isinstance(c.value, datetime.datetime) and ws.title not in out["dateCells"]:
                out["dateCells"][ws.title] = c.coordinate
print(json.dumps(out))
`;

export function readWorkbook(file: string): WorkbookSummary {
  const output = execFileSync('/usr/bin/python3', ['-c', READER, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output) as WorkbookSummary;
}
