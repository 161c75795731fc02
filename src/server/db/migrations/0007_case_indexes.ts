import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * The columns the warning scan read when this migration was written (cases/warnings.ts
 * SCAN_COLUMNS then), copied: a migration must build the same indexes whenever it is replayed.
 */
const SCAN_COLUMNS = [
  'status', 'id', 'case_no', 'item_name', 'applicant_name', 'handling_region_path', 'accepted_on', 'promised_days', 'extended_days', 'paused_days', 'paused_since',
] as const;

/**
 * Cases at scale (1,000,000 rows): derived clock columns and the indexes the work queue and the
 * time-limit warning scan read (src/server/modules/cases/warnings.ts, repo.ts).
 *
 * - warn_on: the China date from which a running clock shows yellow (null when the clock does
 *   not run). The warning scan is `warn_on <= today`.
 * - queue_rank: 0 open with a due date, 1 open without, 2 closed with, 3 closed without — the
 *   first key of the queue's urgency order.
 * - case_counts: how many cases there are per receiving region, handling region and status, kept
 *   by triggers in the transaction of every insert, status change, transfer and delete, so the
 *   queue's totals and status tabs are a sum over a few thousand rows instead of a count over
 *   a million (repo.ts countCases).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('warn_on', 'text').execute();
  await db.schema.alterTable('cases').addColumn('queue_rank', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  // Existing cases: queue_rank in SQL, warn_on with the calendar as it is now.
  await sql`update cases set queue_rank =
    (case when status in ('pending_review', 'pending_acceptance', 'correction', 'accepted', 'deciding', 'suspended') then 0 else 2 end)
    + (case when due_date is null then 1 else 0 end)`.execute(db);
  // warn_on of running clocks is left null and no calendar fingerprint is stored: the first warning
  // scan (cases/warnings.ts refreshWarnOn) sees the fingerprint missing and computes every warn_on
  // with the rules and calendar of that day. (This migration once computed them itself by importing
  // those rules, which made a replay compute what the code said later, not what it said then.)

  // The queue in urgency order, filtered in the index by scope (and by status or item first).
  // The path columns at the end let the scope be checked without reading the row.
  const tail = ['queue_rank', 'due_date', 'created_at', 'id', 'region_path', 'handling_region_path'];
  await db.schema.createIndex('cases_queue').on('cases').columns([...tail, 'status']).execute();
  await db.schema.createIndex('cases_status_queue').on('cases').columns(['status', ...tail]).execute();
  await db.schema.createIndex('cases_item_queue').on('cases').columns(['item_code', ...tail]).execute();
  // Covered by the indexes above — (status, due_date) by cases_status_queue (running cases all
  // have queue_rank 0), the two (path, status) ones by the paths inside every queue index — and
  // each would cost every submission and every action one more index write.
  for (const i of ['cases_due', 'cases_handling', 'cases_region']) await db.schema.dropIndex(i).ifExists().execute();

  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // Paths are compared as ranges ('/370883/370883001/' ≤ path < '/370883/3708830010'): byte order,
  // which SQLite's default collation is and PostgreSQL's "C" is (a locale's order may not be).
  const pathColumn = (c: ColumnDefinitionBuilder) => (pg ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull());
  await db.schema
    .createTable('case_counts')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', pathColumn)
    .addColumn('handling_region_code', 'text', (c) => c.notNull())
    .addColumn('handling_region_path', 'text', pathColumn)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_counts_pk', ['region_code', 'handling_region_code', 'status'])
    .execute();
  await sql`insert into case_counts (region_code, region_path, handling_region_code, handling_region_path, status, n)
    select region_code, min(region_path), handling_region_code, min(handling_region_path), status, count(*)
      from cases group by region_code, handling_region_code, status`.execute(db);
  await db.schema.createIndex('case_counts_region').on('case_counts').columns(['region_path', 'status']).execute();
  await db.schema.createIndex('case_counts_handling').on('case_counts').columns(['handling_region_path', 'status']).execute();
  for (const statement of pg ? PG_COUNT_TRIGGERS : SQLITE_COUNT_TRIGGERS) await sql.raw(statement).execute(db);

  // The warning scan: running clocks by the day they turn yellow, and the paused ones. Partial
  // (only cases whose clock runs or stands) and covering (every column the scan returns), so even
  // a million open cases are read from the index alone, in order, without touching the table.
  await db.schema.createIndex('cases_warn_on').on('cases').columns(['warn_on', ...SCAN_COLUMNS]).where(sql.ref('warn_on'), 'is not', null).execute();
  await db.schema.createIndex('cases_paused').on('cases').columns(['paused_since', ...SCAN_COLUMNS.filter((c) => c !== 'paused_since')]).where(sql.ref('paused_since'), 'is not', null).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of ['cases_counts_insert', 'cases_counts_update', 'cases_counts_delete']) await sql.raw(`drop trigger if exists ${t}${pg ? ' on cases' : ''}`).execute(db);
  if (pg) await sql`drop function if exists case_counts_apply()`.execute(db);
  await db.schema.dropTable('case_counts').ifExists().execute();
  await db.schema.createIndex('cases_due').on('cases').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('cases_handling').on('cases').columns(['handling_region_path', 'status']).execute();
  await db.schema.createIndex('cases_region').on('cases').columns(['region_path', 'status']).execute();
  for (const i of ['cases_paused', 'cases_warn_on', 'cases_queue', 'cases_status_queue', 'cases_item_queue']) await db.schema.dropIndex(i).ifExists().execute();
  await db.schema.alterTable('cases').dropColumn('queue_rank').execute();
  await db.schema.alterTable('cases').dropColumn('warn_on').execute();
}

const COUNT_KEY = (row: 'old' | 'new') => `region_code = ${row}.region_code and handling_region_code = ${row}.handling_region_code and status = ${row}.status`;
const COUNT_UP = (row: 'old' | 'new') => `insert into case_counts (region_code, region_path, handling_region_code, handling_region_path, status, n)
    values (${row}.region_code, ${row}.region_path, ${row}.handling_region_code, ${row}.handling_region_path, ${row}.status, 1)
    on conflict (region_code, handling_region_code, status) do update set n = case_counts.n + 1`;
const COUNT_DOWN = (row: 'old' | 'new') => `update case_counts set n = n - 1 where ${COUNT_KEY(row)}`;
const COUNT_CHANGED = 'old.status is not new.status or old.region_code is not new.region_code or old.handling_region_code is not new.handling_region_code';

/** SQLite: writers are serialised by the database lock, so the order of the two updates does not matter. */
const SQLITE_COUNT_TRIGGERS = [
  `create trigger cases_counts_insert after insert on cases begin ${COUNT_UP('new')}; end`,
  `create trigger cases_counts_delete after delete on cases begin ${COUNT_DOWN('old')}; end`,
  `create trigger cases_counts_update after update of status, region_code, handling_region_code on cases when ${COUNT_CHANGED}
    begin ${COUNT_DOWN('old')}; ${COUNT_UP('new')}; end`,
];

