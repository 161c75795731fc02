/**
 * Issue 12 §2: the applicant (their case at /my/cases/:id and 我的办件) and the public (办件查询)
 * see plain milestones — each once, ending with the outcome — and staff only as the public office,
 * never a person's name or login; staff views keep every event with who took it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { actOk, MENGZHUANG, onlineBody, seedCaseCatalog, signInCast, submitOk, VILLAGE_ITEM, windowBody, consentFor } from './fixtures.js';

/** The demo staff the cases pass through, by name and by login (seed/demo.ts). */
const STAFF = ['孟晓燕', 'gangshan.clerk', '曾庆海', 'gangshan.approver', '刘桂芝', 'mengzhuang.helper'];
const GANGSHAN_OFFICE = '钢山街道为民服务中心';

let t: TestApp;
let cast: Awaited<ReturnType<typeof signInCast>>;
let wang: TestClient; // 王桂兰, 13800000003: the applicant of windowBody's walk-in cases
beforeAll(async () => {
  t = await createTestApp();
  await seedCaseCatalog(t);
  cast = await signInCast(t);
  wang = await new TestClient(t.app).loginCitizen('13800000003');
});
afterAll(async () => {
  await t.close();
});

interface ShownEvent { actionLabel: string; actorName: string | null; onBehalfOf: string | null; office: string | null; opinion: string }

