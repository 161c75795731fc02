import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Supervision figures over a million cases (issue 17; the cases module's tables, read through its
 * CaseFigures), kept by triggers in the transaction of every insert and status change, like
 * case_counts (0007), at the grain each view needs and no finer — a dashboard then sums a few
 * thousand rows for any period:
 * - case_town_day (day, town_code, channel): the county's view, by town, channel and day, and
 *   case_town_month the same by month (a year is read as its whole months and the days at its ends:
 *   platform/periods.ts);
 * - case_place_day (region_code, day): a town's view of itself and its villages;
 * - case_item_month (month, town_code, item_code): the busiest items, by month.
 * Each counts cases submitted on the day they were made (by the receiving place: 办件受理地), and
 * on the day they were decided: handled (准予 or 不予), approved, on time, without a 补正 (one
 * visit), and the working days used; refused (不予受理) on the day of refusal.
 * town_code is the receiving code's first nine digits (the county's six for the city's windows).
 *
 * cases.working_days: the working days from acceptance to the decision, less the special
 * procedures' paused days (set by the decision; null for cases never accepted).
 *
 * A China day of an ISO instant is its date at UTC+8. The on-time test compares the decision's
 * China date with due_date (a China date); a case with no limit (no due date) is on time.
 * rebuildCaseFigures recounts them all from the cases (after a bulk load with triggers off).
 */
const HANDLED = `('approved', 'denied')`;
const CLOSED_BEFORE = `('approved', 'denied', 'delivered', 'refused', 'withdrawn', 'terminated')`;
const METRICS = ['submitted', 'online', 'handled', 'approved', 'on_time', 'one_visit', 'refused', 'wd_sum', 'wd_n'] as const;

