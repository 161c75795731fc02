/**
 * Working-day time limits: due date = acceptance date + 承诺时限 (+ extension) in working days,
 * excluding paused time, on the State Council calendar (春节 2026, 国庆 2025 and their 调休 weekends).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warningLevel } from '../../../shared/cases.js';
import { TestClient, type TestApp } from '../../testing.js';
import { actOk, caseTestApp, chinaTenAm, INSTANT_ITEM, setClock, submitOk, windowBody } from './fixtures.js';
import { dueDate, timeLeft } from './workflow.js';

let t: TestApp;
let clerk: TestClient;
let approver: TestClient;
let city: TestClient;
let qianquan: TestClient;
beforeAll(async () => {
  ({ t, staff: [clerk, approver, city, qianquan] } = await caseTestApp(['gangshan.clerk', 'gangshan.approver', 'admin', 'qianquan.clerk']));
});
afterAll(async () => {
  await t.close();
});

const at = chinaTenAm;
const clock = (acceptedOn: string, promisedDays: number, more: Partial<{ extendedDays: number; pausedDays: number; pausedSince: string | null }> = {}) =>
  ({ acceptedOn, promisedDays, extendedDays: 0, pausedDays: 0, pausedSince: null, ...more });

describe('working-day arithmetic on the holiday calendar', () => {
  it('春节 2026: 2/15–2/23 off, Saturdays 2/14 and 2/28 at work', () => {
    const cal = t.deps.calendar;
    expect(dueDate(cal, clock('2026-02-13', 1))).toBe('2026-02-14');
    expect(dueDate(cal, clock('2026-02-13', 2))).toBe('2026-02-24');
    expect(dueDate(cal, clock('2026-02-13', 5))).toBe('2026-02-27');
    expect(dueDate(cal, clock('2026-02-13', 6))).toBe('2026-02-28');
    expect(dueDate(cal, clock('2026-02-13', 7))).toBe('2026-03-02');
    expect(dueDate(cal, clock('2026-02-12', 10))).toBe('2026-03-04');
  });

  it('国庆 2025: 10/1–10/8 off, Sunday 9/28 and Saturday 10/11 at work', () => {
    const cal = t.deps.calendar;
    expect(dueDate(cal, clock('2025-09-26', 1))).toBe('2025-09-28');
    expect(dueDate(cal, clock('2025-09-26', 3))).toBe('2025-09-30');
    expect(dueDate(cal, clock('2025-09-26', 4))).toBe('2025-10-09');
    expect(dueDate(cal, clock('2025-09-26', 6))).toBe('2025-10-11');
    expect(dueDate(cal, clock('2025-09-26', 7))).toBe('2025-10-13');
  });

  it('an extension and paused working days move the due date', () => {
    const cal = t.deps.calendar;
    expect(dueDate(cal, clock('2026-02-12', 10, { pausedDays: 3 }))).toBe('2026-03-09');
    expect(dueDate(cal, clock('2026-02-12', 10, { extendedDays: 2, pausedDays: 3 }))).toBe('2026-03-11');
    // a pause in progress counts as stopped time when judging what is left
    expect(timeLeft(cal, clock('2026-02-12', 10, { pausedSince: '2026-02-13' }), '2026-02-25')).toEqual({ daysLeft: 9, warning: 'none' });
  });

  it('warning levels: yellow at ≤ 1 working day or < 40% left, red when overdue', () => {
    expect(warningLevel(9, 20)).toBe('none');
    expect(warningLevel(8, 20)).toBe('none');
    expect(warningLevel(7, 20)).toBe('yellow');
    expect(warningLevel(2, 3)).toBe('none');
    expect(warningLevel(1, 3)).toBe('yellow');
    expect(warningLevel(0, 0)).toBe('yellow');
    expect(warningLevel(-1, 20)).toBe('red');
  });
});

describe('time limits through the workflow', () => {
  it('accepted before 春节 with a special procedure across it: the pause is not counted', async () => {
    setClock(t, at('2026-02-12'));
    const { id } = await submitOk(clerk, windowBody());
    let d = await actOk(clerk, id, 'accept');
    // 20 working days from Thursday 2/12: 2/13, 2/14 (调休), then from 2/24 on (2/28 调休 too)
    expect(d).toMatchObject({ dueDate: '2026-03-18', promisedDays: 20, daysLeft: 20, warning: 'none' });
    setClock(t, at('2026-02-13'));
    d = await actOk(approver, id, 'pause', { procedure: '入户调查公示', reason: '公示期不计入办理时限' });
    expect(d).toMatchObject({ status: 'suspended', paused: true });
    setClock(t, at('2026-02-25'));
    d = await actOk(approver, id, 'resume');
    // stopped 2/14, 2/24 and 2/25: three working days
    expect(d).toMatchObject({ status: 'accepted', pausedDays: 3, dueDate: '2026-03-23', paused: false });
    expect(d.events.at(-1).details).toMatchObject({ pausedWorkingDays: 3 });
  });

  it('a correction after acceptance stops the clock until resubmission (国庆 2025)', async () => {
    setClock(t, at('2025-09-26'));
    const { id } = await submitOk(clerk, windowBody());
    let d = await actOk(clerk, id, 'accept');
    expect(d.dueDate).toBe('2025-10-30');
    setClock(t, at('2025-09-29'));
    d = await actOk(approver, id, 'request-correction', { items: [{ materialId: 'm1', reason: '申请书缺少家庭成员签字' }] });
    expect(d.status).toBe('correction');
    setClock(t, at('2025-10-10'));
    d = await actOk(clerk, id, 'resubmit', { materials: [{ materialId: 'm1', source: 'paper', checkedOriginal: true, copies: 1 }] });
    // stopped 9/30, 10/9, 10/10
    expect(d).toMatchObject({ status: 'accepted', pausedDays: 3, dueDate: '2025-11-04' });
    d = await actOk(approver, id, 'extend', { days: 5, reason: '需要补充入户调查' });
    expect(d).toMatchObject({ extendedDays: 5, dueDate: '2025-11-11' });
  });

  it('an instant item accepted today is yellow; one left past its date is red, in the queue, the overdue filter and the report', async () => {
    setClock(t, at('2026-11-23'));
    const overdue = await submitOk(clerk, windowBody());
    await actOk(clerk, overdue.id, 'accept');
    const calm = await submitOk(clerk, windowBody());
    setClock(t, at('2026-12-22'));
    // a month later: staff sessions have long timed out
    clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    qianquan = await new TestClient(t.app).loginStaff('qianquan.clerk');
    city = await new TestClient(t.app).loginStaff('admin');
    await actOk(clerk, calm.id, 'accept');
    const soon = await submitOk(qianquan, windowBody({ regionCode: '370883002', itemCode: INSTANT_ITEM, materials: [] }));
    // 2026-11-23 + 20 working days = 2026-12-21: by 12/22 it is one day over
    let d = (await clerk.get(`/api/v1/cases/${overdue.id}`)).json();
    expect(d).toMatchObject({ dueDate: '2026-12-21', daysLeft: -1, warning: 'red' });
    d = (await clerk.get(`/api/v1/cases/${calm.id}`)).json();
    expect(d).toMatchObject({ daysLeft: 20, warning: 'none' });
    // 即办: due the day it is accepted, so yellow at once
    d = await actOk(qianquan, soon.id, 'accept');
    expect(d).toMatchObject({ dueDate: '2026-12-22', daysLeft: 0, warning: 'yellow' });

    const queue = (await clerk.get('/api/v1/cases?pageSize=100')).json();
    const open = queue.items.filter((c: { status: string }) => c.status === 'accepted');
    const dues = open.map((c: { dueDate: string }) => c.dueDate);
    expect(dues).toEqual([...dues].sort());
    const ids = open.map((c: { id: string }) => c.id);
    expect(ids.indexOf(overdue.id)).toBeLessThan(ids.indexOf(calm.id));
    const onlyOverdue = (await clerk.get('/api/v1/cases?overdue=true')).json();
    expect(onlyOverdue.items.map((c: { id: string }) => c.id)).toContain(overdue.id);
    expect(onlyOverdue.items.map((c: { id: string }) => c.id)).not.toContain(calm.id);

    const report = (await city.get('/api/v1/cases/overdue-report')).json();
    expect(report.asOf).toBe('2026-12-22');
    expect(report.items).toHaveLength(16);
    const gangshan = report.items.find((r: { regionCode: string }) => r.regionCode === '370883001');
    expect(gangshan.red).toBeGreaterThanOrEqual(1);
    const town = (await qianquan.get('/api/v1/cases/overdue-report')).json();
    expect(town.items.map((r: { regionCode: string }) => r.regionCode)).toEqual(['370883002']);
    expect(town.items[0]).toMatchObject({ open: 1, yellow: 1, red: 0 });
  });
});
