/**
 * Time-limit warnings at scale (warnings.ts): the O(1) working-day index agrees with the calendar,
 * warn_on is exactly the first yellow day for every limit across 春节, 国庆 and 调休 weekends, and
 * scanTimeLimitWarnings finds exactly the cases timeLeft() calls yellow or red — paused cases
 * frozen, cases not yet accepted or already decided left out, warn_on recomputed after a holiday
 * is added. Also: case_counts (the queue's totals, kept by triggers) always equals a real count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warningLevel, type CaseStatus } from '../../../shared/cases.js';
import { addDays, WorkingDayIndex, type WorkingDays } from '../../platform/calendar.js';
import { TestClient, type TestApp } from '../../testing.js';
import { actOk, caseTestApp, chinaTenAm, INSTANT_ITEM, setClock, submitOk, VILLAGE_ITEM, windowBody, MENGZHUANG, consentFor } from './fixtures.js';
import { clockColumns, scanTimeLimitWarnings, yellowThreshold, type ClockRow } from './warnings.js';
import { timeLeft } from './workflow.js';

let t: TestApp;
let clerk: TestClient;
let approver: TestClient;
let city: TestClient;
let helper: TestClient;
beforeAll(async () => {
  ({ t, staff: [clerk, approver, city, helper] } = await caseTestApp(['gangshan.clerk', 'gangshan.approver', 'admin', 'mengzhuang.helper']));
});
afterAll(async () => {
  await t.close();
});

const at = chinaTenAm;
const LIMITS = [0, 1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 60];

describe('working-day arithmetic in O(1)', () => {
  /** The definition, day by day (what WorkingCalendar did before it had an index). */
  const walk = (cal: WorkingDays) => ({
    add(date: string, n: number) {
      let d = date;
      for (let left = n; left > 0;) {
        d = addDays(d, 1);
        if (cal.isWorkingDay(d)) left--;
      }
      return d;
    },
    between(from: string, to: string) {
      const [a, b, sign] = to >= from ? [from, to, 1] : [to, from, -1];
      let n = 0;
      for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
      return n * sign + 0;
    },
    back(date: string, k: number) {
      let d = date;
      for (let found = cal.isWorkingDay(d) ? 1 : 0; found < k;) {
        d = addDays(d, -1);
        if (cal.isWorkingDay(d)) found++;
      }
      return d;
    },
  });

  it('the calendar (an index inside) answers what walking day by day answers, across 国庆 2025 and 春节 2026', () => {
    const cal = t.deps.calendar;
    const ref = walk(cal);
    for (let d = '2025-09-01'; d <= '2026-03-31'; d = addDays(d, 1)) {
      for (const n of [0, 1, 2, 5, 8, 20, 45]) expect(cal.addWorkingDays(d, n), `${d} + ${n}`).toBe(ref.add(d, n));
      for (const k of [0, 1, 3, 9, 30, -1, -6]) expect(cal.workingDaysBetween(d, addDays(d, k)) + 0).toBe(ref.between(d, addDays(d, k)));
      for (const k of [1, 2, 8, 24]) expect(cal.workingDayBack(d, k)).toBe(ref.back(d, k));
    }
  });

  it('a WorkingDayIndex falls back to its `outside` calendar beyond its span', () => {
    const cal = t.deps.calendar;
    const ref = walk(cal);
    const idx = new WorkingDayIndex((d) => cal.isWorkingDay(d), '2026-01-01', '2026-01-31', cal);
    expect(idx.isWorkingDay('2026-02-14')).toBe(true);
    expect(idx.addWorkingDays('2025-09-26', 4)).toBe('2025-10-09');
    expect(idx.addWorkingDays('2026-01-20', 30)).toBe(ref.add('2026-01-20', 30));
    expect(idx.workingDaysBetween('2025-12-20', '2026-01-10')).toBe(ref.between('2025-12-20', '2026-01-10'));
    expect(idx.workingDayBack('2026-02-24', 2)).toBe('2026-02-14');
    expect(idx.workingDayBack('2026-01-05', 3)).toBe(ref.back('2026-01-05', 3));
  });

  it('yellowThreshold is the most days left that warningLevel still calls yellow', () => {
    expect(yellowThreshold(20)).toBe(7);
    expect(yellowThreshold(3)).toBe(1);
    expect(yellowThreshold(0)).toBe(1);
    for (const limit of LIMITS) {
      const th = yellowThreshold(limit);
      expect(warningLevel(th, limit)).toBe('yellow');
      expect(warningLevel(th + 1, limit)).toBe('none');
    }
  });
});

