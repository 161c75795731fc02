/** The work queue's search (case number prefix or applicant name), region filter and status tab counts, always within scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { GANGSHAN, MENGZHUANG, QIANQUAN, seedCaseCatalog, submitOk, VILLAGE_ITEM, windowBody, consentFor } from './fixtures.js';

let t: TestApp;
let clerk: TestClient;
let qianquan: TestClient;
let city: TestClient;
let helper: TestClient;
let gangshanCase: { id: string; caseNo: string };
let qianquanCase: { id: string; caseNo: string };
let villageCase: { id: string; caseNo: string };

const ids = (body: { items: { id: string }[] }) => body.items.map((c) => c.id);

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-cases-queue-test-${process.pid}` } });
  await seedCaseCatalog(t);
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  qianquan = await new TestClient(t.app).loginStaff('qianquan.clerk');
  city = await new TestClient(t.app).loginStaff('admin');
  helper = await new TestClient(t.app).loginStaff('mengzhuang.helper');
  gangshanCase = await submitOk(clerk, windowBody());
  qianquanCase = await submitOk(qianquan, windowBody({ regionCode: QIANQUAN, applicant: { name: '欧阳明', idNumber: '370883194811204522', phone: '13800000003' } }));
  villageCase = await submitOk(helper, windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: await consentFor(t, helper) }));
});
afterAll(async () => {
  await t.close();
});

describe('work queue search and region filter', () => {
  it('finds a case by its full number or leading digits', async () => {
    const full = (await clerk.get(`/api/v1/cases?q=${gangshanCase.caseNo}`)).json();
    expect(ids(full)).toEqual([gangshanCase.id]);
    const prefix = (await clerk.get(`/api/v1/cases?q=${gangshanCase.caseNo.slice(0, 20)}&pageSize=100`)).json();
    expect(ids(prefix)).toContain(gangshanCase.id);
    expect(ids(prefix)).not.toContain(qianquanCase.id);
  });

  it('finds by part of the applicant name, never outside scope', async () => {
    const byName = (await city.get(`/api/v1/cases?q=${encodeURIComponent('欧阳')}`)).json();
    expect(ids(byName)).toEqual([qianquanCase.id]);
    // 钢山街道's clerk searching for 千泉街道's applicant or case number finds nothing.
    expect((await clerk.get(`/api/v1/cases?q=${encodeURIComponent('欧阳')}`)).json().total).toBe(0);
    expect((await clerk.get(`/api/v1/cases?q=${qianquanCase.caseNo}`)).json().total).toBe(0);
    // LIKE wildcards typed by a person are not wildcards.
    expect((await clerk.get(`/api/v1/cases?q=${encodeURIComponent('王%兰')}`)).json().total).toBe(0);
  });

  it('narrows to a region (received or handled there), and never widens the scope', async () => {
    const village = (await clerk.get(`/api/v1/cases?region=${MENGZHUANG}`)).json();
    expect(ids(village)).toEqual([villageCase.id]);
    const town = (await city.get(`/api/v1/cases?region=${GANGSHAN}&pageSize=100`)).json();
    expect(ids(town)).toEqual(expect.arrayContaining([gangshanCase.id, villageCase.id]));
    expect(ids(town)).not.toContain(qianquanCase.id);
    expect((await clerk.get(`/api/v1/cases?region=${QIANQUAN}`)).json().total).toBe(0);
    const unknown = await clerk.get('/api/v1/cases?region=370883999');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('REGION_NOT_FOUND');
    expect((await clerk.get(`/api/v1/cases?q=${'x'.repeat(51)}`)).statusCode).toBe(400);
  });
});

describe('status tab counts', () => {
  /** What the queue itself says for each tab. */
  async function queueTotals(client: TestClient) {
    const all = (await client.get('/api/v1/cases?pageSize=1')).json().total as number;
    const byStatus: Record<string, number> = {};
    for (const status of ['pending_review', 'pending_acceptance', 'correction', 'accepted', 'deciding', 'suspended', 'approved']) {
      byStatus[status] = (await client.get(`/api/v1/cases?status=${status}&pageSize=1`)).json().total;
    }
    return { all, byStatus };
  }

  it('gives every status at once, each equal to the queue filtered by it, within scope', async () => {
    await clerk.post(`/api/v1/cases/${gangshanCase.id}/actions/accept`, { opinion: '' });
    for (const client of [clerk, qianquan, city]) {
      const res = await client.get('/api/v1/cases/status-counts');
      expect(res.statusCode, res.body).toBe(200);
      const counts = res.json();
      const expected = await queueTotals(client);
      expect(counts.total).toBe(expected.all);
      for (const [status, n] of Object.entries(expected.byStatus)) expect(counts.byStatus[status], status).toBe(n);
      expect(Object.values(counts.byStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(counts.total);
    }
    // 钢山街道's clerk sees its own two (one accepted, the village's one waiting) and nothing of 千泉街道's
    expect((await clerk.get('/api/v1/cases/status-counts')).json()).toMatchObject({ total: 2, byStatus: { accepted: 1, pending_acceptance: 1 } });
    expect((await qianquan.get('/api/v1/cases/status-counts')).json()).toMatchObject({ total: 1, byStatus: { pending_acceptance: 1, accepted: 0 } });
  });

  it('is for staff who may see cases (like the queue itself)', async () => {
    expect((await helper.get('/api/v1/cases')).statusCode).toBe(403);
    expect((await helper.get('/api/v1/cases/status-counts')).statusCode).toBe(403);
    expect((await new TestClient(t.app).get('/api/v1/cases/status-counts')).statusCode).toBe(401);
    const citizen = await new TestClient(t.app).loginCitizen('13800000001');
    expect((await citizen.get('/api/v1/cases/status-counts')).statusCode).toBe(403);
  });
});