/**
 * PostgreSQL: deferred to the commit, so a counter row (every submission at one place bumps the
 * same one) is locked only while the transaction commits, not while the case is written; the two
 * rows of a change are locked in key order, so two cases moving in opposite directions (A→B and
 * B→A) at the same moment cannot deadlock.
 */
const PG_COUNT_TRIGGERS = [
  `create function case_counts_apply() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      ${COUNT_UP('new')};
    elsif tg_op = 'DELETE' then
      ${COUNT_DOWN('old')};
    elsif (old.region_code, old.handling_region_code, old.status) < (new.region_code, new.handling_region_code, new.status) then
      ${COUNT_DOWN('old')};
      ${COUNT_UP('new')};
    else
      ${COUNT_UP('new')};
      ${COUNT_DOWN('old')};
    end if;
    return null;
  end $$`,
  'create constraint trigger cases_counts_insert after insert on cases deferrable initially deferred for each row execute function case_counts_apply()',
  'create constraint trigger cases_counts_delete after delete on cases deferrable initially deferred for each row execute function case_counts_apply()',
  `create constraint trigger cases_counts_update after update of status, region_code, handling_region_code on cases deferrable initially deferred for each row
    when (${COUNT_CHANGED.replaceAll(' is not ', ' is distinct from ')}) execute function case_counts_apply()`,
];
