/**
 * The demo 帮办代办 requests (seed/help-requests.ts) as seedDemoData makes them, around the demo
 * roster: one 待分派 (made before the roster), 刘桂芝's new, contacted and completed (rated) ones,
 * and a 优先 home visit with 孟庄社区's other helper; through the real service (history, audit),
 * none overdue when made, seeded once. The test clock: Friday 2026-11-27 10:00 China time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../platform/audit.js';
import { seedDemoHelpers } from '../modules/helpers/index.js';
import { helpRequestDetail, helpRequestList, helpStats } from '../modules/assistance/schemas.js';
import { createTestApp, TestClient, type TestApp } from '../testing.js';
import { startDemoHelpRequests } from './help-requests.js';

let t: TestApp;
let made: number;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  // as seedDemoData runs them: the first request, the roster, the rest
  const start = await startDemoHelpRequests(t.deps, t.services);
  await seedDemoHelpers(t.deps, t.services.catalog.publicCatalog, async (username) => (await t.services.staff.forSignIn(username))?.id ?? null);
  made = (await start?.afterRoster()) ?? 0;
  admin = await new TestClient(t.app).loginStaff('gangshan.admin');
});
afterAll(() => t.close());

const detail = async (client: TestClient, id: string) => helpRequestDetail.parse((await client.get(`/api/v1/help-requests/${id}`)).json());

describe('the demo help requests', () => {
  it('gives gangshan.admin five requests of 钢山街道 in every open state and a completed one, none overdue', async () => {
    expect(made).toBe(5);
    const list = helpRequestList.parse((await admin.get('/api/v1/help-requests?pageSize=100')).json());
    expect(list.total).toBe(5);
    expect(new Set(list.items.map((i) => i.townName))).toEqual(new Set(['钢山街道']));
    expect(list.items.map((i) => i.status).sort()).toEqual(['assigned', 'assigned', 'completed', 'contacted', 'unassigned']);
    expect(list.items.every((i) => !i.overdue && !i.escalated)).toBe(true);
    // nothing for the escalation job at start
    expect(await t.services.assistance.escalateOverdue(t.clock.now())).toEqual({ accept: 0, contact: 0 });
    // 优先 first in the queue
    expect(list.items[0]).toMatchObject({ priority: true, homeVisit: true, status: 'assigned', villageName: '孟庄社区', flags: [{ code: 'elderly', label: '老年人' }] });
    expect(list.items[0]!.helperName).not.toBe('刘桂芝');
  });

  it('has one 待分派 from a phone call, made before anyone covered its village', async () => {
    const list = helpRequestList.parse((await admin.get('/api/v1/help-requests?status=unassigned')).json());
    expect(list.items).toHaveLength(1);
    const one = await detail(admin, list.items[0]!.id);
    expect(one).toMatchObject({ channel: 'phone', villageName: '曾家沟村', helperId: null, subjectName: '颜廷秀', can: { assign: true, cancel: true } });
    expect(one.events.map((e) => e.action)).toEqual(['submit', 'assign']);
    expect(one.events[1]!.note).toContain('等待镇（街道）分派');
    // the village is covered now: the coordinator can give it to one of its helpers
    const covering = await t.services.helpers.coveringVillage('370883001201');
    expect(covering.length).toBeGreaterThan(0);
  });

  it("gives 刘桂芝 a new request by dispatch, a contacted one with progress and a completed, rated one", async () => {
    const liu = await new TestClient(t.app).loginStaff('mengzhuang.helper');
    const mine = helpRequestList.parse((await liu.get('/api/v1/help-requests?pageSize=100')).json());
    expect(mine.items.map((i) => i.status)).toEqual(['assigned', 'contacted', 'completed']);
    expect(mine.items.every((i) => i.helperName === '刘桂芝')).toBe(true);

    const [fresh, contacted, completed] = await Promise.all(mine.items.map((i) => detail(liu, i.id)));
    // dispatched to her, not handed over
    expect(fresh!.events.map((e) => e.action)).toEqual(['submit', 'assign']);
    expect(fresh!.can.accept).toBe(true);
    expect(new Date(fresh!.acceptDueAt).getTime()).toBeGreaterThan(t.clock.now().getTime());

    // dispatched to the other helper the day before, handed to her by gangshan.admin, then her steps
    expect(contacted!.events.map((e) => e.action)).toEqual(['submit', 'assign', 'assign', 'assign', 'accept', 'contact', 'contact', 'progress']);
    expect(contacted!.events[2]).toMatchObject({ actorName: '孔令军', note: '已改由帮办代办员 刘桂芝 负责' });
    expect(contacted!.events.filter((e) => e.internal).map((e) => e.action)).toEqual(['assign', 'contact']);
    expect(contacted!.createdAt < t.clock.now().toISOString()).toBe(true);
    expect(contacted!.nextDueAt).toBeNull();

    expect(completed).toMatchObject({ rating: 5, ratingComment: '刘大姐很耐心，跑一趟就办好了', contactMethod: 'phone' });
    expect(completed!.events.map((e) => e.action)).toEqual(['submit', 'assign', 'accept', 'contact', 'contact', 'progress', 'complete', 'rate']);
    expect(completed!.events.every((e, i, all) => i === 0 || all[i - 1]!.at <= e.at)).toBe(true);

    // the citizens follow their own
    const zhang = await new TestClient(t.app).loginCitizen('13800000001');
    expect(helpRequestList.parse((await zhang.get('/api/v1/help-requests/mine')).json()).total).toBe(2);
  });

  it("counts them in the month's figures, audits every step and is seeded once", async () => {
    const stats = helpStats.parse((await admin.get('/api/v1/help-requests/stats?town=370883001&month=2026-11')).json());
    expect(stats).toMatchObject({ total: 5, overdue: 0, escalated: 0, rated: 1, averageRating: 5 });
    expect(stats.byStatus).toMatchObject({ unassigned: 1, assigned: 2, accepted: 0, contacted: 1, completed: 1, cancelled: 0 });
    expect(stats.avgAcceptHours).not.toBeNull();
    expect(stats.helpers.find((h) => h.name === '刘桂芝')).toMatchObject({ total: 3, open: 2, completed: 1, averageRating: 5 });

    const audit = await t.deps.dbh.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'help_request').execute();
    const count = (action: string) => audit.filter((a) => a.action === action).length;
    expect([count('help_request.create'), count('help_request.assign'), count('help_request.accept'), count('help_request.complete'), count('help_request.rate')]).toEqual([5, 1, 2, 1, 1]);
    expect((await verifyAuditChain(t.deps.dbh.db)).ok).toBe(true);
    expect(await startDemoHelpRequests(t.deps, t.services)).toBeNull();
  });
});