describe('warn_on: the first day a running clock shows yellow', () => {
  const clock = (acceptedOn: string, promised: number, more: Partial<ClockRow> = {}): ClockRow => ({
    status: 'accepted', accepted_on: acceptedOn, promised_days: promised, extended_days: 0, paused_days: 0, paused_since: null, due_date: null, ...more,
  });

  it('is the day timeLeft() first says yellow, for every limit, across holidays and 调休 weekends', () => {
    const cal = t.deps.calendar;
    const accepted = ['2025-09-24', '2025-09-29', '2025-12-30', '2026-02-05', '2026-02-12', '2026-02-13', '2026-02-27'];
    for (const acceptedOn of accepted) {
      for (const promised of LIMITS) {
        for (const more of [{}, { extended_days: 5 }, { paused_days: 3 }]) {
          const c = clock(acceptedOn, promised, more);
          const warnOn = clockColumns(cal, c).warn_on!;
          const state = { acceptedOn, promisedDays: promised, extendedDays: c.extended_days, pausedDays: c.paused_days, pausedSince: null };
          for (let d = acceptedOn; d <= addDays(warnOn, 12); d = addDays(d, 1)) {
            const level = timeLeft(cal, state, d)!.warning;
            expect(level === 'none', `${acceptedOn} +${promised} ${JSON.stringify(more)} on ${d}: ${level}, warn_on ${warnOn}`).toBe(d < warnOn);
          }
        }
      }
    }
  });

  it('春节 2026: accepted Thursday 2/12 for 20 days (due 3/18) turns yellow on 3/9, with 7 working days left', () => {
    const c = clock('2026-02-12', 20);
    expect(clockColumns(t.deps.calendar, c).warn_on).toBe('2026-03-09');
    expect(timeLeft(t.deps.calendar, { acceptedOn: '2026-02-12', promisedDays: 20, extendedDays: 0, pausedDays: 0, pausedSince: null }, '2026-03-09')).toEqual({ daysLeft: 7, warning: 'yellow' });
    // 3 days accepted the day before the holiday: due 2/25, yellow from 2/24 — the whole holiday is calm
    expect(clockColumns(t.deps.calendar, clock('2026-02-13', 3)).warn_on).toBe('2026-02-24');
  });

  it('is empty while the clock does not run: before acceptance, paused, decided, or without a working-day limit', () => {
    const cal = t.deps.calendar;
    expect(clockColumns(cal, clock('2026-02-12', 20, { status: 'pending_acceptance', accepted_on: null })).warn_on).toBeNull();
    expect(clockColumns(cal, clock('2026-02-12', 20, { status: 'suspended', paused_since: '2026-02-13' })).warn_on).toBeNull();
    expect(clockColumns(cal, clock('2026-02-12', 20, { status: 'correction', paused_since: '2026-02-13' })).warn_on).toBeNull();
    expect(clockColumns(cal, clock('2026-02-12', 20, { status: 'approved' })).warn_on).toBeNull();
    expect(clockColumns(cal, clock('2026-02-12', 0, { promised_days: null })).warn_on).toBeNull();
  });

  it('queue_rank: open with a due date, open without, closed with, closed without', () => {
    const cal = t.deps.calendar;
    expect(clockColumns(cal, clock('2026-02-12', 20, { due_date: '2026-03-18' })).queue_rank).toBe(0);
    expect(clockColumns(cal, clock('2026-02-12', 20, { status: 'pending_review', accepted_on: null })).queue_rank).toBe(1);
    expect(clockColumns(cal, clock('2026-02-12', 20, { status: 'delivered', due_date: '2026-03-18' })).queue_rank).toBe(2);
    expect(clockColumns(cal, clock('2026-02-12', 20, { status: 'refused', accepted_on: null })).queue_rank).toBe(3);
  });
});

