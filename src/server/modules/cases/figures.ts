/**
 * Case figures for supervision (the supervision module's CaseFigures port): sums over case_daily
 * (kept by triggers, 0028) for any period and place, the statuses now from case_counts (0007), and
 * the open cases past their limit now. Places are region codes: a place's subtree is the codes
 * that start with its code (370883001 → its villages 370883001xxx), received or handled there.
 * Rows are grouped by the receiving place's first `digits` digits: 9 for its town (the county's
 * six for the city's own windows), 12 for its village.
 */
import { sql } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DbOrTx } from '../../db/index.js';
import { CLOCK_RUNNING_STATUSES, type CaseStatus } from '../../../shared/cases.js';

export interface CaseFigureRow {
  /** the receiving place the row is counted under */
  place: string;
  channel: string;
  /** a China date (YYYY-MM-DD) or month (YYYY-MM) */
  bucket: string;
  submitted: number;
  handled: number;
  approved: number;
  onTime: number;
  oneVisit: number;
  refused: number;
  wdSum: number;
  wdN: number;
}

export interface ItemFigureRow {
  itemCode: string;
  submitted: number;
  handled: number;
  onTime: number;
}

const num = (v: unknown) => Number(v ?? 0);
const under = (code: string) => `${code}%`;

export class CaseFigures {
  constructor(private readonly deps: Pick<Deps, 'dbh'>) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** case_daily summed per receiving town, channel and day (or month) of [from, to] (China dates), for cases received or handled under `code`. */
  async grouped(code: string, from: string, to: string, bucket: 'day' | 'month', digits: 9 | 12): Promise<CaseFigureRow[]> {
    const b = bucket === 'day' ? sql<string>`day` : sql<string>`substr(day, 1, 7)`;
    const rows = await this.db.selectFrom('case_daily')
      .select((eb) => [
        'region_code', 'channel', b.as('bucket'),
        eb.fn.sum<number>('submitted').as('submitted'), eb.fn.sum<number>('handled').as('handled'), eb.fn.sum<number>('approved').as('approved'),
        eb.fn.sum<number>('on_time').as('on_time'), eb.fn.sum<number>('one_visit').as('one_visit'), eb.fn.sum<number>('refused').as('refused'),
        eb.fn.sum<number>('wd_sum').as('wd_sum'), eb.fn.sum<number>('wd_n').as('wd_n'),
      ])
      .where('day', '>=', from).where('day', '<=', to)
      .where((eb) => eb.or([eb('region_code', 'like', under(code)), eb('handling_region_code', 'like', under(code))]))
      .groupBy(['region_code', 'channel', b])
      .execute();
    const out = new Map<string, CaseFigureRow>();
    for (const r of rows) {
      const place = r.region_code.slice(0, digits);
      const key = `${place}|${r.channel}|${r.bucket}`;
      const acc = out.get(key) ?? { place, channel: r.channel, bucket: r.bucket, submitted: 0, handled: 0, approved: 0, onTime: 0, oneVisit: 0, refused: 0, wdSum: 0, wdN: 0 };
      acc.submitted += num(r.submitted); acc.handled += num(r.handled); acc.approved += num(r.approved); acc.onTime += num(r.on_time);
      acc.oneVisit += num(r.one_visit); acc.refused += num(r.refused); acc.wdSum += num(r.wd_sum); acc.wdN += num(r.wd_n);
      out.set(key, acc);
    }
    return [...out.values()];
  }

  /** The items with the most cases submitted in the period under `code`. */
  async topItems(code: string, from: string, to: string, limit: number): Promise<ItemFigureRow[]> {
    const rows = await this.db.selectFrom('case_daily')
      .select((eb) => ['item_code', eb.fn.sum<number>('submitted').as('submitted'), eb.fn.sum<number>('handled').as('handled'), eb.fn.sum<number>('on_time').as('on_time')])
      .where('day', '>=', from).where('day', '<=', to)
      .where((eb) => eb.or([eb('region_code', 'like', under(code)), eb('handling_region_code', 'like', under(code))]))
      .groupBy('item_code')
      .orderBy(sql`sum(submitted)`, 'desc').orderBy('item_code')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ itemCode: r.item_code, submitted: num(r.submitted), handled: num(r.handled), onTime: num(r.on_time) }));
  }

  /** How many cases are in each status now, received or handled under the place (case_counts). */
  async statusesNow(regionPath: string): Promise<Partial<Record<CaseStatus, number>>> {
    const rows = await this.db.selectFrom('case_counts').select((eb) => ['status', eb.fn.sum<number>('n').as('n')])
      .where((eb) => eb.or([eb('region_path', 'like', `${regionPath}%`), eb('handling_region_path', 'like', `${regionPath}%`)]))
      .groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, num(r.n)]).filter(([, n]) => (n as number) > 0));
  }

  /** Open cases past their limit as of `today` (a China date), per receiving place. */
  async overdueNow(regionPath: string, today: string, digits: 9 | 12): Promise<{ place: string; n: number }[]> {
    const rows = await this.db.selectFrom('cases').select((eb) => ['region_path', eb.fn.countAll<number>().as('n')])
      .where('status', 'in', [...CLOCK_RUNNING_STATUSES, 'suspended', 'correction'])
      .where('queue_rank', '=', 0)
      .where('due_date', '<', today)
      .where((eb) => eb.or([eb('region_path', 'like', `${regionPath}%`), eb('handling_region_path', 'like', `${regionPath}%`)]))
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
 * case_daily recounted from the cases (after a bulk load with the triggers off: the bench's
 * generator). The same sums as migration 0028's backfill.
 */
export async function rebuildCaseDaily(db: DbOrTx, engine: 'sqlite' | 'postgres'): Promise<void> {
  const dayOf = (col: string) => (engine === 'postgres' ? `to_char((${col})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')` : `date(${col}, '+8 hours')`);
  await sql`delete from case_daily`.execute(db);
  await sql.raw(`insert into case_daily (day, region_code, handling_region_code, item_code, channel, submitted, handled, approved, on_time, one_visit, refused, wd_sum, wd_n)
    select day, region_code, handling_region_code, item_code, channel, sum(submitted), sum(handled), sum(approved), sum(on_time), sum(one_visit), sum(refused), sum(wd_sum), sum(wd_n)
    from (
      select ${dayOf('created_at')} as day, region_code, handling_region_code, item_code, channel, 1 as submitted, 0 as handled, 0 as approved, 0 as on_time, 0 as one_visit, 0 as refused, 0 as wd_sum, 0 as wd_n from cases
      union all
      select ${dayOf('decided_at')}, region_code, handling_region_code, item_code, channel, 0, 1, case when result = 'approved' then 1 else 0 end,
        case when due_date is null or ${dayOf('decided_at')} <= due_date then 1 else 0 end, case when correction_notice is null then 1 else 0 end, 0,
        coalesce(working_days, 0), case when working_days is null then 0 else 1 end
        from cases where status in ('approved', 'denied', 'delivered') and decided_at is not null
      union all
      select ${dayOf('closed_at')}, region_code, handling_region_code, item_code, channel, 0, 0, 0, 0, 0, 1, 0, 0 from cases where status = 'refused' and closed_at is not null
    ) t group by day, region_code, handling_region_code, item_code, channel`).execute(db);
}
