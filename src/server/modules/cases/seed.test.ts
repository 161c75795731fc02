import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit.js';
import { CASE_STATUS_CODES } from '../../../shared/cases.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { seedAllDemoCases } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ catalog: true });
});
afterAll(async () => {
  await t.close();
});

describe('demo cases', () => {
  it('seeds cases in every status through the real service, one of them overdue', async () => {
    await seedAllDemoCases(t);
    const rows = await t.deps.dbh.db.selectFrom('cases').select(['status', 'channel', 'region_code', 'handling_region_code', 'help_request_id', 'green_channel']).orderBy('created_at').execute();
    expect(rows).toHaveLength(13);
    // every status a case can be in has at least one demo case
    expect([...new Set(rows.map((r) => r.status))].sort()).toEqual([...CASE_STATUS_CODES].sort());
    // the helper's 代办 from a help request with the person's consent, forwarded to the town; 老年人: 绿色通道
    expect(rows.find((r) => r.channel === 'assist')).toMatchObject({ region_code: '370883001004', handling_region_code: '370883001', status: 'pending_acceptance', green_channel: 1, help_request_id: expect.any(String) });
    // The overdue case waits for the approver's decision: it heads the approver's queue. The clerk's
    // queue starts with what waits for the window (等我处理), the overdue case among the rest.
    const approver = await new TestClient(t.app).loginStaff('gangshan.approver');
    expect((await approver.get('/api/v1/cases?pageSize=100')).json().items[0]).toMatchObject({ itemName: '最低生活保障（新申请）', warning: 'red', awaitsMe: true });
    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    const queue = (await clerk.get('/api/v1/cases?pageSize=100')).json();
    expect(queue.items[0]).toMatchObject({ awaitsMe: true });
    expect(queue.items.find((c: { warning: string }) => c.warning === 'red')).toMatchObject({ itemName: '最低生活保障（新申请）', awaitsMe: false });
    const mine = (await (await new TestClient(t.app).loginCitizen('13800000001')).get('/api/v1/cases/mine')).json();
    // her own online applications and those taken in for her at the window
    expect(mine.total).toBe(3);
    // 1. her 高龄津贴 online at 70: the form's eligibility rule (80 周岁) warns, the case keeps why
    const allowance = mine.items.find((c: { itemCode: string }) => c.itemCode === '37050100700001');
    const detail = (await clerk.get(`/api/v1/cases/${allowance.id}`)).json();
    expect(detail.eligibilityWarnings).toEqual([{ rule: 0, kind: 'age', status: 'fails', message: expect.stringMatching(/^申请人须年满 80 周岁（按身份证号码计算，现年 \d+ 周岁）$/) }]);
    expect((await verifyAuditChain(t.deps.dbh.db)).ok).toBe(true);
  });
});