describe('scanTimeLimitWarnings', () => {
  /** Every case the scan should report on `today`, from timeLeft() over all open cases. */
  async function expected(today: string) {
    const rows = await t.deps.dbh.db.selectFrom('cases').selectAll().execute();
    const out = new Map<string, { warning: string; daysLeft: number; paused: boolean }>();
    for (const r of rows) {
      if (!['accepted', 'deciding', 'suspended', 'correction'].includes(r.status)) continue;
      const left = timeLeft(t.deps.calendar, { acceptedOn: r.accepted_on, promisedDays: r.promised_days, extendedDays: r.extended_days, pausedDays: r.paused_days, pausedSince: r.paused_since }, today);
      if (left && left.warning !== 'none') out.set(r.id, { warning: left.warning, daysLeft: left.daysLeft, paused: r.paused_since !== null });
    }
    return out;
  }
  async function scanned(today: string) {
    const found = await scanTimeLimitWarnings(t.deps, today);
    return new Map(found.map((w) => [w.id, { warning: w.warning, daysLeft: w.daysLeft, paused: w.paused }]));
  }

  it('finds exactly the yellow and red cases day by day through 春节 2026, paused ones frozen', async () => {
    setClock(t, at('2026-02-05'));
    const ids: Record<string, string> = {};
    // 20 days from 2/5; an instant item (即办); a 5-day village item collected at 孟庄社区 for the town
    ids.long = (await submitOk(clerk, windowBody())).id;
    await actOk(clerk, ids.long, 'accept');
    ids.instant = (await submitOk(clerk, windowBody({ itemCode: INSTANT_ITEM, materials: [] }))).id;
    await actOk(clerk, ids.instant, 'accept');
    ids.notYet = (await submitOk(clerk, windowBody())).id;
    ids.village = (await submitOk(helper, windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: await consentFor(t, helper), materials: [{ materialId: 'm1', source: 'paper', checkedOriginal: true, copies: 1 }, { materialId: 'm2', source: 'paper', checkedOriginal: true, copies: 1 }] }))).id;
    setClock(t, at('2026-02-09'));
    ids.paused = (await submitOk(clerk, windowBody())).id;
    await actOk(clerk, ids.paused, 'accept');
    setClock(t, at('2026-02-11'));
    await actOk(approver, ids.paused, 'pause', { procedure: '入户调查', reason: '入户调查不计入办理时限' });
    ids.decided = (await submitOk(clerk, windowBody({ itemCode: INSTANT_ITEM, materials: [] }))).id;
    await actOk(clerk, ids.decided, 'accept');
    await actOk(approver, ids.decided, 'approve');
    await actOk(approver, ids.decided, 'approve');

    let sawYellow = false;
    let sawRed = false;
    for (let d = '2026-02-11'; d <= '2026-03-20'; d = addDays(d, 1)) {
      const want = await expected(d);
      const got = await scanned(d);
      expect(got, d).toEqual(want);
      for (const w of got.values()) {
        sawYellow ||= w.warning === 'yellow';
        sawRed ||= w.warning === 'red';
      }
      expect(got.has(ids.notYet!)).toBe(false);
      expect(got.has(ids.village!)).toBe(false);
      expect(got.has(ids.decided!)).toBe(false);
      // the pause began with 18 of 20 working days left: frozen at none
      expect(got.has(ids.paused!)).toBe(false);
    }
    expect(sawYellow && sawRed).toBe(true);
    // 20 working days from Thursday 2/5: due Wednesday 3/11 (春节 2/15–2/23 off; Saturdays 2/14 and
    // 2/28 at work). Yellow from Monday 3/2 with 7 left; on the 调休 Saturday 2/28 and on Sunday 3/1, 8.
    expect((await scanned('2026-02-28')).has(ids.long!)).toBe(false);
    expect((await scanned('2026-03-01')).has(ids.long!)).toBe(false);
    expect((await scanned('2026-03-02')).get(ids.long!)).toEqual({ warning: 'yellow', daysLeft: 7, paused: false });
    expect((await scanned('2026-03-11')).get(ids.long!)).toEqual({ warning: 'yellow', daysLeft: 0, paused: false });
    expect((await scanned('2026-03-12')).get(ids.long!)).toEqual({ warning: 'red', daysLeft: -1, paused: false });
    // 即办 accepted Thursday 2/5: due that day; red from Friday; over 春节 it stays 3 working days over until 2/24
    expect((await scanned('2026-02-05')).get(ids.instant!)).toEqual({ warning: 'yellow', daysLeft: 0, paused: false });
    expect((await scanned('2026-02-13')).get(ids.instant!)).toMatchObject({ warning: 'red', daysLeft: -6 });
    expect((await scanned('2026-02-23')).get(ids.instant!)).toMatchObject({ warning: 'red', daysLeft: -7 });

    // A case paused when already yellow stays yellow, and is reported as paused.
    setClock(t, at('2026-03-05'));
    await actOk(approver, ids.long!, 'pause', { procedure: '专家评审', reason: '专家评审不计入办理时限' });
    // 4 working days left (3/6, 3/9, 3/10, 3/11) when the clock stopped: yellow, and it stays so.
    for (const d of ['2026-03-05', '2026-03-10', '2026-03-31']) {
      expect((await scanned(d)).get(ids.long!), d).toEqual({ warning: 'yellow', daysLeft: 4, paused: true });
      expect(await scanned(d)).toEqual(await expected(d));
    }
    expect((await scanTimeLimitWarnings(t.deps, '2026-03-10', { pausedToo: false })).some((w) => w.id === ids.long)).toBe(false);
    const one = (await scanTimeLimitWarnings(t.deps, '2026-03-10')).find((w) => w.id === ids.long)!;
    expect(one).toMatchObject({ handlingRegionCode: '370883001', handlingRegionPath: '/370883/370883001/', status: 'suspended', limitDays: 20, acceptedOn: '2026-02-05' });
    expect(one.caseNo).toMatch(/^\d{25}$/);
  });

  it('recomputes warn_on when the holiday calendar changes, so the scan follows the calendar as timeLeft does', async () => {
    setClock(t, at('2027-03-01'));
    clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    city = await new TestClient(t.app).loginStaff('admin');
    helper = await new TestClient(t.app).loginStaff('mengzhuang.helper');
    const { id } = await submitOk(clerk, windowBody());
    await actOk(clerk, id, 'accept');
    // 20 working days from Monday 3/1/2027: due 3/29, yellow from 3/18 (7 left)
    expect((await scanned('2027-03-17')).has(id)).toBe(false);
    expect((await scanned('2027-03-18')).get(id)).toMatchObject({ warning: 'yellow', daysLeft: 7 });
    // A day off on Wednesday 3/10 (say, a local holiday) moves the due date to 3/30: 3/18 has 8 left.
    const res = await city.request('PUT', '/api/v1/admin/calendar/2027-03-10', { kind: 'holiday', name: '测试假日', source: '测试' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await scanned('2027-03-18')).has(id)).toBe(false);
    expect((await scanned('2027-03-19')).get(id)).toMatchObject({ warning: 'yellow', daysLeft: 7 });
    expect((await scanned('2027-03-22')).get(id)).toMatchObject({ warning: 'yellow', daysLeft: 6 });
    expect(await scanned('2027-03-22')).toEqual(await expected('2027-03-22'));
    expect((await city.request('DELETE', '/api/v1/admin/calendar/2027-03-10')).statusCode).toBe(200);
    expect((await scanned('2027-03-18')).get(id)).toMatchObject({ warning: 'yellow', daysLeft: 7 });
  });
});

