/**
 * The workflow table, exercised through the API: every allowed (action, from-status) pair succeeds
 * and lands in the right status; every other pair is refused with 409 CASE_WRONG_STATE and writes
 * nothing. Cases are driven to each status by the real actions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_ACTION_NAMES, CASE_STATUS_CODES, CASE_TRANSITIONS, transitionFor, type CaseActionName, type CaseActorRole, type CaseStatus,
} from '../../../shared/cases.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { act, actOk, countRows, MENGZHUANG, onlineBody, QIANQUAN, seedCaseCatalog, submitOk, uploadId, VILLAGE_ITEM, windowBody } from './fixtures.js';

let t: TestApp;
let citizen: TestClient;
let clerk: TestClient;
let approver: TestClient;
let fileId: string;
beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-cases-test-${process.pid}` } });
  await seedCaseCatalog(t);
  citizen = await new TestClient(t.app).loginCitizen('13800000002');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  approver = await new TestClient(t.app).loginStaff('gangshan.approver');
  fileId = await uploadId(t, citizen);
});
afterAll(async () => {
  await t.close();
});

const clientFor = (role: CaseActorRole) => (role === 'applicant' ? citizen : role === 'decider' ? approver : clerk);

/** A valid body for each action (the actor is chosen from the transition's roles). */
const bodyFor = (action: CaseActionName): Record<string, unknown> => ({
  accept: {},
  'request-correction': { items: [{ materialId: 'm1', reason: '申请书未签名' }] },
  resubmit: { materials: [{ materialId: 'm1', source: 'upload', fileId }] },
  refuse: { reason: '不属于本机关职权范围' },
  approve: { opinion: '同意' },
  deny: { reason: '家庭收入高于保障标准' },
  return: { reason: '入户调查记录不完整，退回重新审查' },
  transfer: { toRegionCode: QIANQUAN, reason: '申请人户籍在千泉街道' },
  extend: { days: 5, reason: '需补充调查' },
  pause: { procedure: '入户调查公示', reason: '公示期 7 天不计入时限' },
  resume: {},
  withdraw: { reason: '申请人书面申请撤回' },
  terminate: { reason: '申请人死亡，终止办理' },
  forward: {},
  deliver: { method: 'pickup' },
})[action];

/** How to reach each status from an online application (pending_review). */
const PATHS: Record<CaseStatus, [CaseActionName, CaseActorRole][]> = {
  pending_review: [],
  pending_acceptance: [],
  correction: [['request-correction', 'receiver']],
  accepted: [['accept', 'handler_intake']],
  deciding: [['accept', 'handler_intake'], ['approve', 'decider']],
  suspended: [['accept', 'handler_intake'], ['pause', 'decider']],
  approved: [['accept', 'handler_intake'], ['approve', 'decider'], ['approve', 'decider']],
  denied: [['accept', 'handler_intake'], ['approve', 'decider'], ['deny', 'decider']],
  delivered: [['accept', 'handler_intake'], ['approve', 'decider'], ['approve', 'decider'], ['deliver', 'handler_intake']],
  refused: [['refuse', 'handler_intake']],
  withdrawn: [['withdraw', 'applicant']],
  terminated: [['accept', 'handler_intake'], ['terminate', 'decider']],
};

/**
 * A case in `status`: pending_acceptance is a walk-in taken in at the window (no citizen account
 * behind it); the rest start as a citizen's online application. With `village`, the case is for
 * the village item, still at 孟庄社区, which collects for 钢山街道.
 */
async function caseIn(status: CaseStatus, opts: { village?: boolean } = {}): Promise<string> {
  const village = { itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG };
  const { id } = status === 'pending_acceptance'
    ? await submitOk(clerk, opts.village ? windowBody(village) : windowBody())
    : await submitOk(citizen, opts.village ? onlineBody(fileId, village) : onlineBody(fileId));
  for (const [action, role] of PATHS[status]) await actOk(clientFor(role), id, action, bodyFor(action));
  const d = (await clerk.get(`/api/v1/cases/${id}`)).json();
  expect(d.status).toBe(status);
  return id;
}

/** Window cases have no citizen account: the staff alternative acts for the applicant there. */
const roleFor = (by: readonly CaseActorRole[], from: CaseStatus) => (from === 'pending_acceptance' ? by.find((r) => r !== 'applicant')! : by[0]!);
const allowed = CASE_TRANSITIONS.flatMap((tr) => tr.from.map((from) => ({ action: tr.action, from, to: tr.to, role: roleFor(tr.by, from) })));
const forbidden = CASE_STATUS_CODES.flatMap((from) => CASE_ACTION_NAMES.filter((action) => !transitionFor(action, from)).map((action) => ({ action, from })));

describe('the transition table', () => {
  it('covers every action and status', () => {
    expect(new Set(allowed.map((a) => a.action))).toEqual(new Set(CASE_ACTION_NAMES));
    expect(allowed.length + forbidden.length).toBe(CASE_STATUS_CODES.length * CASE_ACTION_NAMES.length);
  });
});

describe.each(allowed)('allowed: $action from $from', ({ action, from, to, role }) => {
  it(`by ${role} → ${to}`, async () => {
    // forward needs a case still at the collecting village
    const id = await caseIn(from, { village: action === 'forward' });
    const before = (await clerk.get(`/api/v1/cases/${id}`)).json();
    const expected = to === 'previous' ? before.events.at(-1).fromStatus : to === 'same' ? from : to;
    const d = await actOk(clientFor(role), id, action, { ...bodyFor(action), version: before.version });
    expect(d.status).toBe(expected);
    expect(d.version).toBe(before.version + 1);
    expect(d.events.at(-1)).toMatchObject({ action, fromStatus: from, toStatus: expected });
  });
});

describe('forbidden transitions', () => {
  const statuses = [...new Set(forbidden.map((f) => f.from))];
  it.each(statuses)('from %s: every action the table does not allow → 409 CASE_WRONG_STATE, nothing written', async (from) => {
    const id = await caseIn(from);
    const before = await countRows(t);
    for (const { action } of forbidden.filter((f) => f.from === from)) {
      const role = roleFor(CASE_TRANSITIONS.find((tr) => tr.action === action)!.by, 'pending_acceptance');
      const res = await act(clientFor(role), id, action, bodyFor(action));
      expect(res.statusCode, `${action} from ${from}: ${res.body}`).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CASE_WRONG_STATE', details: { status: from } });
    }
    expect(await countRows(t)).toEqual(before);
    expect((await clerk.get(`/api/v1/cases/${id}`)).json().status).toBe(from);
  });
});

describe('guards inside allowed transitions', () => {
  it('forward is refused for a case the receiving town decides itself', async () => {
    const id = await caseIn('pending_review');
    const res = await act(clerk, id, 'forward');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CASE_NOT_COLLECT_ONLY');
  });

  it('a case is extended once only', async () => {
    const id = await caseIn('accepted');
    await actOk(approver, id, 'extend', bodyFor('extend'));
    const again = await act(approver, id, 'extend', bodyFor('extend'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CASE_ALREADY_EXTENDED');
  });

  it('a staff withdrawal on the applicant\'s behalf needs the reason', async () => {
    const id = await caseIn('accepted');
    expect((await act(clerk, id, 'withdraw', {})).statusCode).toBe(400);
    const d = await actOk(clerk, id, 'withdraw', { reason: '申请人书面申请撤回' });
    expect(d.events.at(-1)).toMatchObject({ onBehalfOf: '申请人 李**', channel: 'window' });
  });
});
