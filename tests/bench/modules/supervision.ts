// Scenarios of the supervision issue (issue 17, "Targets"): the dashboard's figures over
// 1,000,000 cases and 500,000 ratings < 300 ms on both engines. Data set: the cases module's
// 1,000,000 generated cases (generated here too when that module is not in the run), and
// BENCH_RATINGS (500,000) ratings of handled cases with their 差评 follow-ups, written straight
// into the database and then counted into rating_daily, as RatingService keeps it.
import { randomUUID } from 'node:crypto';
import { rebuildRatingDaily } from '../../../src/server/modules/ratings/figures.js';
import { chinaDate, addDays } from '../../../src/server/platform/calendar.js';
import type { RatingFollowUpTable, RatingTable } from '../../../src/server/db/types.js';
import { BAD_RATING_TAGS, GOOD_RATING_TAGS, type RatingLevel } from '../../../src/shared/ratings.js';
import type { DbHandle } from '../../../src/server/db/index.js';
import type { BenchModule, DataContext } from '../types.js';
import { cases } from './cases.js';

const CASES = Number(process.env.BENCH_CASES || 1_000_000);
const RATINGS = Number(process.env.BENCH_RATINGS || 500_000);
const fmt = (n: number) => n.toLocaleString('en');

/** mulberry32 */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS: [RatingLevel, number][] = [['very_satisfied', 0.72], ['satisfied', 0.17], ['basic', 0.07], ['dissatisfied', 0.03], ['very_dissatisfied', 0.01]];
const CHANNELS = ['pc', 'mobile', 'window_qr', 'tablet', 'sms', 'phone'] as const;

async function generateRatings(ctx: DataContext): Promise<void> {
  const dbh = await ctx.openDb();
  try {
    await writeRatings(dbh.db, RATINGS, ctx.log);
  } finally {
    await dbh.close();
  }
}

