import type { ImportApplied, ImportMapping, ImportOpened, ImportPreview, ImportResultsSaved } from '../../shared/contract';
import { mappingProblem, suggestMapping } from '../../shared/domain/userImport';
import { AppError } from '../../shared/errors';
import { writeImportResultsWorkbook } from '../jobs/importResultsWorkbook';
import { auditActor } from '../services/authorization';
import { applyImport, beginImport, forgetImport, importResults, planImport, requireImporter, requireImportSession } from '../services/userImport';
import type { HandlerContext } from './context';

/** Asks for the file, then reads its header and first rows in a worker for the mapping step. */
export async function openImport(ctx: HandlerContext): Promise<ImportOpened | null> {
  requireImporter(ctx);
  const file = await ctx.dialogs.chooseUserListToImport();
  if (file === null) return null;
  const session = beginImport(ctx, file);
  try {
    const head = await ctx.jobs.readImport(session.importId, { kind: 'importRead', file, mapping: null });
    if (head.kind !== 'head') throw new AppError('internal', 'Reading the file answered with the wrong result');
    session.columnCount = head.columns.length;
    return {
      importId: session.importId,
      fileName: session.fileName,
      format: head.format,
      columns: head.columns,
      sampleRows: head.sampleRows,
      mapping: suggestMapping(head.columns),
    };
  } catch (error) {
    forgetImport(ctx, session.importId);
    throw error;
  }
}

/** The dry run: the worker reads and checks every row (progress and Cancel under the import's id), main compares them with the store. */
export async function previewImport(ctx: HandlerContext, input: { importId: string; mapping: ImportMapping }): Promise<ImportPreview> {
  const session = requireImportSession(ctx, input.importId);
  const problem = mappingProblem(input.mapping, session.columnCount);
  if (problem) throw new AppError('validation', problem, { mapping: problem });
  const checked = await ctx.jobs.readImport(session.importId, { kind: 'importRead', file: session.file, mapping: input.mapping });
  if (checked.kind !== 'checked') throw new AppError('internal', 'Reading the file answered with the wrong result');
  return planImport(ctx, requireImportSession(ctx, input.importId), input.mapping, checked.rows);
}

export function applyImportHandler(ctx: HandlerContext, input: { importId: string; reason?: string | undefined }): ImportApplied {
  return applyImport(ctx, requireImportSession(ctx, input.importId), input.reason);
}

export async function saveImportResults(ctx: HandlerContext, input: { importId: string }): Promise<ImportResultsSaved> {
  const operator = requireImporter(ctx);
  const sheet = importResults(ctx, requireImportSession(ctx, input.importId));
  const stem = sheet.fileName.replace(/\.[^.]+$/, '');
  const file = await ctx.dialogs.chooseExportFile(`${stem} import results.xlsx`);
  if (file === null) return { fileName: null, rows: 0 };
  const rows = await writeImportResultsWorkbook(file, { ...sheet, exportedBy: auditActor(operator).label, exportedAt: ctx.clock.now() });
  return { fileName: file.split(/[\\/]/).pop() ?? file, rows };
}

/** Stops a dry run still reading; nothing to stop is not an error (it may have just finished). */
export function cancelImport(ctx: HandlerContext, input: { importId: string }): null {
  requireImportSession(ctx, input.importId);
  ctx.jobs.cancel(input.importId);
  return null;
}
