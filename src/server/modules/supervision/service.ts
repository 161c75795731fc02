/**
 * The supervision dashboards (issue 17 §3): for a place (the county or a town) and a period, the
 * figures of cases, time limits, ratings, 差评 follow-up, 帮办代办 and terminals, by place with a
 * ranking, by item, channel and day or month. Every figure is read from aggregates the owning
 * modules keep in their writing transactions (the cases' figure tables and case_counts, rating_daily) or from small
 * tables (follow-ups, help requests, terminals), so a year of a million cases stays fast.
 *
 * Scope: supervision.view over the place (a town's administrators see their town and its
 * villages; the city sees every town). Definitions (shown in the workbench):
 * - 网办率: applications made online (PC, mobile) among those submitted;
 * - 一次办好率: cases decided without a 补正 among those decided;
 * - 按时办结率: decided by the due date among those decided (a case with no limit is on time);
 * - 平均办理工作日: working days from acceptance to the decision, less paused days;
 * - 好评率: 非常满意, 满意 and 基本满意 among counted ratings; 满意度: the mean score on 100;
 * - 差评整改率: 差评 rectified among those not voided on appeal.
 * The ranking's score weighs 按时办结率 40 %, 满意度 30 %, 网办率 15 %, 一次办好率 15 % (a missing
 * figure counts as the county's).
 */
import type { Deps } from '../../deps.js';
import { addDays, chinaDate, chinaDayStart } from '../../platform/calendar.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { iso } from '../../platform/ids.js';
import { can, scopePaths } from '../../platform/permissions.js';
import type { Region } from '../../platform/regions.js';
import type { StaffActor } from '../../platform/request.js';
import { CASE_CHANNELS, CASE_STATUSES, type CaseChannel, type CaseStatus } from '../../../shared/cases.js';
import { FOLLOW_UP_STATUSES, RATING_CHANNELS, RATING_LEVEL_CODES, RATING_LEVELS, SHANDONG_SCORE, type FollowUpStatus, type RatingChannel } from '../../../shared/ratings.js';
import type { CaseMetrics, FigureSources } from './ports.js';
import type { Overview, OverviewQuery, PlaceFigures } from './schemas.js';

const GOOD = new Set(['very_satisfied', 'satisfied', 'basic']);
/** The longest period one dashboard covers. */
const MAX_DAYS = 3 * 366;

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

interface Tally {
  submitted: number; handled: number; approved: number; onTime: number; oneVisit: number; refused: number; online: number; wdSum: number; wdN: number;
}
const emptyTally = (): Tally => ({ submitted: 0, handled: 0, approved: 0, onTime: 0, oneVisit: 0, refused: 0, online: 0, wdSum: 0, wdN: 0 });
function add(t: Tally, r: CaseMetrics): void {
  t.submitted += r.submitted; t.online += r.online; t.handled += r.handled; t.approved += r.approved; t.onTime += r.onTime; t.oneVisit += r.oneVisit;
  t.refused += r.refused; t.wdSum += r.wdSum; t.wdN += r.wdN;
}

export class SupervisionService {
  constructor(private readonly deps: Pick<Deps, 'regions' | 'clock'>, private readonly sources: FigureSources) {}

  /** The place asked for (or the widest the person supervises), checked against their scope. */
  private async placeFor(actor: StaffActor, code: string | undefined): Promise<Region> {
    if (code) {
      const region = await this.deps.regions.require(code, 'region');
      if (region.level === 'village') throw badRequest('VALIDATION_FAILED', '监督看板按市或镇（街道）统计，请选择镇（街道）', [{ field: 'region', message: '请选择市或镇（街道）' }]);
      if (!can(actor, 'supervision.view', this.deps.regions.ref(region))) throw forbidden(`您无权查看「${region.shortName}」的统计`);
      return region;
    }
    const [widest] = scopePaths(actor, 'supervision.view').sort((a, b) => a.length - b.length);
    const ownCode = widest?.split('/').filter(Boolean).at(-1);
    const region = ownCode ? await this.deps.regions.get(ownCode) : undefined;
    if (!region) throw forbidden();
    // a grant on a village (none is given today) looks at its town
    return region.level === 'village' && region.parentCode ? (await this.deps.regions.require(region.parentCode)) : region;
  }

  private period(q: OverviewQuery): { from: string; to: string; bucket: 'day' | 'month' } {
    const today = chinaDate(this.deps.clock.now());
    const to = q.to ?? today;
    const from = q.from ?? `${to.slice(0, 7)}-01`;
    if (from > to) throw badRequest('VALIDATION_FAILED', '开始日期不能晚于结束日期', [{ field: 'from', message: '开始日期不能晚于结束日期' }]);
    if (addDays(from, MAX_DAYS) < to) throw badRequest('VALIDATION_FAILED', '统计时段最长三年', [{ field: 'from', message: '统计时段最长三年' }]);
    return { from, to, bucket: addDays(from, 62) >= to ? 'day' : 'month' };
  }

