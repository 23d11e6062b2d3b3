import type { z } from 'zod';
import type { AuditEntryDetail, AuditPage, AuditRow, ChainVerification } from '../../shared/contract';
import { AUDIT_COUNT_CAP, type AuditFilters, type AuditListQuery } from '../../shared/contract/audit';
import { AppError } from '../../shared/errors';
import { auditActionLabel } from '../../shared/domain/auditActions';
import type { AuditRecord } from '../db/repos/audit';
import { auditPageBefore, countAuditEntries, findHydratedAuditEntry, iterateAuditEntries, type AuditQuery } from '../db/repos/auditQuery';
import { affectedOf, createLabelResolver, describeEntry, type LabelResolver } from './auditLabels';
import { verifyAuditChain } from './auditLog';
import type { ServiceContext } from './context';

export type AuditFiltersParsed = z.output<typeof AuditFilters>;
type AuditListQueryParsed = z.output<typeof AuditListQuery>;

/** The filters as the repository takes them; an empty text filters nothing. */
export function toAuditQuery(filters: AuditFiltersParsed): AuditQuery {
  return {
    operatorId: filters.operatorId,
    action: filters.action,
    target: filters.target,
    from: filters.from === undefined ? undefined : new Date(filters.from).toISOString(),
    to: filters.to === undefined ? undefined : new Date(filters.to).toISOString(),
    text: filters.text === '' ? undefined : filters.text,
  };
}

export function toAuditRow(entry: AuditRecord, labels: LabelResolver): AuditRow {
  const { sentence, reason } = describeEntry(entry, labels);
  return {
    id: entry.id,
    at: entry.at,
    operatorId: entry.operatorId,
    operator: labels.operator(entry),
    action: entry.action,
    actionLabel: auditActionLabel(entry.action),
    targetType: entry.targetType,
    targetId: entry.targetId,
    target: labels.target(entry),
    sentence,
    reason,
  };
}

/** One page of the log, newest first, after the entry the operator last saw. */
export function listAudit(ctx: ServiceContext, query: AuditListQueryParsed): AuditPage {
  const filters = toAuditQuery(query);
  const { rows, more } = auditPageBefore(ctx.store.db, filters, query.before, query.pageSize);
  const counted = countAuditEntries(ctx.store.db, filters, AUDIT_COUNT_CAP);
  const labels = createLabelResolver(ctx.store.db, ctx.workspaceId);
  labels.prime(rows);
  return {
    rows: rows.map((entry) => toAuditRow(entry, labels)),
    nextBefore: more ? (rows[rows.length - 1]?.id ?? null) : null,
    total: counted.count,
    totalCapped: counted.atLeast,
  };
}

/** One entry in full: its sentence, every field, everyone it affected, and its raw codes. */
export function getAuditEntry(ctx: ServiceContext, id: number): AuditEntryDetail {
  const entry = findHydratedAuditEntry(ctx.store.db, id);
  if (!entry) throw new AppError('not_found', 'That audit entry does not exist');
  const labels = createLabelResolver(ctx.store.db, ctx.workspaceId);
  return {
    ...toAuditRow(entry, labels),
    fields: describeEntry(entry, labels).fields,
    affected: affectedOf(entry, labels),
    raw: {
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      operatorId: entry.operatorId,
      change: entry.change,
      hash: entry.hash,
    },
  };
}

export function verifyAudit(ctx: ServiceContext): ChainVerification {
  return verifyAuditChain(ctx.store.db);
}

/** An entry as an export writes it: everything the detail shows but the raw codes. */
export type ExportedAuditEntry = Omit<AuditEntryDetail, 'raw'>;

/** Every entry the filters match, newest first, in words, a batch at a time: what an export of the filtered log writes. */
export function* filteredAuditEntries(ctx: ServiceContext, filters: AuditFiltersParsed): Generator<ExportedAuditEntry[]> {
  const labels = createLabelResolver(ctx.store.db, ctx.workspaceId);
  for (const batch of iterateAuditEntries(ctx.store.db, toAuditQuery(filters))) {
    labels.prime(batch);
    yield batch.map((entry) => ({ ...toAuditRow(entry, labels), fields: describeEntry(entry, labels).fields, affected: affectedOf(entry, labels) }));
  }
}

/** The filters in words, for the export's Summary sheet. */
export function auditFiltersInWords(ctx: ServiceContext, filters: AuditFiltersParsed): string {
  const labels = createLabelResolver(ctx.store.db, ctx.workspaceId);
  const words: string[] = [];
  if (filters.operatorId !== undefined) words.push(`Operator: ${labels.person(filters.operatorId, `user #${filters.operatorId}`).label}`);
  if (filters.action !== undefined) words.push(`Action: ${auditActionLabel(filters.action)}`);
  if (filters.target !== undefined) {
    const { type, id } = filters.target;
    const name = type === 'user' ? labels.person(id, `user #${id}`).label : type === 'group' ? labels.groupName(id, `group #${id}`) : labels.values.unit(id);
    words.push(`Target: ${name}`);
  }
  if (filters.from !== undefined) words.push(`From: ${filters.from}`);
  if (filters.to !== undefined) words.push(`To: ${filters.to}`);
  if (filters.text) words.push(`Text: ${filters.text}`);
  return words.length === 0 ? 'None: the whole log' : words.join('; ');
}
