import type { ViewExported } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { writeBulkResultsWorkbook } from '../jobs/bulkResultsWorkbook';
import { auditActor, requireOperator } from '../services/authorization';
import { lastAppliedBulk } from '../services/bulkUsers';
import type { HandlerContext } from './context';

const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001F]+/g;

/** Saves the results of the operator's last applied bulk action, through the save dialog. */
export async function saveBulkResults(ctx: HandlerContext): Promise<ViewExported> {
  const operator = requireOperator(ctx);
  const applied = lastAppliedBulk(ctx, operator.id);
  if (!applied) throw new AppError('not_found', 'There are no bulk results to save; apply a bulk action first');
  const stamp = ctx.clock.now().toISOString().slice(0, 16).replace('T', ' ').replace(':', '-');
  const file = await ctx.dialogs.chooseExportFile(`Bulk results ${applied.result.title} ${stamp}.xlsx`.replace(UNSAFE_IN_FILE_NAME, ' '));
  if (file === null) return { fileName: null, rows: 0 };
  const rows = await writeBulkResultsWorkbook(file, { ...applied, appliedBy: auditActor(operator).label });
  return { fileName: file.split(/[\\/]/).pop() ?? file, rows };
}
