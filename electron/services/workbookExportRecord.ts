import { basename } from 'node:path';
import type { UserRecord } from '../db/repos/users';
import { auditActor } from './authorization';
import type { AuditSeal } from './auditSeals';
import { auditTrailOf, sealHead } from './auditTrail';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';

export interface WorkbookExportSeal {
  /** The checkpoint the workbook prints on its Summary sheet. */
  seal: AuditSeal;
  /** The key (hex) and checkpoints the export worker verifies the chain with, as the app does. */
  auditKey: string;
  sealsFile: string;
}

/**
 * An audit workbook export is itself recorded, then sealed: the workbook prints that checkpoint, so anyone
 * holding the file can later check that the log still holds, unchanged, every entry it showed.
 */
export function recordWorkbookExport(ctx: ServiceContext, operator: UserRecord, outputFile: string): WorkbookExportSeal {
  runMutation(ctx, { actor: auditActor(operator) }, () => ({
    value: undefined,
    audit: { action: 'workbook.export', targetType: 'platform', targetId: null, targetLabel: 'Audit workbook', after: { fileName: basename(outputFile) } },
    changed: [],
  }));
  const trail = auditTrailOf(ctx.store.db);
  const seal = trail.lastSeal?.headId === trail.head.id ? trail.lastSeal : sealHead(trail);
  return { seal, auditKey: trail.key.toString('hex'), sealsFile: trail.sealsFile };
}