/** `count` ratings of handled cases (about 4 % 差评, with follow-ups in every state), then rating_daily recounted. */
export async function writeRatings(db: DbHandle['db'], count: number, log: (m: string) => void): Promise<void> {
  const RATINGS = count;
  const t0 = performance.now();
  {
    const have = Number((await db.selectFrom('ratings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    if (have >= RATINGS) return;
    const r = rng(20261207);
    const handled = Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('decided_at', 'is not', null).executeTakeFirstOrThrow()).n);
    const share = Math.min(1, RATINGS / Math.max(1, handled));
    const today = chinaDate(new Date());
    let written = 0;
    let after = '';
    while (written < RATINGS) {
      const batch = await db.selectFrom('cases')
        .select(['id', 'case_no', 'item_code', 'item_name', 'region_code', 'region_path', 'handling_region_code', 'handling_region_path', 'channel', 'decided_at'])
        .where('decided_at', 'is not', null).where('id', '>', after)
        // not those the demo already rated (seed/history.ts)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('ratings').select('ratings.id').whereRef('ratings.case_id', '=', 'cases.id'))))
        .orderBy('id').limit(5000).execute();
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.id;
      const ratings: RatingTable[] = [];
      const followUps: RatingFollowUpTable[] = [];
      for (const c of batch) {
        if (r() >= share || written + ratings.length >= RATINGS) continue;
        let x = r();
        let level: RatingLevel = 'very_satisfied';
        for (const [l, w] of LEVELS) {
          if (x < w) { level = l; break; }
          x -= w;
        }
        const bad = level === 'dissatisfied' || level === 'very_dissatisfied';
        const ratedOn = addDays(chinaDate(new Date(c.decided_at!)), Math.floor(r() * 4));
        if (ratedOn > today) continue;
        const ratedAt = new Date(Date.parse(`${ratedOn}T02:00:00Z`) + Math.floor(r() * 8 * 3600_000)).toISOString();
        const online = c.channel === 'pc' || c.channel === 'mobile';
        const channel = online ? (r() < 0.6 ? 'mobile' : 'pc') : CHANNELS[2 + Math.floor(r() * 4)]!;
        const id = randomUUID();
        ratings.push({
          id, case_id: c.id, case_no: c.case_no, item_code: c.item_code, item_name: c.item_name, region_code: c.region_code, region_path: c.region_path,
          handling_region_code: c.handling_region_code, handling_region_path: c.handling_region_path, case_channel: c.channel, handled_at: c.decided_at!,
          round: 1, level, dimensions: JSON.stringify({ overall: level }),
          tags: JSON.stringify(bad ? [BAD_RATING_TAGS[Math.floor(r() * 8)]] : r() < 0.3 ? [GOOD_RATING_TAGS[Math.floor(r() * GOOD_RATING_TAGS.length)]] : []),
          text: bad ? '办理时间较长，希望改进' : '', channel, mode: online ? 'online' : 'onsite', rater_kind: online ? 'citizen' : 'link', rater_ref: null,
          named: 1, bad: bad ? 1 : 0, counted: 1, rated_at: ratedAt, rated_on: ratedOn,
        });
        if (bad) {
          const old = ratedOn < addDays(today, -20);
          const status = old ? (r() < 0.85 ? 'closed' : r() < 0.5 ? 'rectified' : 'voided') : ['visiting', 'rectifying', 'rectified'][Math.floor(r() * 3)]!;
          followUps.push({
            rating_id: id, case_id: c.id, handling_region_code: c.handling_region_code, handling_region_path: c.handling_region_path, status,
            visit_due_on: addDays(ratedOn, 1), rectify_due_on: addDays(ratedOn, 7),
            visited_at: status === 'visiting' ? null : ratedAt, visit_method: status === 'visiting' ? null : 'phone', visit_note: status === 'visiting' ? null : '电话回访',
            visited_by: null, rectified_at: ['rectified', 'closed'].includes(status) ? ratedAt : null, rectification: ['rectified', 'closed'].includes(status) ? '已整改' : null,
            rectified_by: null, rerate_until: ['rectified', 'closed'].includes(status) ? addDays(ratedOn, 7) : null,
            appeal_reason: null, appealed_at: null, appealed_by: null, appeal_from: null, review_decision: status === 'voided' ? 'upheld' : null, review_note: null,
            reviewed_at: status === 'voided' ? ratedAt : null, reviewed_by: null, escalated_visit_at: null, escalated_rectify_at: null,
            closed_at: status === 'closed' || status === 'voided' ? ratedAt : null, created_at: ratedAt, version: 1,
          });
          if (status === 'voided') ratings[ratings.length - 1]!.counted = 0;
        }
      }
      for (let i = 0; i < ratings.length; i += 500) await db.insertInto('ratings').values(ratings.slice(i, i + 500)).execute();
      for (let i = 0; i < followUps.length; i += 500) await db.insertInto('rating_followups').values(followUps.slice(i, i + 500)).execute();
      written += ratings.length;
      if (written % 100_000 < ratings.length) log(`  ratings: ${fmt(written)} written (${Math.round(performance.now() - t0)} ms)`);
    }
    await rebuildRatingDaily(db);
    log(`  ratings: ${fmt(written)} of ${fmt(handled)} handled cases, rating_daily recounted, in ${Math.round(performance.now() - t0)} ms`);
  }
}

const year = () => {
  const today = chinaDate(new Date());
  return { from: addDays(today, -364), to: today };
};

export const supervision: BenchModule = {
  name: 'supervision',
  async generateData(ctx) {
    const dbh = await ctx.openDb();
    const n = Number((await dbh.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    await dbh.close();
    if (n < CASES * 0.9) await cases.generateData!(ctx);
    await generateRatings(ctx);
  },
  scenarios: [
    {
      name: `dashboard, city, last 12 months (${fmt(CASES)} cases, ${fmt(RATINGS)} ratings)`,
      description:
        'GET /api/v1/stats/overview as the city administrator for the last 365 days: every town with its ranking, the busiest items, channels, ' +
        'the monthly trend, ratings, 差评 follow-up, statuses and overdue cases now, helpers, terminals — what 监督看板 asks when it opens.',
      method: 'GET',
      path: '/api/v1/stats/overview',
      connections: 2,
      async setup(ctx) {
        const { from, to } = year();
        return { path: `/api/v1/stats/overview?from=${from}&to=${to}`, headers: await ctx.staffSession('admin') };
      },
      target: { maxP99Ms: 300 },
    },
    {
      name: 'dashboard, 钢山街道, this month and last 12 months',
      description: 'GET /api/v1/stats/overview as the 钢山街道 administrator (the town with its villages): this month, and the last 365 days.',
      method: 'GET',
      path: '/api/v1/stats/overview',
      connections: 2,
      async setup(ctx) {
        const { from, to } = year();
        return { paths: ['/api/v1/stats/overview', `/api/v1/stats/overview?from=${from}&to=${to}`], headers: await ctx.staffSession('gangshan.admin') };
      },
      target: { maxP99Ms: 300 },
    },
  ],
};
