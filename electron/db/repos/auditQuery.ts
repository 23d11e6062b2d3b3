import { and, desc, eq, getTableColumns, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import { auditLog, auditSubjects } from '../schema';
import type { AuditRecord } from './audit';
import { hydrateAuditRecords } from './auditPersonal';
import { auditTextQuery } from './auditSearchTerms';

export interface AuditSubjectRow {
  type: 'user' | 'group' | 'orgUnit';
  id: number;
}

/** Indexes who an entry names, in one statement however many users a bulk entry lists. */
export function insertAuditSubjects(db: Db, entryId: number, subjects: readonly AuditSubjectRow[]): void {
  if (subjects.length === 0) return;
  const pairs = JSON.stringify(subjects.map((subject) => [subject.type, subject.id]));
  db.run(sql`insert or ignore into ${auditSubjects} (subject_type, subject_id, entry_id)
             select value ->> '$[0]', value ->> '$[1]', ${entryId} from json_each(${pairs})`);
}

export interface AuditQuery {
  operatorId?: number | undefined;
  action?: string | undefined;
  target?: AuditSubjectRow | undefined;
  from?: string | undefined;
  to?: string | undefined;
  text?: string | undefined;
}

/**
 * The FTS5 index of each entry's searchable text (migration 0008; drizzle-kit cannot declare a virtual table,
 * so it is declared here, outside the schema drizzle-kit reads). Contentless: only its rowid, the entry's id,
 * can be read back.
 */
const auditText = sqliteTable('audit_text', { rowid: integer('rowid').notNull() });

/**
 * A time range as the ids it spans, found in two steps of the time index, so the range pages along the id
 * key like every other filter instead of sorting a year of entries. Entries are appended by one writer in
 * time order, so the ids between the first entry at or after `from` and the last at or before `to` hold the
 * range; a computer clock set back while entries were written could leave one out at a range's edge. The
 * exact time conditions stay (with the index turned off by `+`), so a range never shows an entry outside it.
 */
function idRange(db: Db, query: AuditQuery): { low: number; high: number } | null {
  if (query.from === undefined && query.to === undefined) return null;
  const low = query.from === undefined ? 0 : (db.select({ id: auditLog.id }).from(auditLog).where(gte(auditLog.at, query.from)).orderBy(auditLog.at).limit(1).get()?.id ?? 0);
  const high =
    query.to === undefined
      ? Number.MAX_SAFE_INTEGER
      : (db.select({ id: auditLog.id }).from(auditLog).where(lte(auditLog.at, query.to)).orderBy(desc(auditLog.at)).limit(1).get()?.id ?? 0);
  return { low, high };
}

/**
 * With a target, a text with at most this many matches is rare: its matches are collected once and the
 * target's entries tested against them. Past it the word is common, and collecting its matches would read
 * most of the index (~200 ms at a million entries), so each of the target's entries is looked up in the index
 * instead (a seek). Without a target the text index itself walks the matches newest first, common or rare.
 */
const RARE_TEXT_MATCHES = 5000;

/** A count that looks up each candidate entry in the text index looks at this many candidates at most. */
const LOOKUP_COUNT_WINDOW = 1000;

/** A count whose driving index other filters thin out looks at this many of its rows at most (~5 ms). */
const THINNED_COUNT_WINDOW = 2000;

/** How a query reads the log: which index walks it newest first, and how a text is tested. */
interface AuditPlan {
  query: AuditQuery;
  driver: 'subjects' | 'text' | 'log';
  /** The FTS5 query for the text, and whether its matches are read from the index or looked up per entry. */
  text: { match: string; mode: 'drives' | 'collected' | 'lookedUp' } | null;
  range: { low: number; high: number } | null;
}

function planOf(db: Db, query: AuditQuery): AuditPlan {
  const range = idRange(db, query);
  if (!query.text) return { query, driver: query.target ? 'subjects' : 'log', text: null, range };
  // The index holds actions, reasons, group names, unit paths and field values, never a name or email (the
  // stored entry holds placeholders for those, and the index leaves them out): people are found through the
  // operator and target filters.
  const match = auditTextQuery(db, query.text);
  if (!query.target) return { query, driver: 'text', text: { match, mode: 'drives' }, range };
  const found = db.get<{ found: number }>(sql`select count(*) as found from (select rowid from audit_text where audit_text match ${match} limit ${RARE_TEXT_MATCHES + 1})`);
  const rare = (found?.found ?? 0) <= RARE_TEXT_MATCHES;
  return { query, driver: 'subjects', text: { match, mode: rare ? 'collected' : 'lookedUp' }, range };
}

function drivingId(plan: AuditPlan) {
  return plan.driver === 'subjects' ? auditSubjects.entryId : plan.driver === 'text' ? auditText.rowid : auditLog.id;
}

/** Conditions for entries older than `before` and, for a bounded count, not older than `notBefore`. */
function conditions(plan: AuditPlan, before: number | undefined, notBefore?: number): SQL[] {
  const { query, range, text } = plan;
  const id = drivingId(plan);
  const where: (SQL | undefined)[] = [
    before === undefined ? undefined : lt(id, before),
    notBefore === undefined ? undefined : gte(id, notBefore),
    range === null ? undefined : sql`${id} between ${range.low} and ${range.high}`,
    query.operatorId === undefined ? undefined : eq(auditLog.operatorId, query.operatorId),
    query.action === undefined ? undefined : eq(auditLog.action, query.action),
    query.from === undefined ? undefined : sql`+${auditLog.at} >= ${query.from}`,
    query.to === undefined ? undefined : sql`+${auditLog.at} <= ${query.to}`,
  ];
  if (query.target) {
    where.push(eq(auditSubjects.subjectType, query.target.type), eq(auditSubjects.subjectId, query.target.id));
  }
  if (text?.mode === 'drives') where.push(sql`audit_text match ${text.match}`);
  // `+` keeps the subject index walking the target's entries, each tested against the matches collected once.
  if (text?.mode === 'collected') where.push(sql`+${id} in (select rowid from audit_text where audit_text match ${text.match})`);
  if (text?.mode === 'lookedUp') where.push(sql`exists (select 1 from audit_text where audit_text match ${text.match} and rowid = ${id})`);
  return where.filter((condition): condition is SQL => condition !== undefined);
}

/** Whether a condition reads an entry's own columns, so the driving index must be joined to the log. */
function readsTheLog(plan: AuditPlan): boolean {
  const { query } = plan;
  return plan.driver === 'log' || query.operatorId !== undefined || query.action !== undefined || query.from !== undefined || query.to !== undefined;
}

function selectRows(plan: AuditPlan, db: Db, before: number | undefined) {
  const where = and(...conditions(plan, before));
  if (plan.driver === 'log') return db.select().from(auditLog).where(where).orderBy(desc(auditLog.id));
  // From the text index: FTS5 returns a rare text's matches newest first, from the cursor on.
  if (plan.driver === 'text') {
    return db
      .select(getTableColumns(auditLog))
      .from(auditText)
      .innerJoin(auditLog, eq(auditLog.id, auditText.rowid))
      .where(where)
      .orderBy(desc(auditText.rowid));
  }
  // From the subject index: its key (type, id, entry) walks one person's entries newest first.
  return db
    .select(getTableColumns(auditLog))
    .from(auditSubjects)
    .innerJoin(auditLog, eq(auditLog.id, auditSubjects.entryId))
    .where(where)
    .orderBy(desc(auditSubjects.entryId));
}

/** Only the ids, from the driving index alone when no condition reads an entry's columns. */
function selectIds(plan: AuditPlan, db: Db, notBefore?: number) {
  const where = and(...conditions(plan, undefined, notBefore));
  const joined = readsTheLog(plan);
  if (plan.driver === 'log') return db.select({ id: auditLog.id }).from(auditLog).where(where);
  if (plan.driver === 'text') {
    const ids = db.select({ id: auditText.rowid }).from(auditText);
    return (joined ? ids.innerJoin(auditLog, eq(auditLog.id, auditText.rowid)) : ids).where(where);
  }
  const ids = db.select({ id: auditSubjects.entryId }).from(auditSubjects);
  return (joined ? ids.innerJoin(auditLog, eq(auditLog.id, auditSubjects.entryId)) : ids).where(where);
}

/** One page, newest first, of entries older than `before`; `more` says whether another page follows. */
export function auditPageBefore(db: Db, query: AuditQuery, before: number | undefined, pageSize: number): { rows: AuditRecord[]; more: boolean } {
  const rows = selectRows(planOf(db, query), db, before)
    .limit(pageSize + 1)
    .all();
  const more = rows.length > pageSize;
  return { rows: hydrateAuditRecords(db, more ? rows.slice(0, pageSize) : rows), more };
}

export interface AuditCount {
  count: number;
  /** Counting stopped early: at least `count` entries match, maybe more. */
  atLeast: boolean;
}

/**
 * How many entries match, for a bounded amount of work. Counting stops past `cap` matches. And when other
 * filters thin out the rows the driving index walks (a rare text by one operator), or each row is looked up in
 * the text index (a common word), only the driving index's newest rows are looked at (THINNED_COUNT_WINDOW or
 * LOOKUP_COUNT_WINDOW of them), so a count that would walk the whole index comes back as a lower bound instead.
 */
export function countAuditEntries(db: Db, query: AuditQuery, cap: number): AuditCount {
  const plan = planOf(db, query);
  const window = countWindow(plan, cap);
  if (window !== null) {
    const driverOnly: AuditPlan = { ...plan, query: plan.driver === 'text' ? { text: query.text } : { target: query.target }, text: plan.text?.mode === 'drives' ? plan.text : null, range: null };
    const edge = selectIds(driverOnly, db).orderBy(desc(drivingId(plan))).limit(1).offset(window - 1).get()?.id;
    if (edge !== undefined) {
      const inWindow = selectIds(plan, db, edge).limit(cap + 1).as('matching');
      const count = db.select({ total: sql<number>`count(*)` }).from(inWindow).get()?.total ?? 0;
      return { count: Math.min(count, cap), atLeast: true };
    }
  }
  const matching = selectIds(plan, db).limit(cap + 1).as('matching');
  const count = db.select({ total: sql<number>`count(*)` }).from(matching).get()?.total ?? 0;
  return { count: Math.min(count, cap), atLeast: count > cap };
}

/** How many of the driving index's newest rows a count looks at; null when it may walk them all. */
function countWindow(plan: AuditPlan, cap: number): number | null {
  if (plan.driver === 'log') return null;
  if (plan.text?.mode === 'lookedUp') return LOOKUP_COUNT_WINDOW;
  return readsTheLog(plan) ? Math.min(cap, THINNED_COUNT_WINDOW) : null;
}

/** Every matching entry, newest first, a batch at a time: what an export of the filtered log walks. */
export function* iterateAuditEntries(db: Db, query: AuditQuery, batch = 1000): Generator<AuditRecord[]> {
  let before: number | undefined;
  for (;;) {
    const { rows, more } = auditPageBefore(db, query, before, batch);
    if (rows.length > 0) yield rows;
    const last = rows[rows.length - 1];
    if (!more || !last) return;
    before = last.id;
  }
}

export function findHydratedAuditEntry(db: Db, id: number): AuditRecord | undefined {
  const entry = db.select().from(auditLog).where(eq(auditLog.id, id)).get();
  return entry ? hydrateAuditRecords(db, [entry])[0] : undefined;
}

