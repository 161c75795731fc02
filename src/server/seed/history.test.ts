/**
 * The demo history (seed/history.ts) as seedDemoData writes it, after the demo cases: some 420
 * closed cases of the last three months at five towns, their ratings and the 差评's follow-ups,
 * through the real services with a backdated clock. What the journeys count stays as it was (the
 * demo citizens' cases, every queue and the open cases), the aggregates agree with the rows, and the
 * plan is the same whatever today is. The test clock: Friday 2026-11-27 10:00 China time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDate, chinaDayStart } from '../platform/calendar.js';
import { verifyAuditChain } from '../platform/audit.js';
import { OPEN_STATUSES } from '../../shared/cases.js';
import { createTestApp, type TestApp } from '../testing.js';
import { citizenActor, seedDemoCases, staffActor } from './cases.js';
import { DEMO_CITIZENS } from './demo.js';
import {
  HISTORY_TOWNS, HISTORY_WORKING_DAYS, historyPlaces, planHistory, seedDemoHistory, workingDaysBack, type HistoryPlan, type HistorySummary,
} from './history.js';

let t: TestApp;
let summary: HistorySummary;
/** what the journeys count, before the history */
let before: { citizenCases: number[]; awaiting: Record<string, number>; open: number };
/** the demo cases */
let demoCases: Set<string>;

const db = () => t.deps.dbh.db;
const count = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);

async function journeyCounts() {
  const citizenCases = [];
  for (const c of DEMO_CITIZENS) {
    const me = await citizenActor(t.deps, c.phone);
    citizenCases.push(await count(db().selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('citizen_id', '=', me.id).executeTakeFirstOrThrow()));
  }
  const awaiting: Record<string, number> = {};
  for (const u of ['gangshan.clerk', 'qianquan.clerk', 'gangshan.approver', 'city.clerk', 'city.approver']) {
    awaiting[u] = (await t.services.cases.statusCounts(await staffActor(t.deps, u))).awaiting;
  }
  const open = await count(db().selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', OPEN_STATUSES).executeTakeFirstOrThrow());
  return { citizenCases, awaiting, open };
}

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  await seedDemoCases(t.deps);
  before = await journeyCounts();
  demoCases = new Set((await db().selectFrom('cases').select('id').execute()).map((c) => c.id));
  summary = await seedDemoHistory(t.deps, t.services);
}, 180_000);
afterAll(() => t.close());

