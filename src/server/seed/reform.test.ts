/**
 * The demo 改革任务: written once, a mix the tracker shows (超期, 临期, 待验收, 已完成) whatever day
 * the demo starts, and 钢山街道's administrator has tasks of their own to report on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../testing.js';
import { seedDemoReform } from './reform.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-reform-seed-test-${process.pid}` } });
});
afterAll(async () => {
  await t.close();
});

describe('demo reform tasks', () => {
  it('decompose the plan with a mix of states, once', async () => {
    const n = await seedDemoReform(t.deps);
    expect(n).toBeGreaterThan(15);
    expect(await seedDemoReform(t.deps)).toBe(0);
    const city = await new TestClient(t.app).loginStaff('admin');
    const list = (await city.get('/api/v1/reform-tasks')).json();
    expect(list.items).toHaveLength(n);
    const statuses = new Set(list.items.map((i: { status: string }) => i.status));
    expect([...statuses].sort()).toEqual(['awaiting', 'done', 'in_progress', 'not_started']);
    expect(list.items.some((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect(list.items.some((i: { dueSoon: boolean }) => i.dueSoon)).toBe(true);
    expect(list.items.filter((i: { depth: number }) => i.depth === 2).length).toBeGreaterThan(5);
    expect(list.summary[0].overdue).toBeGreaterThan(0);

    const gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
    const mine = (await gangshan.get('/api/v1/reform-tasks')).json().items;
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.every((i: { leadRegion: { name: string } }) => i.leadRegion.name === '钢山街道')).toBe(true);
    // the overdue one was reminded; the city's accepted one carries its evidence
    const withEvidence = list.items.find((i: { title: string }) => i.title === '编制镇街、村居两级政务服务事项指导目录');
    const detail = (await city.get(`/api/v1/reform-tasks/${withEvidence.id}`)).json();
    expect(detail.status).toBe('done');
    expect(detail.timeline.flatMap((e: { evidence: unknown[] }) => e.evidence)).toHaveLength(1);
    expect((await city.get(detail.timeline.find((e: { evidence: unknown[] }) => e.evidence.length).evidence[0].url)).statusCode).toBe(200);
  });
});