describe('case_counts', () => {
  it('always equals a count of the cases by receiving region, handling region and status', async () => {
    const db = t.deps.dbh.db;
    const real = async () => {
      const rows = await db.selectFrom('cases').select(['region_code', 'handling_region_code', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['region_code', 'handling_region_code', 'status']).execute();
      return Object.fromEntries(rows.map((r) => [`${r.region_code}|${r.handling_region_code}|${r.status}`, Number(r.n)]));
    };
    const counted = async () => {
      const rows = await db.selectFrom('case_counts').selectAll().where('n', '>', 0).execute();
      return Object.fromEntries(rows.map((r) => [`${r.region_code}|${r.handling_region_code}|${r.status}`, Number(r.n)]));
    };
    // everything the tests above did: submissions, acceptances, pauses, decisions, a forwarded village case
    expect(await counted()).toEqual(await real());
    const village = await submitOk(helper, windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: await consentFor(t, helper), materials: [{ materialId: 'm1', source: 'paper', checkedOriginal: true, copies: 1 }, { materialId: 'm2', source: 'paper', checkedOriginal: true, copies: 1 }] }));
    await actOk(helper, village.id, 'forward', { opinion: '转报镇街' });
    // a transfer changes the handling region: one counter down, another up
    const moved = await submitOk(clerk, windowBody());
    await actOk(clerk, moved.id, 'transfer', { toRegionCode: '370883002', reason: '属千泉街道办理' });
    await actOk(clerk, (await submitOk(clerk, windowBody())).id, 'refuse', { reason: '不属于受理范围' });
    expect(await counted()).toEqual(await real());
    // the queue's totals come from it: the same as counting the list
    const queue = (await city.get('/api/v1/cases?pageSize=100')).json();
    expect(queue.total).toBe(Object.values(await real()).reduce((s, n) => s + n, 0));
    for (const status of ['pending_acceptance', 'accepted', 'suspended'] as CaseStatus[]) {
      const byStatus = (await clerk.get(`/api/v1/cases?status=${status}&pageSize=100`)).json();
      expect(byStatus.total, status).toBe(byStatus.items.length);
    }
  });
});
