import type { z } from 'zod';
import type { EffectivePermissionsQuery, ViewExported, WhoHasExportQuery } from '../../shared/contract';
import { WORK_LEVEL_LABELS } from '../../shared/domain/permissionModel';
import { writeEffectivePermissionsWorkbook, writeWhoHasWorkbook } from '../jobs/permissionWorkbooks';
import { auditActor, requireOperator } from '../services/authorization';
import { effectivePermissions, whoHasAll } from '../services/permissions';
import { recordViewExport } from '../services/viewExportRecord';
import type { HandlerContext } from './context';

const CANCELLED: ViewExported = { fileName: null, rows: 0 };

/** Characters no file system in use accepts in a name; the operator can still rename in the dialog. */
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001F]+/g;

function suggestedName(title: string): string {
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ').replace(':', '-');
  return `${title} ${stamp}.xlsx`.replace(UNSAFE_IN_FILE_NAME, ' ');
}

/** The handlers layer has no node:path; the dialog answers with a path in the platform's own form. */
function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export async function exportEffectivePermissions(
  ctx: HandlerContext,
  query: z.output<typeof EffectivePermissionsQuery>,
): Promise<ViewExported> {
  const operator = requireOperator(ctx);
  // Read before the dialog: the rows are what the operator saw when they asked.
  const view = effectivePermissions(ctx, query);
  const file = await ctx.dialogs.chooseExportFile(suggestedName(`Effective permissions ${view.subject.label}`));
  if (file === null) return CANCELLED;
  const rows = await writeEffectivePermissionsWorkbook(file, { view, exportedBy: auditActor(operator).label, exportedAt: new Date() });
  const fileName = fileNameOf(file);
  recordViewExport(ctx, operator, { view: 'effectivePermissions', userId: view.subject.userId, userLabel: view.subject.label }, fileName);
  return { fileName, rows };
}

export async function exportWhoHas(ctx: HandlerContext, query: z.output<typeof WhoHasExportQuery>): Promise<ViewExported> {
  const operator = requireOperator(ctx);
  const everyone = whoHasAll(ctx, query);
  const file = await ctx.dialogs.chooseExportFile(suggestedName(`Who has access ${everyone.unitPath}`));
  if (file === null) return CANCELLED;
  const rows = await writeWhoHasWorkbook(file, {
    ...everyone,
    levelFilter: query.level === undefined ? null : WORK_LEVEL_LABELS[query.level],
    exportedBy: auditActor(operator).label,
    exportedAt: new Date(),
  });
  const fileName = fileNameOf(file);
  recordViewExport(ctx, operator, { view: 'whoHas', unitId: query.unitId, unitPath: everyone.unitPath, question: everyone.question }, fileName);
  return { fileName, rows };
}
