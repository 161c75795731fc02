/**
 * The demo's 代办 case (seed/assisted-case.ts) as a demo server has it: after the demo cases and the
 * roster, 刘桂芝's application for 王桂兰 from a phone-call help request — accepted, a home visit,
 * her consent by SMS code — forwarded from 孟庄社区 to 钢山街道, 绿色通道 as she is 老年人. Made
 * through the real services, so its history and audit entries are the ones a person would leave.
 * The test clock: Friday 2026-11-27 10:00 China time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../platform/audit.js';
import { seedDemoHelpers } from '../modules/helpers/index.js';
import { helpRequestDetail } from '../modules/assistance/schemas.js';
import { createTestApp, TestClient, type TestApp } from '../testing.js';
import { seedDemoAssistedCase } from './assisted-case.js';
import { seedDemoCases } from './cases.js';

const GANGSHAN = '370883001';
const MENGZHUANG = '370883001004';

let t: TestApp;
let made: boolean;

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  await seedDemoCases(t.deps);
  await seedDemoHelpers(t.deps, t.services.catalog.publicCatalog, async (username) => (await t.services.staff.forSignIn(username))?.id ?? null);
  made = await seedDemoAssistedCase(t.deps, t.services);
});
afterAll(() => t.close());

describe('the demo 代办 case', () => {
  it('is 刘桂芝\'s application for 王桂兰, forwarded to 钢山街道 and waiting there, 绿色通道', async () => {
    expect(made).toBe(true);
    const rows = await t.deps.dbh.db.selectFrom('cases').selectAll().where('channel', '=', 'assist').execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      status: 'pending_acceptance', region_code: MENGZHUANG, handling_region_code: GANGSHAN, current_region_code: GANGSHAN,
      applicant_name: '王桂兰', agent_name: '刘桂芝', green_channel: 1, help_request_id: expect.any(String),
    });

    const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
    const detail = (await clerk.get(`/api/v1/cases/${row.id}`)).json();
    expect(detail).toMatchObject({ channel: 'assist', greenChannel: true, assistance: { helpRequestId: row.help_request_id, method: 'sms' } });
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'forward']);
    // it waits for the town's window, ahead of the ordinary cases waiting there
    const queue = (await clerk.get('/api/v1/cases?awaiting=true&pageSize=100')).json() as { items: { id: string; greenChannel: boolean }[] };
    expect(queue.items[0]).toMatchObject({ id: row.id, greenChannel: true });
    expect(queue.items.filter((c) => c.greenChannel)).toHaveLength(1);
  });

  it('comes from a contacted help request with her consent and the application in its history', async () => {
    const row = await t.deps.dbh.db.selectFrom('cases').select(['id', 'case_no', 'help_request_id']).where('channel', '=', 'assist').executeTakeFirstOrThrow();
    const liu = await new TestClient(t.app).loginStaff('mengzhuang.helper');
    const res = await liu.get(`/api/v1/help-requests/${row.help_request_id}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = helpRequestDetail.parse(res.json());
    expect(r).toMatchObject({ status: 'contacted', channel: 'phone', subjectName: '王桂兰', helperName: '刘桂芝', priority: true, contactMethod: 'visit', authorisation: null });
    expect(r.cases).toEqual([expect.objectContaining({ caseId: row.id, caseNo: row.case_no, authorisation: expect.objectContaining({ method: 'sms', caseNo: row.case_no }) })]);
    const actions = r.events.filter((e) => !e.internal).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['authorise', 'apply']);
    expect(actions).toContain('contact');
    expect(r.events.at(-1)!.note).toContain(row.case_no);
    expect(r.can.applyOnBehalf).toBe(false);

    const audit = await t.deps.dbh.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_id', 'in', [row.id, row.help_request_id!]).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['help_request.consent_code', 'help_request.authorise', 'case.submit', 'help_request.apply', 'case.forward']));
    expect((await verifyAuditChain(t.deps.dbh.db)).ok).toBe(true);
  });
});