describe('the demo history', () => {
  it('writes 400–600 cases of the last three months at five towns, every one of them closed; the journeys’ counts stay', async () => {
    expect(summary.cases).toBeGreaterThanOrEqual(400);
    expect(summary.cases).toBeLessThanOrEqual(600);
    const all = await db().selectFrom('cases').select(['id', 'status', 'result', 'region_code', 'channel', 'correction_notice', 'eligibility_warnings', 'created_at', 'updated_at']).execute();
    const history = all.filter((c) => !demoCases.has(c.id));
    expect(history).toHaveLength(summary.cases);
    // the journeys' counts are untouched: the demo citizens' cases, the queues, the open cases
    expect(await journeyCounts()).toEqual(before);
    const statuses = new Map<string, number>();
    for (const c of history) statuses.set(c.status, (statuses.get(c.status) ?? 0) + 1);
    // every decision delivered (a decided case waits in 等我处理 until it is), a few refused
    expect([...statuses.keys()].sort()).toEqual(['delivered', 'refused']);
    const results = new Map<string, number>();
    for (const c of history) results.set(c.result ?? c.status, (results.get(c.result ?? c.status) ?? 0) + 1);
    expect(results.get('approved')).toBeGreaterThan(0.8 * summary.cases);
    expect(results.get('denied')).toBeGreaterThan(10);
    expect(results.get('refused')).toBeGreaterThan(10);
    expect(new Set(history.map((c) => c.region_code))).toEqual(new Set(HISTORY_TOWNS.map((x) => x.code)));
    expect(new Set(history.map((c) => c.channel))).toEqual(new Set(['window', 'pc', 'mobile']));
    expect(history.filter((c) => c.correction_notice !== null).length).toBeGreaterThan(10);
    // the applicants meet the forms' eligibility rules (age, residence)
    expect(history.filter((c) => c.eligibility_warnings !== '[]')).toEqual([]);
    // three months back, and nothing today
    const today = chinaDayStart(chinaDate(t.clock.now()));
    const oldest = history.map((c) => c.created_at).sort()[0]!;
    expect(oldest >= chinaDayStart(addDays(chinaDate(t.clock.now()), -100))).toBe(true);
    expect(oldest < chinaDayStart(addDays(chinaDate(t.clock.now()), -80))).toBe(true);
    expect(history.every((c) => c.updated_at < today)).toBe(true);
    // no SMS waits for the gateway (the history's phones are made up); the demo cases' still do
    const queued = await db().selectFrom('sms_outbox').select('created_at').where('status', '=', 'queued').execute();
    expect(queued.every((r) => r.created_at >= today)).toBe(true);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('counts the ratings in rating_daily as RatingService keeps them, and the dashboard shows them', async () => {
    const counted = await count(db().selectFrom('ratings').select((eb) => eb.fn.countAll().as('n')).where('counted', '=', 1).executeTakeFirstOrThrow());
    const daily = await count(db().selectFrom('rating_daily').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n')).executeTakeFirstOrThrow());
    expect(daily).toBe(counted);
    const ratings = await db().selectFrom('ratings').select(['round', 'channel', 'level', 'bad', 'counted', 'case_id']).execute();
    const first = ratings.filter((r) => r.round === 1);
    const rated = new Set(first.map((r) => r.case_id));
    // about 70 % of the handled cases, by every channel but the hall tablets
    expect(rated.size / summary.cases).toBeGreaterThan(0.6);
    expect(rated.size / summary.cases).toBeLessThan(0.8);
    expect(new Set(first.map((r) => r.channel))).toEqual(new Set(['pc', 'mobile', 'window_qr', 'sms', 'phone']));
    // mostly 非常满意 and 满意; 5–8 % 差评
    expect(first.filter((r) => r.level === 'very_satisfied' || r.level === 'satisfied').length / first.length).toBeGreaterThan(0.8);
    const bad = first.filter((r) => r.bad === 1).length / first.length;
    expect(bad).toBeGreaterThanOrEqual(0.045);
    expect(bad).toBeLessThanOrEqual(0.09);

    const admin = await staffActor(t.deps, 'admin');
    const to = chinaDate(t.clock.now());
    const o = await t.services.supervision.overview(admin, { from: addDays(to, -120), to });
    expect(o.satisfaction.ratings).toBe(counted);
    expect(o.totals.submitted).toBe(summary.cases + demoCases.size);
    expect(o.totals.onTimeRate).toBeGreaterThan(85);
    expect(o.totals.onTimeRate).toBeLessThan(100);
    expect(o.totals.onlineRate).toBeGreaterThan(20);
    expect(o.places.filter((p) => p.rank !== null)).toHaveLength(HISTORY_TOWNS.length);
  });

  it('has 差评 followed up in several states: rectified (some re-rated), one appealed and upheld, one 待回访 and one 整改中 past their limits', async () => {
    const followUps = await db().selectFrom('rating_followups').select(['status', 'escalated_visit_at', 'escalated_rectify_at', 'handling_region_code']).execute();
    const states = new Map<string, number>();
    for (const f of followUps) states.set(f.status, (states.get(f.status) ?? 0) + 1);
    expect(states.get('visiting')).toBe(1);
    expect(states.get('rectifying')).toBe(1);
    expect(states.get('voided')).toBe(1);
    expect(states.get('closed')).toBeGreaterThan(8);
    // re-rated after the rectification: the first rating no longer counts
    const rerated = await db().selectFrom('ratings').select(['case_id', 'level', 'counted']).where('round', '=', 2).execute();
    expect(rerated.length).toBeGreaterThan(2);
    expect(rerated.every((r) => r.counted === 1 && !['dissatisfied', 'very_dissatisfied'].includes(r.level))).toBe(true);
    // the two past their limits show as 超期 (and the scan told the city), 钢山街道's administrator sees one
    const admin = await staffActor(t.deps, 'admin');
    const overdue = await t.services.ratingFollowUps.followUps(admin, { overdue: true, page: 1, pageSize: 20 });
    expect(overdue.items.map((i) => [i.status, i.overdue, i.escalated]).sort()).toEqual([['rectifying', 'rectify', true], ['visiting', 'visit', true]]);
    const town = await t.services.ratingFollowUps.followUps(await staffActor(t.deps, 'gangshan.admin'), { page: 1, pageSize: 50 });
    expect(town.items.some((i) => i.status === 'rectifying' && i.overdue === 'rectify')).toBe(true);
    expect(town.items.some((i) => i.status === 'visiting')).toBe(false);
    // the appeal: made by the town, upheld by the city, the rating out of the figures
    const voided = town.items.find((i) => i.status === 'voided')!;
    const detail = await t.services.ratingFollowUps.get(admin, voided.ratingId);
    expect(detail.appeal?.by).toBe('孔令军');
    expect(detail.review).toMatchObject({ decision: 'upheld', by: '周文华' });
    expect(detail.rating.counted).toBe(false);
  });

  it('is drawn the same every time, whatever today is', async () => {
    const { towns, items } = await historyPlaces(t.deps, t.services);
    const shape = (p: HistoryPlan) => ({
      cases: p.cases.map((c) => [c.town.code, c.item.spec.code, c.channel, c.outcome, c.correction, c.delivery, c.rating?.channel, c.rating?.level, c.followUp, c.rerating?.level].join()),
      steps: p.steps.map((s) => `${s.op}${s.of}`),
      citizens: p.citizens.length,
    });
    const today = chinaDate(t.clock.now());
    const plan = planHistory(workingDaysBack(t.deps.calendar, today, HISTORY_WORKING_DAYS), towns, items);
    expect(shape(planHistory(workingDaysBack(t.deps.calendar, today, HISTORY_WORKING_DAYS), towns, items))).toEqual(shape(plan));
    // another day, across the Spring Festival: the same history on other dates
    // (online applications come in the evening or at the weekend before: their order among the other days' steps may differ)
    const later = planHistory(workingDaysBack(t.deps.calendar, '2027-02-26', HISTORY_WORKING_DAYS), towns, items);
    const unordered = (p: HistoryPlan) => ({ ...shape(p), steps: shape(p).steps.sort() });
    expect(unordered(later)).toEqual(unordered(plan));
    expect(plan.cases).toHaveLength(summary.cases);
    // every step before today, in time order
    expect(plan.steps.every((s, i) => s.at < Date.parse(`${today}T00:00:00+08:00`) && (i === 0 || plan.steps[i - 1]!.at <= s.at))).toBe(true);
  });
});
