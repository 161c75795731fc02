/**
 * Rating figures for supervision (the supervision module's RatingFigures port): the counted
 * ratings per place, level and channel from rating_daily (kept in every rating's transaction), and
 * the 差评 follow-ups of a period. Places are region codes, their subtree the codes that start with
 * them; `digits` says which place a row is counted under (9: its town; 12: its village).
 */
import { sql } from 'kysely';
import type { Deps } from '../../deps.js';
import { chinaDate } from '../../platform/calendar.js';
import { periodParts } from '../../platform/periods.js';
import type { FollowUpStatus, RatingChannel, RatingLevel } from '../../../shared/ratings.js';

/** The first string after every string that starts with `prefix`. */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

export interface RatingFigureRow {
  place: string;
  level: RatingLevel;
  channel: RatingChannel;
  n: number;
}

export interface FollowUpFigures {
  total: number;
  byStatus: Partial<Record<FollowUpStatus, number>>;
  /** past a limit now */
  overdue: number;
  /** reported to the city */
  escalated: number;
  /** per place: 差评 and those rectified (已整改 or 已办结 after a rectification) */
  byPlace: { place: string; total: number; rectified: number; voided: number }[];
}

export class RatingFigures {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'clock'>) {}

  private get db() {
    return this.deps.dbh.db;
  }

  async levels(code: string, from: string, to: string, digits: 9 | 12): Promise<RatingFigureRow[]> {
    const place = sql<string>`substr(region_code, 1, ${sql.lit(digits)})`;
    const parts = periodParts(from, to);
    const queries = parts.days.map((d) => this.db.selectFrom('rating_daily')
      .select((eb) => [place.as('place'), 'level', 'channel', eb.fn.sum<number>('n').as('n')])
      .where('day', '>=', d.from).where('day', '<=', d.to).where('region_code', '>=', code).where('region_code', '<', prefixEnd(code))
      .groupBy([place, 'level', 'channel']).execute());
    if (parts.months) {
      const m = parts.months;
      queries.push(this.db.selectFrom('rating_monthly')
        .select((eb) => [place.as('place'), 'level', 'channel', eb.fn.sum<number>('n').as('n')])
        .where('month', '>=', m.from).where('month', '<=', m.to).where('region_code', '>=', code).where('region_code', '<', prefixEnd(code))
        .groupBy([place, 'level', 'channel']).execute());
    }
    const sums = new Map<string, RatingFigureRow>();
    for (const r of (await Promise.all(queries)).flat()) {
      const key = `${r.place}|${r.level}|${r.channel}`;
      const acc = sums.get(key) ?? { place: r.place, level: r.level as RatingLevel, channel: r.channel as RatingChannel, n: 0 };
      acc.n += Number(r.n ?? 0);
      sums.set(key, acc);
    }
    return [...sums.values()].filter((r) => r.n > 0);
  }


  /** The 差评 rated in [from, to] (China dates) at places under `code`: counted in SQL, a few rows per place and status. */
  async followUps(code: string, from: string, to: string, digits: 9 | 12): Promise<FollowUpFigures> {
    const fromAt = new Date(Date.parse(`${from}T00:00:00+08:00`)).toISOString();
    const toAt = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString();
    const today = chinaDate(this.deps.clock.now());
    const place = sql<string>`substr(handling_region_code, 1, ${sql.lit(digits)})`;
    const one = (cond: ReturnType<typeof sql<boolean>>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
    const rows = await this.db.selectFrom('rating_followups')
      .select((eb) => [
        place.as('place'), 'status', eb.fn.countAll<number>().as('n'),
        one(sql<boolean>`rectified_at is not null`).as('rectified'),
        one(sql<boolean>`escalated_visit_at is not null or escalated_rectify_at is not null`).as('escalated'),
        // overdueOf in SQL: the visit first, then the rectification
        one(sql<boolean>`(status = 'visiting' and visit_due_on < ${today}) or (status in ('visiting', 'rectifying') and rectify_due_on < ${today})`).as('overdue'),
      ])
      .where('created_at', '>=', fromAt).where('created_at', '<', toAt)
      .where('handling_region_code', '>=', code).where('handling_region_code', '<', prefixEnd(code))
      .groupBy([place, 'status']).execute();
    const byStatus: Partial<Record<FollowUpStatus, number>> = {};
    const byPlace = new Map<string, { place: string; total: number; rectified: number; voided: number }>();
    let total = 0;
    let overdue = 0;
    let escalated = 0;
    for (const r of rows) {
      const n = Number(r.n);
      const s = r.status as FollowUpStatus;
      byStatus[s] = (byStatus[s] ?? 0) + n;
      total += n;
      overdue += Number(r.overdue ?? 0);
      escalated += Number(r.escalated ?? 0);
      const p = byPlace.get(r.place) ?? { place: r.place, total: 0, rectified: 0, voided: 0 };
      p.total += n;
      p.rectified += Number(r.rectified ?? 0);
      if (s === 'voided') p.voided += n;
      byPlace.set(r.place, p);
    }
    return { total, byStatus, overdue, escalated, byPlace: [...byPlace.values()] };
  }
}

/** rating_daily and rating_monthly recounted from the counted ratings (after a bulk load: the bench's generator). */
export async function rebuildRatingDaily(db: Deps['dbh']['db']): Promise<void> {
  await sql`delete from rating_daily`.execute(db);
  await sql`delete from rating_monthly`.execute(db);
  await sql`insert into rating_daily (day, region_code, region_path, channel, level, n)
    select rated_on, handling_region_code, min(handling_region_path), channel, level, count(*) from ratings where counted = 1
    group by rated_on, handling_region_code, channel, level`.execute(db);
  await sql`insert into rating_monthly (month, region_code, region_path, channel, level, n)
    select substr(day, 1, 7), region_code, min(region_path), channel, level, sum(n) from rating_daily
    group by substr(day, 1, 7), region_code, channel, level`.execute(db);
}
