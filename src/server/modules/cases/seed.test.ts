import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { seedDemoCases } from '../../seed/cases.js';
import { CASE_STATUS_CODES } from '../../../shared/cases.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ catalog: true });
});
afterAll(async () => {
  await t.close();
});

describe('demo cases', () => {
  it('seeds cases in every status through the real service, one of them overdue', async () => {
    expect(await seedDemoCases(t.deps)).toBe(13);
    const rows = await t.deps.dbh.db.selectFrom('cases').select(['status', 'channel', 'region_code', 'handling_region_code']).orderBy('created_at').execute();
    // every status a case can be in has at least one demo case
    expect([...new Set(rows.map((r) => r.status))].sort()).toEqual([...CASE_STATUS_CODES].sort());
    expect(rows.find((r) => r.channel === 'assist')).toMatchObject({ region_code: '370883001004', handling_region_code: '370883001' });
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    const queue = (await clerk.get('/api/v1/cases?pageSize=100')).json();
    expect(queue.items[0]).toMatchObject({ itemName: '最低生活保障（新申请）', warning: 'red' });
    const mine = (await (await new TestClient(t.app).loginCitizen('13800000001')).get('/api/v1/cases/mine')).json();
    // her own online applications and those taken in for her at the window
    expect(mine.total).toBe(4);
    expect((await verifyAuditChain(t.deps.dbh.db)).ok).toBe(true);
  });
});
