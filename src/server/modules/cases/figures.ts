/**
 * Case figures for supervision (the supervision module's CaseFigureSource): sums over the tables
 * the triggers of migration 0028 keep — case_town_day (the county by town, channel, day),
 * and case_town_month (the same by month), case_place_day (a town's own windows and villages), case_item_month (items by month) — the
 * statuses now from case_counts (0007), and the open cases past their limit now. Figures are
 * counted where a case was received (办件受理地); a town is its nine-digit code, which its
 * villages' codes start with.
 */
import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DbOrTx } from '../../db/index.js';
import type { Database } from '../../db/types.js';
import { periodParts } from '../../platform/periods.js';
import { CLOCK_RUNNING_STATUSES, type CaseStatus } from '../../../shared/cases.js';

export interface CaseMetrics {
  submitted: number;
  online: number;
  handled: number;
  approved: number;
  onTime: number;
  oneVisit: number;
  refused: number;
  wdSum: number;
  wdN: number;
}

export interface CaseFigureRow extends CaseMetrics {
  /** the receiving town */
  place: string;
  channel: string;
  /** a China date (YYYY-MM-DD) or month (YYYY-MM) */
  bucket: string;
}

export interface PlaceFigureRow extends CaseMetrics {
  /** the receiving place: the town's own code or one of its villages' */
  place: string;
}

export interface ItemFigureRow {
  itemCode: string;
  submitted: number;
  handled: number;
  onTime: number;
}

const num = (v: unknown) => Number(v ?? 0);
/** The first string after every string that starts with `prefix`. */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

type MetricRow = Record<'submitted' | 'online' | 'handled' | 'approved' | 'on_time' | 'one_visit' | 'refused' | 'wd_sum' | 'wd_n', unknown>;
const METRIC_COLUMNS = ['submitted', 'online', 'handled', 'approved', 'on_time', 'one_visit', 'refused', 'wd_sum', 'wd_n'] as const;
const rowOf = (r: MetricRow & { town_code: string; channel: string; bucket: string }): CaseFigureRow => ({ place: r.town_code, channel: r.channel, bucket: r.bucket, ...metricsOf(r) });
const metricsOf = (r: MetricRow): CaseMetrics => ({
  submitted: num(r.submitted), online: num(r.online), handled: num(r.handled), approved: num(r.approved), onTime: num(r.on_time),
  oneVisit: num(r.one_visit), refused: num(r.refused), wdSum: num(r.wd_sum), wdN: num(r.wd_n),
});

export class CaseFigures {
  constructor(private readonly deps: Pick<Deps, 'dbh'>) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /**
   * Per receiving town, channel and day (or month) of [from, to] (China dates); `code` a town (that
   * town only) or the county (every town). By month, the whole months come from case_town_month and
   * the days at the ends from case_town_day.
   */
  async towns(code: string, from: string, to: string, bucket: 'day' | 'month'): Promise<CaseFigureRow[]> {
    const town = code.length >= 9 ? code.slice(0, 9) : null;
    const sums = (eb: ExpressionBuilder<Database, 'case_town_day' | 'case_town_month'>) => METRIC_COLUMNS.map((m) => eb.fn.sum<number>(m).as(m));
    const fromDays = (d: { from: string; to: string }, b: RawBuilder<string>) => {
      let q = this.db.selectFrom('case_town_day').select((eb) => ['town_code', 'channel', b.as('bucket'), ...sums(eb)]).where('day', '>=', d.from).where('day', '<=', d.to);
      if (town) q = q.where('town_code', '=', town);
      return q.groupBy(['town_code', 'channel', b]).execute();
    };
    if (bucket === 'day') return (await fromDays({ from, to }, sql<string>`day`)).map(rowOf);
    const parts = periodParts(from, to);
    const queries = parts.days.map((d) => fromDays(d, sql<string>`substr(day, 1, 7)`));
    if (parts.months) {
      let q = this.db.selectFrom('case_town_month').select((eb) => ['town_code', 'channel', 'month as bucket', ...sums(eb)])
        .where('month', '>=', parts.months.from).where('month', '<=', parts.months.to);
      if (town) q = q.where('town_code', '=', town);
      queries.push(q.groupBy(['town_code', 'channel', 'month']).execute());
    }
    return (await Promise.all(queries)).flat().map(rowOf);
  }


  /** Per receiving place in a town — its own windows and each village — over [from, to]. */
  async placesIn(townCode: string, from: string, to: string): Promise<PlaceFigureRow[]> {
    const rows = await this.db.selectFrom('case_place_day')
      .select((eb) => [
        'region_code',
        eb.fn.sum<number>('submitted').as('submitted'), eb.fn.sum<number>('online').as('online'), eb.fn.sum<number>('handled').as('handled'),
        eb.fn.sum<number>('approved').as('approved'), eb.fn.sum<number>('on_time').as('on_time'), eb.fn.sum<number>('one_visit').as('one_visit'),
        eb.fn.sum<number>('refused').as('refused'), eb.fn.sum<number>('wd_sum').as('wd_sum'), eb.fn.sum<number>('wd_n').as('wd_n'),
      ])
      .where('region_code', '>=', townCode).where('region_code', '<', prefixEnd(townCode))
      .where('day', '>=', from).where('day', '<=', to)
      .groupBy('region_code').execute();
    return rows.map((r) => ({ place: r.region_code, ...metricsOf(r) }));
  }

