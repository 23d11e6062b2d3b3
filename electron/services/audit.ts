import type { AuditRow, ChainVerification, Page } from '../../shared/contract';
import { auditPage } from '../db/repos/audit';
import { createLabelResolver, summarizeChange } from './auditLabels';
import { verifyAuditChain } from './auditLog';
import type { ServiceContext } from './context';

export function listAudit(ctx: ServiceContext, page: number, pageSize: number): Page<AuditRow> {
  const { rows, total } = auditPage(ctx.store.db, page, pageSize);
  const labels = createLabelResolver(ctx.store.db);
  return {
    rows: rows.map((entry) => ({
      id: entry.id,
      at: entry.at,
      operator: labels.operator(entry),
      action: entry.action,
      targetType: entry.targetType,
      target: labels.target(entry),
      summary: summarizeChange(entry),
    })),
    total,
    page,
    pageSize,
  };
}

export function verifyAudit(ctx: ServiceContext): ChainVerification {
  return verifyAuditChain(ctx.store.db);
}