  async overview(actor: StaffActor, q: OverviewQuery): Promise<Overview> {
    const region = await this.placeFor(actor, q.region);
    const { from, to, bucket } = this.period(q);
    const digits: 9 | 12 = region.level === 'county' ? 9 : 12;
    const today = chinaDate(this.deps.clock.now());
    const s = this.sources;
    const [rows, placeRows, items, statuses, overdue, ratingRows, followUps, helpers, terminals] = await Promise.all([
      s.cases.towns(region.code, from, to, bucket),
      region.level === 'county' ? Promise.resolve(null) : s.cases.placesIn(region.code, from, to),
      s.cases.topItems(region.code, from.slice(0, 7), to.slice(0, 7), 10),
      s.cases.statusesNow(region.path),
      s.cases.overdueNow(region.path, today, digits),
      s.ratings.levels(region.code, from, to, digits),
      s.ratings.followUps(region.code, from, to, digits),
      s.helpers.activity(region.path, chinaDayStart(from), chinaDayStart(addDays(to, 1))),
      s.terminals.statusCounts(region.path),
    ]);

    const total = emptyTally();
    const perPlace = new Map<string, Tally>();
    const perChannel = new Map<string, number>();
    const perBucket = new Map<string, { submitted: number; handled: number }>();
    for (const r of placeRows ?? rows) {
      const p = perPlace.get(r.place) ?? emptyTally();
      add(p, r);
      perPlace.set(r.place, p);
    }
    for (const r of rows) {
      add(total, r);
      perChannel.set(r.channel, (perChannel.get(r.channel) ?? 0) + r.submitted);
      const b = perBucket.get(r.bucket) ?? { submitted: 0, handled: 0 };
      b.submitted += r.submitted;
      b.handled += r.handled;
      perBucket.set(r.bucket, b);
    }
    const overdueTotal = overdue.reduce((a, o) => a + o.n, 0);

    const levelCount = new Map<string, number>();
    const ratingChannel = new Map<string, number>();
    const placeRatings = new Map<string, { n: number; good: number; score: number; bad: number }>();
    for (const r of ratingRows) {
      levelCount.set(r.level, (levelCount.get(r.level) ?? 0) + r.n);
      ratingChannel.set(r.channel, (ratingChannel.get(r.channel) ?? 0) + r.n);
      const p = placeRatings.get(r.place) ?? { n: 0, good: 0, score: 0, bad: 0 };
      p.n += r.n;
      if (GOOD.has(r.level)) p.good += r.n;
      else p.bad += r.n;
      p.score += SHANDONG_SCORE[r.level] * 20 * r.n;
      placeRatings.set(r.place, p);
    }
    const ratingTotal = [...levelCount.values()].reduce((a, n) => a + n, 0);
    const goodTotal = RATING_LEVEL_CODES.filter((l) => GOOD.has(l)).reduce((a, l) => a + (levelCount.get(l) ?? 0), 0);
    const scoreTotal = RATING_LEVEL_CODES.reduce((a, l) => a + SHANDONG_SCORE[l] * 20 * (levelCount.get(l) ?? 0), 0);
    const rectifiedTotal = followUps.byPlace.reduce((a, p) => a + p.rectified, 0);
    const voidedTotal = followUps.byPlace.reduce((a, p) => a + p.voided, 0);

    const places = await this.placeFigures(region, perPlace, overdue, placeRatings, followUps.byPlace);
    const names = await Promise.all(items.map(async (i) => (await s.items.itemName(i.itemCode)) ?? i.itemCode));

    return {
      region: { code: region.code, name: region.shortName, level: region.level },
      from, to, bucket,
      totals: {
        submitted: total.submitted, handled: total.handled, approved: total.approved, refused: total.refused,
        onlineRate: pct(total.online, total.submitted), oneVisitRate: pct(total.oneVisit, total.handled), onTimeRate: pct(total.onTime, total.handled),
        avgWorkingDays: total.wdN ? round1(total.wdSum / total.wdN) : null, overdueNow: overdueTotal,
      },
      casesByStatus: (Object.keys(CASE_STATUSES) as CaseStatus[]).filter((st) => statuses[st]).map((st) => ({ status: st, label: CASE_STATUSES[st], n: statuses[st]! })),
      satisfaction: {
        ratings: ratingTotal, goodRate: pct(goodTotal, ratingTotal), score: ratingTotal ? round1(scoreTotal / ratingTotal) : null,
        byLevel: RATING_LEVEL_CODES.map((l) => ({ level: l, label: RATING_LEVELS[l], n: levelCount.get(l) ?? 0 })),
        byChannel: (Object.keys(RATING_CHANNELS) as RatingChannel[]).map((c) => ({ channel: c, label: RATING_CHANNELS[c], n: ratingChannel.get(c) ?? 0 })).filter((c) => c.n > 0),
      },
      badRatings: {
        total: followUps.total,
        byStatus: (Object.keys(FOLLOW_UP_STATUSES) as FollowUpStatus[]).map((st) => ({ status: st, label: FOLLOW_UP_STATUSES[st], n: followUps.byStatus[st] ?? 0 })),
        overdue: followUps.overdue, escalated: followUps.escalated, rectificationRate: pct(rectifiedTotal, followUps.total - voidedTotal),
      },
      byChannel: (Object.keys(CASE_CHANNELS) as CaseChannel[]).map((c) => ({ channel: c, label: CASE_CHANNELS[c], submitted: perChannel.get(c) ?? 0 })),
      itemMonths: { from: from.slice(0, 7), to: to.slice(0, 7) },
      byItem: items.map((i, k) => ({ code: i.itemCode, name: names[k]!, submitted: i.submitted, handled: i.handled, onTimeRate: pct(i.onTime, i.handled) })),
      trend: bucketsOf(from, to, bucket).map((b) => ({ bucket: b, ...(perBucket.get(b) ?? { submitted: 0, handled: 0 }) })),
      places,
      helpers,
      terminals,
      generatedAt: iso(this.deps.clock.now()),
    };
  }

