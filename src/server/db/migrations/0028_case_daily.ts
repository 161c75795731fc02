import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Supervision figures over a million cases (issue 17; the cases module's table, read through its
 * CaseFigures): case_daily counts cases per China day, receiving place, handling place, item and
 * channel — submitted on the day they were made; handled (准予 or 不予), approved, on time, done
 * without a 补正 (one visit), refused (不予受理) and the working days used on the day they were
 * handled. Kept by triggers in the transaction of every insert and status change, like
 * case_counts (0007), so a dashboard sums a few thousand rows for any period and place.
 *
 * cases.working_days: the working days from acceptance to the decision, less the special
 * procedures' paused days (set by the decision; null for cases never accepted).
 *
 * A China day of an ISO instant is its date at UTC+8. The on-time test compares the decision's
 * China date with due_date (a China date); a case with no limit (no due date) is on time.
 */
const HANDLED = `('approved', 'denied')`;
const CLOSED_BEFORE = `('approved', 'denied', 'delivered', 'refused', 'withdrawn', 'terminated')`;

const sqliteDay = (col: string) => `date(${col}, '+8 hours')`;
const pgDay = (col: string) => `to_char((${col})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

const KEY = 'day, region_code, handling_region_code, item_code, channel';
const upsert = (day: string, cols: Record<string, string>) => {
  const names = Object.keys(cols);
  return `insert into case_daily (${KEY}, ${names.join(', ')})
    values (${day}, new.region_code, new.handling_region_code, new.item_code, new.channel, ${names.map((n) => cols[n]).join(', ')})
    on conflict (${KEY}) do update set ${names.map((n) => `${n} = case_daily.${n} + excluded.${n}`).join(', ')}`;
};

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
  await db.schema
    .createTable('case_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('handling_region_code', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('submitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('on_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('one_visit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wd_sum', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wd_n', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('case_daily_pk', ['day', 'region_code', 'handling_region_code', 'item_code', 'channel'])
    .execute();
  await db.schema.createIndex('case_daily_region').on('case_daily').columns(['region_code', 'day']).execute();

  const dayOf = pg ? pgDay : sqliteDay;
  await sql.raw(backfill(dayOf)).execute(db);

  const onInsert = upsert(dayOf('new.created_at'), { submitted: '1' });
  const onHandled = upsert(dayOf('new.decided_at'), handledCols(dayOf));
  const onRefused = upsert(dayOf('new.closed_at'), { refused: '1' });
  if (pg) {
    await sql.raw(`create function case_daily_apply() returns trigger language plpgsql as $$
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
    await sql.raw('create constraint trigger cases_daily_insert after insert on cases deferrable initially deferred for each row execute function case_daily_apply()').execute(db);
    await sql.raw(`create constraint trigger cases_daily_update after update of status on cases deferrable initially deferred for each row
      when (old.status is distinct from new.status) execute function case_daily_apply()`).execute(db);
  } else {
    await sql.raw(`create trigger cases_daily_insert after insert on cases begin ${onInsert}; end`).execute(db);
    await sql.raw(`create trigger cases_daily_handled after update of status on cases
      when new.status in ${HANDLED} and old.status not in ${CLOSED_BEFORE} and new.decided_at is not null begin ${onHandled}; end`).execute(db);
    await sql.raw(`create trigger cases_daily_refused after update of status on cases
      when new.status = 'refused' and old.status <> 'refused' and new.closed_at is not null begin ${onRefused}; end`).execute(db);
  }
}

/** case_daily from the cases as they are (this migration's copy of CaseFigures.rebuild: a migration imports no app code). */
function backfill(dayOf: (c: string) => string): string {
  const handled = `status in ('approved', 'denied', 'delivered') and decided_at is not null`;
  return `insert into case_daily (${KEY}, submitted, handled, approved, on_time, one_visit, refused, wd_sum, wd_n)
    select day, region_code, handling_region_code, item_code, channel, sum(submitted), sum(handled), sum(approved), sum(on_time), sum(one_visit), sum(refused), sum(wd_sum), sum(wd_n)
    from (
      select ${dayOf('created_at')} as day, region_code, handling_region_code, item_code, channel, 1 as submitted, 0 as handled, 0 as approved, 0 as on_time, 0 as one_visit, 0 as refused, 0 as wd_sum, 0 as wd_n from cases
      union all
      select ${dayOf('decided_at')}, region_code, handling_region_code, item_code, channel, 0, 1, case when result = 'approved' then 1 else 0 end,
        case when due_date is null or ${dayOf('decided_at')} <= due_date then 1 else 0 end, case when correction_notice is null then 1 else 0 end, 0, 0, 0
        from cases where ${handled}
      union all
      select ${dayOf('closed_at')}, region_code, handling_region_code, item_code, channel, 0, 0, 0, 0, 0, 1, 0, 0 from cases where status = 'refused' and closed_at is not null
    ) t group by day, region_code, handling_region_code, item_code, channel`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of ['cases_daily_insert', 'cases_daily_update', 'cases_daily_handled', 'cases_daily_refused']) await sql.raw(`drop trigger if exists ${t}${pg ? ' on cases' : ''}`).execute(db);
  if (pg) await sql`drop function if exists case_daily_apply()`.execute(db);
  await db.schema.dropTable('case_daily').execute();
  await db.schema.alterTable('cases').dropColumn('working_days').execute();
}
