/**
 * 等我处理 (issue 12 §4): the work queue puts the cases waiting for the person asking first — those
 * where an action that moves the case on (shared/case-rules.ts AWAITED_ACTIONS) is theirs to take —
 * and `awaiting=true` keeps only those. The server answers it in SQL (cases/repo.ts), so pages and
 * totals are right; here it is checked, case by case and person by person, against the rule the
 * case page uses (the detail's allowedActions, from caseRoles), over the demo cases in every status
 * plus a 即办件 decided at the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWAITED_ACTIONS } from '../../../shared/case-rules.js';
import type { CaseActionName, CaseStatus } from '../../../shared/cases.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { actOk, seedAllDemoCases, submitOk } from './fixtures.js';

interface Item { id: string; status: CaseStatus; awaitsMe: boolean; dueDate: string | null; createdAt: string; greenChannel: boolean }

let t: TestApp;
const people: Record<string, TestClient> = {};
/** Staff who see the queue. */
const QUEUE_USERS = ['gangshan.clerk', 'gangshan.approver', 'qianquan.clerk', 'gangshan.admin', 'admin'] as const;

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  await seedAllDemoCases(t);
  for (const u of [...QUEUE_USERS, 'mengzhuang.helper']) people[u] = await new TestClient(t.app).loginStaff(u);
  // A 即办件 decided at the window (老年人优待证, decidedBy window_clerk), taken in and accepted: the
  // window staff decide it, so it waits for the clerk as well as for the approver.
  const clerk = people['gangshan.clerk']!;
  const guide = (await clerk.get('/api/v1/items/37200101100001?region=370883001')).json() as { materials: { id: string; necessityCode: string; conditional?: boolean }[] };
  const { id } = await submitOk(clerk, {
    itemCode: '37200101100001', regionCode: '370883001', intakeChannel: 'window', declaration: true,
    applicant: { name: '王桂兰', idNumber: '370883194811204522', phone: '13800000003', address: '邹城市钢山街道' },
    materials: guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional).map((m) => ({ materialId: m.id, source: 'paper', checkedOriginal: true, copies: 1 })),
    formData: { contactPhone: '13800000003' },
  });
  await actOk(clerk, id, 'accept', {});
});
afterAll(async () => {
  await t.close();
});

/** What the case page says: one of the actions that move the case on is among the person's allowed ones. */
async function waitsFor(client: TestClient, id: string): Promise<boolean> {
  const detail = (await client.get(`/api/v1/cases/${id}`)).json() as { status: CaseStatus; allowedActions: CaseActionName[] };
  const awaited: readonly CaseActionName[] = AWAITED_ACTIONS[detail.status];
  return detail.allowedActions.some((a) => awaited.includes(a));
}

const ids = (items: Item[]) => items.map((c) => c.id);