  /** Every town of the county (or the town itself and its villages), with the ranking. */
  private async placeFigures(
    region: Region, perPlace: Map<string, Tally>, overdue: { place: string; n: number }[],
    ratings: Map<string, { n: number; good: number; score: number; bad: number }>, followUps: { place: string; total: number; rectified: number; voided: number }[],
  ): Promise<PlaceFigures[]> {
    const children = (await this.deps.regions.childrenOf(region.code)) ?? [];
    const list = region.level === 'county' ? children : [region, ...children];
    const overdueOf = new Map(overdue.map((o) => [o.place, o.n]));
    const followOf = new Map(followUps.map((f) => [f.place, f]));
    const rows = list.map((p): PlaceFigures => {
      const t = perPlace.get(p.code) ?? emptyTally();
      const r = ratings.get(p.code) ?? { n: 0, good: 0, score: 0, bad: 0 };
      const f = followOf.get(p.code);
      return {
        code: p.code, name: p.code === region.code && region.level !== 'county' ? `${p.shortName}（本级）` : p.shortName,
        submitted: t.submitted, handled: t.handled, onlineRate: pct(t.online, t.submitted), onTimeRate: pct(t.onTime, t.handled), oneVisitRate: pct(t.oneVisit, t.handled),
        avgWorkingDays: t.wdN ? round1(t.wdSum / t.wdN) : null, overdueNow: overdueOf.get(p.code) ?? 0,
        ratings: r.n, goodRate: pct(r.good, r.n), satisfaction: r.n ? round1(r.score / r.n) : null, bad: r.bad,
        rectificationRate: f ? pct(f.rectified, f.total - f.voided) : null, score: null, rank: null,
      };
    });
    const mean = (key: 'onTimeRate' | 'satisfaction' | 'onlineRate' | 'oneVisitRate') => {
      const xs = rows.map((r) => r[key]).filter((x): x is number => x !== null);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    };
    const fallback = { onTimeRate: mean('onTimeRate'), satisfaction: mean('satisfaction'), onlineRate: mean('onlineRate'), oneVisitRate: mean('oneVisitRate') };
    for (const r of rows) {
      if (r.submitted === 0 && r.handled === 0) continue;
      r.score = round1(0.4 * (r.onTimeRate ?? fallback.onTimeRate) + 0.3 * (r.satisfaction ?? fallback.satisfaction) + 0.15 * (r.onlineRate ?? fallback.onlineRate) + 0.15 * (r.oneVisitRate ?? fallback.oneVisitRate));
    }
    const ranked = rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score! || a.code.localeCompare(b.code));
    ranked.forEach((r, i) => (r.rank = i + 1));
    return rows;
  }
}

/** Every day (or month) of the period, so the trend has no gaps. */
function bucketsOf(from: string, to: string, bucket: 'day' | 'month'): string[] {
  const out: string[] = [];
  if (bucket === 'day') {
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  }
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m++;
    if (m > 12) { m = 1; y++; }
  }
}