  /** The items with the most cases submitted in the months [fromMonth, toMonth] (YYYY-MM) in a town, or the county. */
  async topItems(code: string, fromMonth: string, toMonth: string, limit: number): Promise<ItemFigureRow[]> {
    let q = this.db.selectFrom('case_item_month')
      .select((eb) => ['item_code', eb.fn.sum<number>('submitted').as('submitted'), eb.fn.sum<number>('handled').as('handled'), eb.fn.sum<number>('on_time').as('on_time')])
      .where('month', '>=', fromMonth).where('month', '<=', toMonth);
    if (code.length >= 9) q = q.where('town_code', '=', code.slice(0, 9));
    const rows = await q.groupBy('item_code').orderBy(sql`sum(submitted)`, 'desc').orderBy('item_code').limit(limit).execute();
    return rows.map((r) => ({ itemCode: r.item_code, submitted: num(r.submitted), handled: num(r.handled), onTime: num(r.on_time) }));
  }

  /** How many cases are in each status now, received or handled under the place (case_counts). */
  async statusesNow(regionPath: string): Promise<Partial<Record<CaseStatus, number>>> {
    const end = prefixEnd(regionPath);
    const rows = await this.db.selectFrom('case_counts').select((eb) => ['status', eb.fn.sum<number>('n').as('n')])
      .where((eb) => eb.or([
        eb.and([eb('region_path', '>=', regionPath), eb('region_path', '<', end)]),
        eb.and([eb('handling_region_path', '>=', regionPath), eb('handling_region_path', '<', end)]),
      ]))
      .groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, num(r.n)]).filter(([, n]) => (n as number) > 0));
  }

  /** Open cases past their limit as of `today` (a China date) received under the place, per receiving place's first `digits` digits. */
  async overdueNow(regionPath: string, today: string, digits: 9 | 12): Promise<{ place: string; n: number }[]> {
    const rows = await this.db.selectFrom('cases').select((eb) => ['region_path', eb.fn.countAll<number>().as('n')])
      .where('status', 'in', [...CLOCK_RUNNING_STATUSES, 'suspended', 'correction'])
      .where('queue_rank', '=', 0)
      .where('due_date', '<', today)
      .where('region_path', '>=', regionPath).where('region_path', '<', prefixEnd(regionPath))
      .groupBy('region_path').execute();
    const byPlace = new Map<string, number>();
    for (const r of rows) {
      const place = r.region_path.split('/').filter(Boolean).at(-1)!.slice(0, digits);
      byPlace.set(place, (byPlace.get(place) ?? 0) + num(r.n));
    }
    return [...byPlace].map(([place, n]) => ({ place, n }));
  }
}

/**
 * The figures recounted from the cases (after a bulk load with the triggers off: the bench's
 * generator): the same sums as migration 0028's backfill.
 */
export async function rebuildCaseFigures(db: DbOrTx, engine: 'sqlite' | 'postgres'): Promise<void> {
  const dayOf = (col: string) => (engine === 'postgres' ? `to_char((${col})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')` : `date(${col}, '+8 hours')`);
  const metrics = ['submitted', 'online', 'handled', 'approved', 'on_time', 'one_visit', 'refused', 'wd_sum', 'wd_n'];
  const sums = (ms: string[]) => ms.map((m) => `sum(${m})`).join(', ');
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
  for (const t of ['case_town_day', 'case_town_month', 'case_place_day', 'case_item_month']) await sql.raw(`delete from ${t}`).execute(db);
  await sql.raw(`insert into case_town_day (day, town_code, channel, ${metrics.join(', ')})
    select day, substr(region_code, 1, 9), channel, ${sums(metrics)} from (${events}) e group by day, substr(region_code, 1, 9), channel`).execute(db);
  await sql.raw(`insert into case_town_month (month, town_code, channel, ${metrics.join(', ')})
    select substr(day, 1, 7), town_code, channel, ${sums(metrics)} from case_town_day group by substr(day, 1, 7), town_code, channel`).execute(db);
  await sql.raw(`insert into case_place_day (region_code, day, ${metrics.join(', ')})
    select region_code, day, ${sums(metrics)} from (${events}) e group by region_code, day`).execute(db);
  await sql.raw(`insert into case_item_month (month, town_code, item_code, submitted, handled, on_time)
    select substr(day, 1, 7), substr(region_code, 1, 9), item_code, sum(submitted), sum(handled), sum(on_time) from (${events}) e
    group by substr(day, 1, 7), substr(region_code, 1, 9), item_code`).execute(db);
}