const track = async (caseNo: string, phone: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/track?caseNo=${caseNo}&phone=${phone}` });
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

const expectNoStaff = (body: string) => {
  for (const s of STAFF) expect(body, `mentions ${s}`).not.toContain(s);
};

const expectOnceEach = (labels: string[]) => expect(new Set(labels).size).toBe(labels.length);

describe('what the applicant and the public see of a case', () => {
  it('accept → review passed → decided (准予): the milestones once each, ending with the decision; no staff names', async () => {
    const { citizen, clerk, approver, fileId } = cast;
    const { id, caseNo } = await submitOk(citizen, onlineBody(fileId));
    await actOk(clerk, id, 'accept', { opinion: '材料齐全，予以受理' });
    await actOk(approver, id, 'approve', { opinion: '经审查，符合条件' });
    await actOk(approver, id, 'approve', { opinion: '准予', resultNote: '低保证编号 DB2026-0001' });
    const milestones = ['已提交', '已受理', '决定准予（已办结）'];

    // The applicant's own case.
    const res = await citizen.get(`/api/v1/cases/${id}`);
    expect(res.statusCode).toBe(200);
    expectNoStaff(res.body);
    expect(res.body).not.toContain('审查通过');
    const detail = res.json();
    expect(detail).toMatchObject({ status: 'approved', statusLabel: '已办结（准予）', result: 'approved', resultNote: '低保证编号 DB2026-0001' });
    const events = detail.events as ShownEvent[];
    expect(events.map((e) => e.actionLabel)).toEqual(milestones);
    expectOnceEach(events.map((e) => e.actionLabel));
    expect(events[0]).toMatchObject({ actorName: '申请人', office: null, onBehalfOf: null });
    expect(events[1]).toMatchObject({ actorName: null, office: GANGSHAN_OFFICE, onBehalfOf: null, opinion: '' });
    // the decision's opinion is the applicant's to know; the review's, inside the office, is not
    expect(events[2]).toMatchObject({ actorName: null, office: GANGSHAN_OFFICE, opinion: '准予' });
    expect(res.body).not.toContain('经审查，符合条件');

    // 我的办件: the same words.
    const mine = await citizen.get('/api/v1/cases/mine?pageSize=100');
    expectNoStaff(mine.body);
    const listed = mine.json().items.find((c: { caseNo: string }) => c.caseNo === caseNo);
    expect(listed.statusLabel).toBe('已办结（准予）');
    expect(listed.events.map((e: ShownEvent) => e.actionLabel)).toEqual(milestones);

    // 办件查询: exactly the contract's fields, the milestones once each, ending with the outcome.
    const tracked = await track(caseNo, '13800000002');
    expectNoStaff(tracked.body);
    expect(tracked.json()).toEqual({
      caseNo, itemName: '城乡居民最低生活保障（新办）', status: '已办结（准予）', dueDate: expect.any(String),
      events: milestones.map((action) => ({ at: expect.any(String), action })),
    });

    // Staff see the case as recorded: both approvals and who took each step.
    const staffView = (await clerk.get(`/api/v1/cases/${id}`)).json();
    expect(staffView.statusLabel).toBe('已办结（准予）');
    expect(staffView.events.map((e: ShownEvent) => e.actionLabel)).toEqual(['提交申请', '受理', '审查通过', '审查通过']);
    expect(staffView.events.map((e: ShownEvent) => e.actorName)).toEqual(['申请人', '孟晓燕(gangshan.clerk)', '曾庆海(gangshan.approver)', '曾庆海(gangshan.approver)']);

    // Delivered: the outcome stays in the status.
    await actOk(clerk, id, 'deliver', { method: 'electronic' });
    const after = await track(caseNo, '13800000002');
    expect(after.json()).toMatchObject({ status: '已送达（准予）', events: [...milestones, '已送达（电子送达）'].map((action) => ({ action })) });
  });

  it('a walk-in taken at the window, corrected and refused: the office, never the clerk; the reasons owed; the outcome in the words of the item\'s type', async () => {
    const { clerk, approver } = cast;
    const { id, caseNo } = await submitOk(clerk, windowBody());
    await actOk(clerk, id, 'request-correction', { opinion: '请补齐', items: [{ materialId: 'm1', reason: '申请书未签字' }] });
    await actOk(clerk, id, 'resubmit', { materials: [{ materialId: 'm1', source: 'paper', checkedOriginal: true, copies: 1 }] });
    await actOk(clerk, id, 'accept');
    await actOk(approver, id, 'approve', { opinion: '家庭收入需核实' });
    await actOk(approver, id, 'deny', { reason: '家庭人均收入高于当地低保标准' });
    // The test item is a 公共服务 (type 20): its refusal is 不予办理, not 不予许可 (decisionWords).
    const milestones = ['已提交', '需补正', '已补正', '已受理', '决定不予办理（已办结）'];

    const res = await wang.get(`/api/v1/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expectNoStaff(res.body);
    const detail = res.json();
    expect(detail).toMatchObject({ channel: 'window', agentName: GANGSHAN_OFFICE, statusLabel: '已办结（不予办理）', itemType: '20' });
    const events = detail.events as ShownEvent[];
    expect(events.map((e) => e.actionLabel)).toEqual(milestones);
    // staff acted at the window, on the applicant's behalf for the 补正: the office only, no on-behalf note
    expect(events.every((e) => e.office === GANGSHAN_OFFICE && e.actorName === null && e.onBehalfOf === null)).toBe(true);
    expect(events[1]!.opinion).toBe('请补齐');
    expect(events.at(-1)!.opinion).toBe('家庭人均收入高于当地低保标准');

    const tracked = await track(caseNo, '13800000003');
    expectNoStaff(tracked.body);
    expect(tracked.json()).toMatchObject({ status: '已办结（不予办理）', events: milestones.map((action) => ({ action })) });
  });

  it('a helper takes it in at the village, which forwards it to the town: both offices, no helper', async () => {
    const { helper, clerk } = cast;
    const { id, caseNo } = await submitOk(helper, windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: await consentFor(t, helper), formData: {} }));
    await actOk(helper, id, 'forward', { opinion: '材料齐全，转报镇街' });
    await actOk(clerk, id, 'accept');

    const res = await wang.get(`/api/v1/cases/${id}`);
    expectNoStaff(res.body);
    const detail = res.json();
    expect(detail.agentName).toBe('孟庄社区便民服务站');
    expect((detail.events as ShownEvent[]).map((e) => [e.actionLabel, e.office])).toEqual([
      ['已提交', '孟庄社区便民服务站'],
      [`已转报${GANGSHAN_OFFICE}办理`, '孟庄社区便民服务站'],
      ['已受理', GANGSHAN_OFFICE],
    ]);
    const tracked = await track(caseNo, '13800000003');
    expectNoStaff(tracked.body);
    expect(tracked.json()).toMatchObject({ status: '已受理，正在办理', events: ['已提交', `已转报${GANGSHAN_OFFICE}办理`, '已受理'].map((action) => ({ action })) });
  });
});