const sqliteDay = (col: string) => `date(${col}, '+8 hours')`;
const pgDay = (col: string) => `to_char((${col})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

interface Target { table: string; key: string[]; values: (day: string) => string[]; metrics: readonly string[] }
const TARGETS: Target[] = [
  { table: 'case_town_day', key: ['day', 'town_code', 'channel'], values: (day) => [day, 'substr(new.region_code, 1, 9)', 'new.channel'], metrics: METRICS },
  { table: 'case_town_month', key: ['month', 'town_code', 'channel'], values: (day) => [`substr(${day}, 1, 7)`, 'substr(new.region_code, 1, 9)', 'new.channel'], metrics: METRICS },
  { table: 'case_place_day', key: ['region_code', 'day'], values: (day) => ['new.region_code', day], metrics: METRICS },
  { table: 'case_item_month', key: ['month', 'town_code', 'item_code'], values: (day) => [`substr(${day}, 1, 7)`, 'substr(new.region_code, 1, 9)', 'new.item_code'], metrics: ['submitted', 'handled', 'on_time'] },
];

const upserts = (day: string, cols: Partial<Record<(typeof METRICS)[number], string>>) =>
  TARGETS.map((t) => {
    const names = Object.keys(cols).filter((n) => t.metrics.includes(n));
    if (!names.length) return '';
    return `insert into ${t.table} (${t.key.join(', ')}, ${names.join(', ')})
      values (${t.values(day).join(', ')}, ${names.map((n) => cols[n as keyof typeof cols]).join(', ')})
      on conflict (${t.key.join(', ')}) do update set ${names.map((n) => `${n} = ${t.table}.${n} + excluded.${n}`).join(', ')}`;
  }).filter(Boolean).join(';\n');

const handledCols = (dayOf: (c: string) => string) => ({
  handled: '1',
  approved: `case when new.status = 'approved' then 1 else 0 end`,
  on_time: `case when new.due_date is null or ${dayOf('new.decided_at')} <= new.due_date then 1 else 0 end`,
  one_visit: `case when new.correction_notice is null then 1 else 0 end`,
  wd_sum: 'coalesce(new.working_days, 0)',
  wd_n: 'case when new.working_days is null then 0 else 1 end',
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('cases').addColumn('working_days', 'integer').execute();
  for (const t of TARGETS) {
    let b = db.schema.createTable(t.table);
    for (const k of t.key) b = b.addColumn(k, 'text', (c) => c.notNull());
    for (const m of t.metrics) b = b.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
    await b.addPrimaryKeyConstraint(`${t.table}_pk`, t.key as never[]).execute();
  }

  const dayOf = pg ? pgDay : sqliteDay;
  for (const statement of backfill(dayOf)) await sql.raw(statement).execute(db);

  const onInsert = upserts(dayOf('new.created_at'), { submitted: '1', online: `case when new.channel in ('pc', 'mobile') then 1 else 0 end` });
  const onHandled = upserts(dayOf('new.decided_at'), handledCols(dayOf));
  const onRefused = upserts(dayOf('new.closed_at'), { refused: '1' });
  if (pg) {
    await sql.raw(`create function case_figures_apply() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        ${onInsert};
      elsif new.status in ${HANDLED} and old.status not in ${CLOSED_BEFORE} and new.decided_at is not null then
        ${onHandled};
      elsif new.status = 'refused' and old.status <> 'refused' and new.closed_at is not null then
        ${onRefused};
      end if;
      return null;
    end $$`).execute(db);
    await sql.raw('create constraint trigger cases_figures_insert after insert on cases deferrable initially deferred for each row execute function case_figures_apply()').execute(db);
    await sql.raw(`create constraint trigger cases_figures_update after update of status on cases deferrable initially deferred for each row
      when (old.status is distinct from new.status) execute function case_figures_apply()`).execute(db);
  } else {
    await sql.raw(`create trigger cases_figures_insert after insert on cases begin ${onInsert}; end`).execute(db);
    await sql.raw(`create trigger cases_figures_handled after update of status on cases
      when new.status in ${HANDLED} and old.status not in ${CLOSED_BEFORE} and new.decided_at is not null begin ${onHandled}; end`).execute(db);
    await sql.raw(`create trigger cases_figures_refused after update of status on cases
      when new.status = 'refused' and old.status <> 'refused' and new.closed_at is not null begin ${onRefused}; end`).execute(db);
  }
}

/**
 * The four tables from the cases as they are (this migration's copy of the cases module's
 * rebuildCaseFigures: a migration imports no app code).
 */
function backfill(dayOf: (c: string) => string): string[] {
  const events = `
    select ${dayOf('created_at')} as day, region_code, item_code, channel, 1 as submitted, case when channel in ('pc', 'mobile') then 1 else 0 end as online,
      0 as handled, 0 as approved, 0 as on_time, 0 as one_visit, 0 as refused, 0 as wd_sum, 0 as wd_n from cases
    union all
    select ${dayOf('decided_at')}, region_code, item_code, channel, 0, 0, 1, case when result = 'approved' then 1 else 0 end,
      case when due_date is null or ${dayOf('decided_at')} <= due_date then 1 else 0 end, case when correction_notice is null then 1 else 0 end, 0,
      coalesce(working_days, 0), case when working_days is null then 0 else 1 end
      from cases where status in ('approved', 'denied', 'delivered') and decided_at is not null
    union all
    select ${dayOf('closed_at')}, region_code, item_code, channel, 0, 0, 0, 0, 0, 0, 1, 0, 0 from cases where status = 'refused' and closed_at is not null`;
  const sums = (ms: readonly string[]) => ms.map((m) => `sum(${m})`).join(', ');
  return [
    `insert into case_town_day (day, town_code, channel, ${METRICS.join(', ')})
      select day, substr(region_code, 1, 9), channel, ${sums(METRICS)} from (${events}) e group by day, substr(region_code, 1, 9), channel`,
    `insert into case_town_month (month, town_code, channel, ${METRICS.join(', ')})
      select substr(day, 1, 7), substr(region_code, 1, 9), channel, ${sums(METRICS)} from (${events}) e group by substr(day, 1, 7), substr(region_code, 1, 9), channel`,
    `insert into case_place_day (region_code, day, ${METRICS.join(', ')})
      select region_code, day, ${sums(METRICS)} from (${events}) e group by region_code, day`,
    `insert into case_item_month (month, town_code, item_code, submitted, handled, on_time)
      select substr(day, 1, 7), substr(region_code, 1, 9), item_code, sum(submitted), sum(handled), sum(on_time) from (${events}) e
      group by substr(day, 1, 7), substr(region_code, 1, 9), item_code`,
  ];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of ['cases_figures_insert', 'cases_figures_update', 'cases_figures_handled', 'cases_figures_refused']) await sql.raw(`drop trigger if exists ${t}${pg ? ' on cases' : ''}`).execute(db);
  if (pg) await sql`drop function if exists case_figures_apply()`.execute(db);
  for (const t of TARGETS) await db.schema.dropTable(t.table).execute();
  await db.schema.alterTable('cases').dropColumn('working_days').execute();
}
