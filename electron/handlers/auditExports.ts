import type { ViewExported } from '../../shared/contract';
import { writeAuditLogWorkbook } from '../jobs/auditLogWorkbook';
import { auditFiltersInWords, filteredAuditEntries, type AuditFiltersParsed } from '../services/audit';
import { auditActor, requireOperator } from '../services/authorization';
import { recordViewExport } from '../services/viewExportRecord';
import type { HandlerContext } from './context';

const CANCELLED: ViewExported = { fileName: null, rows: 0 };

function suggestedName(): string {
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ').replace(':', '-');
  return `AccessDesk audit log ${stamp}.xlsx`;
}

/**
 * Exports the log as filtered on screen, newest first, every entry in words with everyone it affected. Like the
 * other view exports it streams from the main process, letting the event loop run between batches.
 */
export async function exportAuditLog(ctx: HandlerContext, filters: AuditFiltersParsed): Promise<ViewExported> {
  const operator = requireOperator(ctx);
  const file = await ctx.dialogs.chooseExportFile(suggestedName());
  if (file === null) return CANCELLED;
  const rows = await writeAuditLogWorkbook(file, {
    entries: filteredAuditEntries(ctx, filters),
    filters: auditFiltersInWords(ctx, filters),
    exportedBy: auditActor(operator).label,
    exportedAt: new Date(),
  });
  const fileName = file.split(/[\\/]/).pop() ?? file;
  const { operatorId, action, target, from, to, text } = filters;
  const filtered = [operatorId, action, target, from, to].some((value) => value !== undefined) || Boolean(text);
  recordViewExport(ctx, operator, { view: 'auditLog', filtered }, fileName);
  return { fileName, rows };
}
