import { and, desc, eq, getTableColumns, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import { auditLog, auditSubjects } from '../schema';
import type { AuditRecord } from './audit';
import { hydrateAuditRecords } from './auditPersonal';

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
 * The operator's text as an FTS5 query: one quoted phrase, so quotes, `*`, `-`, `:`, parentheses and the words
 * AND, OR, NOT and NEAR are matched as text, never read as query syntax, with its last word a prefix. An entry
 * matches when its words hold the text's words in order, the last one as the start of a word (case and
 * diacritics folded, punctuation between words ignored): "chg-1" finds CHG-1 and CHG-12, "Group 2" finds
 * Group 2 and Group 20, "ship" no longer finds "membership". The text arrives through `searchableText`, so it
 * holds no control character (a NUL would end the query early) and no lone surrogate.
 */
export function auditTextMatch(text: string): string {
  return `"${text.replace(/"/g, '""')}"*`;
}

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

/** Which index walks the page newest first: the subject index for a target, else the text index for a text. */
function driver(query: AuditQuery): 'subjects' | 'text' | 'log' {
  if (query.target) return 'subjects';
  return query.text ? 'text' : 'log';
}

function conditions(db: Db, query: AuditQuery, before: number | undefined): SQL[] {
  const drivenBy = driver(query);
  const id = drivenBy === 'subjects' ? auditSubjects.entryId : drivenBy === 'text' ? auditText.rowid : auditLog.id;
  const range = idRange(db, query);
  const where: (SQL | undefined)[] = [
    before === undefined ? undefined : lt(id, before),
    range === null ? undefined : sql`${id} between ${range.low} and ${range.high}`,
    query.operatorId === undefined ? undefined : eq(auditLog.operatorId, query.operatorId),
    query.action === undefined ? undefined : eq(auditLog.action, query.action),
    query.from === undefined ? undefined : sql`+${auditLog.at} >= ${query.from}`,
    query.to === undefined ? undefined : sql`+${auditLog.at} <= ${query.to}`,
  ];
  if (query.target) {
    where.push(eq(auditSubjects.subjectType, query.target.type), eq(auditSubjects.subjectId, query.target.id));
  }
  if (query.text) {
    // The index holds actions, reasons, group names, unit paths and field values, never a name or email (the
    // stored entry holds placeholders for those, and the index leaves them out): people are found through the
    // operator and target filters.
    const match = auditTextMatch(query.text);
    where.push(
      drivenBy === 'text'
        ? sql`audit_text match ${match}`
        : // `+` keeps the subject index walking the target's entries, each tested against the matches collected
          // once, instead of one subject-index seek per match.
          sql`+${auditSubjects.entryId} in (select rowid from audit_text where audit_text match ${match})`,
    );
  }
  return where.filter((condition): condition is SQL => condition !== undefined);
}

function selectRows(db: Db, query: AuditQuery, before: number | undefined) {
  const where = and(...conditions(db, query, before));
  const drivenBy = driver(query);
  if (drivenBy === 'log') return db.select().from(auditLog).where(where).orderBy(desc(auditLog.id));
  // From the text index: FTS5 returns its matches newest first, from the cursor on, without collecting them all.
  if (drivenBy === 'text') {
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

/** Only the ids: the operator, action and subject indexes then answer a count without reading an entry. */
function selectIds(db: Db, query: AuditQuery) {
  const where = and(...conditions(db, query, undefined));
  const drivenBy = driver(query);
  if (drivenBy === 'log') return db.select({ id: auditLog.id }).from(auditLog).where(where);
  if (drivenBy === 'text') return db.select({ id: auditText.rowid }).from(auditText).innerJoin(auditLog, eq(auditLog.id, auditText.rowid)).where(where);
  return db.select({ id: auditSubjects.entryId }).from(auditSubjects).innerJoin(auditLog, eq(auditLog.id, auditSubjects.entryId)).where(where);
}

/** One page, newest first, of entries older than `before`; `more` says whether another page follows. */
export function auditPageBefore(db: Db, query: AuditQuery, before: number | undefined, pageSize: number): { rows: AuditRecord[]; more: boolean } {
  const rows = selectRows(db, query, before)
    .limit(pageSize + 1)
    .all();
  const more = rows.length > pageSize;
  return { rows: hydrateAuditRecords(db, more ? rows.slice(0, pageSize) : rows), more };
}

/** How many entries match, counting no further than `cap + 1` so a million entries cost no more than `cap`. */
export function countAuditEntries(db: Db, query: AuditQuery, cap: number): number {
  const matching = selectIds(db, query).limit(cap + 1).as('matching');
  return db.select({ total: sql<number>`count(*)` }).from(matching).get()?.total ?? 0;
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

