import type { UserRecord } from '../db/repos/users';
import type { AuditChange } from './auditLog';
import { auditActor } from './authorization';
import type { ServiceContext } from './context';
import { recordEvent } from './mutation';

/** The views the window can export, and what each export is about. */
export type ExportedView =
  | { view: 'effectivePermissions'; userId: number; userLabel: string }
  | { view: 'whoHas'; unitId: number; unitPath: string; question: string }
  | { view: 'auditLog'; filtered: boolean };

/**
 * Every workbook that leaves the app is on the record: who exported which view, about whom, to which file.
 * The person a view is about is the entry's target, so their name stays erasable like any other.
 */
export function recordViewExport(ctx: ServiceContext, operator: UserRecord, exported: ExportedView, fileName: string): void {
  recordEvent(ctx, auditActor(operator), exportEntry(exported, fileName));
}

function exportEntry(exported: ExportedView, fileName: string): AuditChange {
  switch (exported.view) {
    case 'effectivePermissions':
      return {
        action: 'view.export',
        targetType: 'user',
        targetId: exported.userId,
        targetLabel: exported.userLabel,
        after: { view: exported.view, fileName },
      };
    case 'whoHas':
      return {
        action: 'view.export',
        targetType: 'orgUnit',
        targetId: exported.unitId,
        targetLabel: exported.unitPath,
        after: { view: exported.view, question: exported.question, fileName },
      };
    case 'auditLog':
      return {
        action: 'view.export',
        targetType: 'platform',
        targetId: null,
        targetLabel: 'Audit log',
        after: { view: exported.view, filtered: exported.filtered, fileName },
      };
  }
}
