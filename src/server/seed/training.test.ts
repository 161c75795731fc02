/** The demo 培训记录: written once through the training service, dated from the clock, readable as the demo staff see it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../testing.js';
import { seedDemoTraining } from './training.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-training-seed-test-${process.pid}` } });
});
afterAll(async () => {
  await t.close();
});

describe('demo training', () => {
  it('seeds a year of sessions once, with the demo staff and community 代办员 on them', async () => {
    expect(await seedDemoTraining(t.deps, t.services)).toBe(9);
    expect(await seedDemoTraining(t.deps, t.services)).toBe(0);
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    const mine = (await clerk.get('/api/v1/me/training')).json();
    expect(mine.sessions.length).toBeGreaterThanOrEqual(5);
    expect(mine.totalHours).toBeGreaterThan(0);
    const town = await new TestClient(t.app).loginStaff('gangshan.admin');
    const list = (await town.get('/api/v1/training/sessions?pageSize=100')).json();
    expect(list.items.every((s: { regionName: string }) => s.regionName === '钢山街道')).toBe(true);
    expect(list.total).toBe(3);
    const second = list.items.find((s: { topic: string }) => s.topic.includes('第二期'));
    const detail = (await town.get(`/api/v1/training/sessions/${second.id}`)).json();
    expect(detail.participantList.map((p: { attendanceLabel: string }) => p.attendanceLabel)).toEqual(expect.arrayContaining(['请假', '缺席', '已参训']));
    expect(detail.participantList.some((p: { phoneMasked: string | null }) => p.phoneMasked === '137****0111')).toBe(true);
  });
});
