import type { AuditFilters } from '../../../../shared/contract';

/** The log's filters as the form holds them: dates as the date inputs give them (yyyy-mm-dd, local days). */
export interface AuditFilterForm {
  operatorId: number | null;
  action: string | null;
  targetType: 'user' | 'group';
  targetId: number | null;
  from: string;
  to: string;
  text: string;
}

export function emptyFilterForm(): AuditFilterForm {
  return { operatorId: null, action: null, targetType: 'user', targetId: null, from: '', to: '', text: '' };
}

/** A local day's start, or (for `to`) its last millisecond, as the instant the contract takes. */
function instant(day: string, endOfDay: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The filters to send: empty fields filter nothing. */
export function toAuditFilters(form: AuditFilterForm): AuditFilters {
  const filters: AuditFilters = {};
  if (form.operatorId !== null) filters.operatorId = form.operatorId;
  if (form.action !== null) filters.action = form.action;
  if (form.targetId !== null) filters.target = { type: form.targetType, id: form.targetId };
  const from = instant(form.from, false);
  const to = instant(form.to, true);
  if (from !== undefined) filters.from = from;
  if (to !== undefined) filters.to = to;
  if (form.text.trim() !== '') filters.text = form.text.trim();
  return filters;
}

export function hasFilters(form: AuditFilterForm): boolean {
  return Object.keys(toAuditFilters(form)).length > 0;
}