describe('等我处理', () => {
  it('is, for every person and every case, what the case page\'s allowed actions say', async () => {
    let waiting = 0;
    for (const u of QUEUE_USERS) {
      const client = people[u]!;
      const all = (await client.get('/api/v1/cases?pageSize=100')).json() as { total: number; items: Item[] };
      expect(all.items.length, u).toBe(all.total);
      const expected = new Set<string>();
      for (const c of all.items) if (await waitsFor(client, c.id)) expected.add(c.id);
      for (const c of all.items) expect(c.awaitsMe, `${u}: ${c.status} ${c.id}`).toBe(expected.has(c.id));
      const only = (await client.get('/api/v1/cases?awaiting=true&pageSize=100')).json() as { total: number; items: Item[] };
      expect(new Set(ids(only.items)), u).toEqual(expected);
      expect(only.total, u).toBe(expected.size);
      expect(only.items.every((c) => c.awaitsMe)).toBe(true);
      expect((await client.get('/api/v1/cases/status-counts')).json().awaiting, u).toBe(expected.size);
      waiting += expected.size;
    }
    expect(waiting).toBeGreaterThan(0);
  });

  it('waits on the clerk for the window\'s work (预审, 受理, 即办 decisions, 送达), not for the applicant\'s 补正 or the approver\'s decision', async () => {
    const clerk = people['gangshan.clerk']!;
    const statuses = ((await clerk.get('/api/v1/cases?awaiting=true&pageSize=100')).json().items as Item[]).map((c) => c.status);
    expect(statuses).toEqual(expect.arrayContaining(['pending_review', 'pending_acceptance', 'accepted', 'approved']));
    expect(statuses).not.toContain('correction');
    expect(statuses).not.toContain('suspended');
    expect(statuses).not.toContain('deciding');
    const approver = ((await people['gangshan.approver']!.get('/api/v1/cases?awaiting=true&pageSize=100')).json().items as Item[]).map((c) => c.status);
    expect(approver).toEqual(expect.arrayContaining(['accepted', 'deciding']));
    expect(approver).not.toContain('pending_review');
    // administrators take no step of a case: nothing waits for them, the queue is in plain urgency order
    for (const u of ['gangshan.admin', 'admin']) {
      expect((await people[u]!.get('/api/v1/cases?awaiting=true')).json().total, u).toBe(0);
      expect((await people[u]!.get('/api/v1/cases/status-counts')).json().awaiting, u).toBe(0);
    }
  });

  it('comes first in the queue, each part most urgent first (by due date, then the oldest), and pages cut across the two parts', async () => {
    for (const u of ['gangshan.clerk', 'gangshan.approver'] as const) {
      const client = people[u]!;
      const all = (await client.get('/api/v1/cases?pageSize=100')).json().items as Item[];
      const flags = all.map((c) => c.awaitsMe);
      const firstOther = flags.indexOf(false);
      expect(firstOther, u).toBeGreaterThan(0);
      expect(flags.slice(firstOther).every((f) => !f), `${u}: waiting cases first`).toBe(true);
      const waitingPart = all.slice(0, firstOther);
      // a new 待预审 case comes before cases in review that wait for someone else
      if (u === 'gangshan.clerk') {
        expect(waitingPart.map((c) => c.status)).toContain('pending_review');
        expect(all.findIndex((c) => c.status === 'pending_review')).toBeLessThan(all.findIndex((c) => c.status === 'correction'));
      }
      const open = (s: CaseStatus) => ['pending_review', 'pending_acceptance', 'correction', 'accepted', 'deciding', 'suspended'].includes(s);
      // 绿色通道 (the demo's 代办 for 王桂兰, 老年人) ahead of the other open cases
      const rank = (c: Item) => 2 + (open(c.status) ? 0 : 2) + (c.dueDate === null ? 1 : 0) - (open(c.status) && c.greenChannel ? 2 : 0);
      const key = (c: Item) => `${rank(c)}|${c.dueDate ?? ''}|${c.createdAt}|${c.id}`;
      for (const part of [waitingPart, all.slice(firstOther)]) expect(part.map(key), u).toEqual(part.map(key).sort());
      // the same order, two at a time
      const paged: string[] = [];
      for (let page = 1; page <= Math.ceil(all.length / 2); page++) {
        const res = (await client.get(`/api/v1/cases?pageSize=2&page=${page}`)).json() as { total: number; items: Item[] };
        expect(res.total).toBe(all.length);
        paged.push(...ids(res.items));
      }
      expect(paged, u).toEqual(ids(all));
      expect((await client.get(`/api/v1/cases?pageSize=2&page=${Math.ceil(all.length / 2) + 1}`)).json().items).toEqual([]);
    }
  });

  it('combines with the other filters, within scope', async () => {
    const clerk = people['gangshan.clerk']!;
    const pending = (await clerk.get('/api/v1/cases?awaiting=true&status=pending_review&pageSize=100')).json() as { total: number; items: Item[] };
    expect(pending.total).toBeGreaterThan(0);
    expect(pending.items.every((c) => c.status === 'pending_review' && c.awaitsMe)).toBe(true);
    expect((await clerk.get('/api/v1/cases?awaiting=true&status=correction')).json().total).toBe(0);
    // 千泉街道's clerk is waited for only in 千泉街道
    const qianquan = (await people['qianquan.clerk']!.get('/api/v1/cases?awaiting=true&pageSize=100')).json() as { items: Item[] };
    const gangshanIds = new Set(ids((await clerk.get('/api/v1/cases?pageSize=100')).json().items));
    expect(qianquan.items.some((c) => gangshanIds.has(c.id))).toBe(false);
    expect((await clerk.get('/api/v1/cases?awaiting=maybe')).statusCode).toBe(400);
  });
});
