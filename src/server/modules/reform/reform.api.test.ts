/**
 * 改革任务 over HTTP: the city creates and decomposes tasks (lead region, deadline not after the
 * parent's), the lead town reports progress with evidence files (checked by their bytes), 100 %
 * asks for acceptance, the city returns it with a reason or accepts it; a parent summarises its
 * sub-tasks; 超期 and 临期 at fixed clock dates in working days; the summary by lead unit, the
 * worst first; 督办 as a site message; scope (a town admin sees and reports only their town's tasks);
 * bad input is a 400 with a code, a stale version a 409, and every change is audited.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { chinaTenAm, GANGSHAN, MENGZHUANG, PDF, QIANQUAN, setClock } from '../cases/fixtures.js';

let t: TestApp;
let city: TestClient, gangshan: TestClient, qianquan: TestClient, clerk: TestClient;

/** 千泉街道's administrator: the demo has none, so one is made like the demo's (same password). */
async function addQianquanAdmin(): Promise<void> {
  const db = t.deps.dbh.db;
  const model = await db.selectFrom('staff_users').selectAll().where('username', '=', 'gangshan.admin').executeTakeFirstOrThrow();
  const id = newId();
  await db.insertInto('staff_users').values({ ...model, id, username: 'qianquan.admin', name: '颜廷军', phone_enc: null, phone_hash: null, home_region_code: QIANQUAN }).execute();
  await db.insertInto('role_grants').values({ id: newId(), user_id: id, role: 'town_admin', region_code: QIANQUAN, created_at: model.created_at, created_by: null }).execute();
}

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-reform-test-${process.pid}`, staffIdleMinutes: 100_000 } });
  await addQianquanAdmin();
  // everyone signs in at the latest instant the tests reach, so sessions hold while the clock moves back
  setClock(t, chinaTenAm('2026-12-31'));
  city = await new TestClient(t.app).loginStaff('admin');
  gangshan = await new TestClient(t.app).loginStaff('gangshan.admin');
  qianquan = await new TestClient(t.app).loginStaff('qianquan.admin');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  // Tuesday 2026-12-01: five working days later is Tuesday 2026-12-08
  setClock(t, chinaTenAm('2026-12-01'));
});
afterAll(async () => {
  await t.close();
});

const SOURCE = '《邹城市镇街村居便民服务体系建设实施方案》三、（二）';

function multipart(fileName: string, data: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----reform${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function uploadEvidence(client: TestClient, taskId: string, fileName: string, data: Buffer = PDF): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipart(fileName, data);
  const cookies = client['cookies'] as Map<string, string>;
  return t.app.inject({
    method: 'POST', url: `/api/v1/reform-tasks/${taskId}/evidence`, payload: body,
    headers: { 'content-type': contentType, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.get('bm_csrf') ?? '' },
  });
}

const taskBody = (over: Record<string, unknown> = {}) => ({
  title: '推行政务服务事项标准化', requirement: '梳理镇街、村居两级政务服务事项，统一编制并公布办事指南。', source: SOURCE,
  leadUnit: '市行政审批服务局', leadRegion: '370883', cooperating: ['市大数据中心'], deadline: '2026-12-31', ...over,
});

async function created(client: TestClient, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/reform-tasks', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function report(client: TestClient, id: string, over: Record<string, unknown> = {}) {
  const version = (await client.get(`/api/v1/reform-tasks/${id}`)).json().version;
  return client.post(`/api/v1/reform-tasks/${id}/reports`, { reportedOn: '2026-12-01', percent: 40, done: '已完成事项梳理', problems: '', nextSteps: '编制办事指南', evidence: [], version, ...over });
}

const auditCount = async (action: string) => Number((await t.deps.dbh.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

describe('tasks: create, decompose, edit', () => {
  it('the city creates a task and decomposes it to two towns; a sub-task cannot end after its parent', async () => {
    const top = await created(city, taskBody());
    expect(top).toMatchObject({ depth: 1, status: 'not_started', statusLabel: '未开始', progress: 0, leadRegion: { code: '370883', name: '邹城市' }, cooperating: ['市大数据中心'], source: SOURCE });
    expect(top.actions).toEqual(expect.arrayContaining(['edit', 'decompose', 'remind']));
    expect(top.actions).not.toContain('accept');

    const late = await city.post('/api/v1/reform-tasks', taskBody({ parentId: top.id, title: '钢山街道办事指南公布', leadUnit: '钢山街道便民服务中心', leadRegion: GANGSHAN, deadline: '2027-01-15' }));
    expect(late.statusCode).toBe(400);
    expect(late.json().error).toMatchObject({ code: 'REFORM_DEADLINE_AFTER_PARENT', details: [{ field: 'deadline' }] });

    const sub = await created(city, taskBody({ parentId: top.id, title: '钢山街道办事指南公布', leadUnit: '钢山街道便民服务中心', leadRegion: GANGSHAN, deadline: '2026-12-20' }));
    expect(sub).toMatchObject({ depth: 2, parentId: top.id, path: [top.title], ancestors: [{ id: top.id, visible: true }] });
    const parent = (await city.get(`/api/v1/reform-tasks/${top.id}`)).json();
    expect(parent.children.map((c: { title: string }) => c.title)).toEqual(['钢山街道办事指南公布']);
    // nor can a parent end before its sub-tasks
    const early = await city.patch(`/api/v1/reform-tasks/${top.id}`, { ...taskBody({ deadline: '2026-12-10' }), version: parent.version });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'REFORM_DEADLINE_BEFORE_SUBTASKS', message: expect.stringContaining('2026-12-20') });
    expect(await auditCount('reform.create')).toBeGreaterThanOrEqual(1);
    expect(await auditCount('reform.decompose')).toBeGreaterThanOrEqual(1);
  });

  it('bad input is a clear 400 with a code, and writes nothing', async () => {
    const before = Number((await t.deps.dbh.db.selectFrom('reform_tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const format = await city.post('/api/v1/reform-tasks', taskBody({ deadline: '2026/12/31' }));
    expect(format.statusCode).toBe(400);
    expect(format.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'deadline', message: '完成时限格式应为 YYYY-MM-DD' }] });
    expect((await city.post('/api/v1/reform-tasks', taskBody({ deadline: '2026-02-30' }))).json().error.code).toBe('REFORM_DEADLINE_INVALID');
    expect((await city.post('/api/v1/reform-tasks', taskBody({ deadline: '2026-13-01' }))).json().error.code).toBe('REFORM_DEADLINE_INVALID');
    expect((await city.post('/api/v1/reform-tasks', taskBody({ leadRegion: MENGZHUANG }))).json().error.code).toBe('REFORM_LEAD_REGION_INVALID');
    expect((await city.post('/api/v1/reform-tasks', taskBody({ leadRegion: '370883999' }))).json().error.code).toBe('REGION_NOT_FOUND');
    expect((await city.post('/api/v1/reform-tasks', taskBody({ title: '' }))).statusCode).toBe(400);
    expect((await city.post('/api/v1/reform-tasks', taskBody({ parentId: '01900000-0000-7000-8000-000000000000' }))).json().error.code).toBe('REFORM_TASK_NOT_FOUND');
    const after = Number((await t.deps.dbh.db.selectFrom('reform_tasks').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
    // a town administrator and a window clerk may not create tasks (the gate)
    expect((await gangshan.post('/api/v1/reform-tasks', taskBody({ leadRegion: GANGSHAN }))).statusCode).toBe(403);
    expect((await clerk.get('/api/v1/reform-tasks')).statusCode).toBe(403);
  });

  it('editing needs the current version (409 when stale) and is audited', async () => {
    const task = await created(city, taskBody({ title: '便民服务中心标准化建设', deadline: '2026-12-25' }));
    const edit = { ...taskBody({ title: '便民服务中心（站）标准化建设', deadline: '2026-12-28' }), version: task.version };
    const ok = await city.patch(`/api/v1/reform-tasks/${task.id}`, edit);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: '便民服务中心（站）标准化建设', deadline: '2026-12-28', version: task.version + 1 });
    const stale = await city.patch(`/api/v1/reform-tasks/${task.id}`, { ...edit, title: '又改一次' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('REFORM_TASK_CHANGED');
    expect(await auditCount('reform.edit')).toBe(1);
    expect(ok.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(['edit', 'create']);
  });
});

describe('reports, evidence, acceptance', () => {
  let top: { id: string; title: string }, gs: { id: string }, qq: { id: string };

  beforeAll(async () => {
    setClock(t, chinaTenAm('2026-12-01'));
    top = await created(city, taskBody({ title: '推进帮办代办队伍建设', deadline: '2026-12-30' }));
    gs = await created(city, taskBody({ parentId: top.id, title: '钢山街道组建帮办代办队伍', leadUnit: '钢山街道便民服务中心', leadRegion: GANGSHAN, deadline: '2026-12-18' }));
    qq = await created(city, taskBody({ parentId: top.id, title: '千泉街道组建帮办代办队伍', leadUnit: '千泉街道便民服务中心', leadRegion: QIANQUAN, deadline: '2026-12-18' }));
  });

  it('a town admin sees only their town\'s tasks (with the parents\' titles), and cannot open or report another town\'s', async () => {
    const list = (await gangshan.get('/api/v1/reform-tasks')).json();
    expect(list.canManage).toBe(false);
    expect(list.items.every((i: { leadRegion: { code: string } }) => i.leadRegion.code === GANGSHAN)).toBe(true);
    expect(list.items.find((i: { id: string }) => i.id === gs.id)).toMatchObject({ path: ['推进帮办代办队伍建设'] });
    expect(list.items.find((i: { id: string }) => i.id === qq.id)).toBeUndefined();
    expect(list.summary.every((s: { leadRegion: { code: string } }) => s.leadRegion.code === GANGSHAN)).toBe(true);
    expect((await gangshan.get(`/api/v1/reform-tasks/${qq.id}`)).statusCode).toBe(404);
    expect((await gangshan.get(`/api/v1/reform-tasks/${top.id}`)).statusCode).toBe(404);
    const detail = (await gangshan.get(`/api/v1/reform-tasks/${gs.id}`)).json();
    expect(detail.ancestors).toEqual([{ id: top.id, title: '推进帮办代办队伍建设', visible: false }]);
    expect(detail.actions).toEqual(['report']);
    expect((await gangshan.post(`/api/v1/reform-tasks/${qq.id}/reports`, { reportedOn: '2026-12-01', percent: 10, done: '开展摸底', evidence: [], version: 1 })).statusCode).toBe(404);
    expect((await uploadEvidence(gangshan, qq.id, '名单.pdf')).statusCode).toBe(404);
    // nor accept, return or remind: the city's (the gate)
    expect((await gangshan.post(`/api/v1/reform-tasks/${gs.id}/accept`, { version: 1 })).statusCode).toBe(403);
    // the city sees everything
    const all = (await city.get('/api/v1/reform-tasks')).json();
    expect(all.canManage).toBe(true);
    expect(all.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([top.id, gs.id, qq.id]));
  });

  it('evidence is checked by its bytes; a report names it; the task\'s viewers download it, others get 404', async () => {
    const wrong = await uploadEvidence(gangshan, gs.id, '名单.pdf', Buffer.from('这不是 PDF，只是一段文字'));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('REFORM_EVIDENCE_TYPE');
    const exe = await uploadEvidence(gangshan, gs.id, '工具.exe', Buffer.from('MZ\x90\x00\x03\x00'));
    expect(exe.json().error.code).toBe('REFORM_EVIDENCE_TYPE');
    const pdf = await uploadEvidence(gangshan, gs.id, '帮办代办员名单.pdf');
    expect(pdf.statusCode, pdf.body).toBe(201);
    const png = await uploadEvidence(gangshan, gs.id, '培训现场.png', Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a00000000049454e44ae426082', 'hex'));
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ name: '培训现场.png', mime: 'image/png' });
    expect((await gangshan.get(`/api/v1/reform-tasks/${gs.id}`)).json().pendingEvidence).toHaveLength(2);

    // bad reports: percent out of range, a date that is no date or in the future, someone else's file
    expect((await report(gangshan, gs.id, { percent: 120 })).json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'percent', message: '完成进度应为 0 到 100 的整数' }] });
    expect((await report(gangshan, gs.id, { percent: 50.5 })).statusCode).toBe(400);
    expect((await report(gangshan, gs.id, { reportedOn: '2026-13-01' })).json().error.code).toBe('REFORM_REPORT_DATE_INVALID');
    expect((await report(gangshan, gs.id, { reportedOn: '2026-12-02' })).json().error.code).toBe('REFORM_REPORT_DATE_INVALID');
    expect((await report(gangshan, gs.id, { evidence: [newId()] })).json().error.code).toBe('REFORM_EVIDENCE_UNKNOWN');
    expect((await report(city, gs.id, { evidence: [pdf.json().id] })).json().error.code).toBe('REFORM_EVIDENCE_UNKNOWN');
    expect((await report(gangshan, gs.id, { version: 99 })).json().error.code).toBe('REFORM_TASK_CHANGED');

    const ok = await report(gangshan, gs.id, { percent: 40, evidence: [pdf.json().id, png.json().id], problems: '部分村居人员不足' });
    expect(ok.statusCode, ok.body).toBe(200);
    const task = ok.json();
    expect(task).toMatchObject({ status: 'in_progress', progress: 40, lastReportOn: '2026-12-01', pendingEvidence: [] });
    expect(task.timeline[0]).toMatchObject({ kind: 'report', kindLabel: '进展填报', percent: 40, done: '已完成事项梳理', problems: '部分村居人员不足', by: '孔令军' });
    expect(task.timeline[0].evidence.map((e: { name: string }) => e.name)).toEqual(['帮办代办员名单.pdf', '培训现场.png']);
    // the same file cannot be named twice
    expect((await report(gangshan, gs.id, { evidence: [pdf.json().id] })).json().error.code).toBe('REFORM_EVIDENCE_UNKNOWN');

    const url = task.timeline[0].evidence[0].url;
    expect((await gangshan.get(url)).statusCode).toBe(200);
    const byCity = await city.get(url);
    expect(byCity.statusCode).toBe(200);
    expect(byCity.rawPayload.equals(PDF)).toBe(true);
    expect((await qianquan.get(url)).statusCode).toBe(404);
    expect((await clerk.get(url)).statusCode).toBe(404);

    // the parent summarises: one sub-task at 40 %, one not started
    const parent = (await city.get(`/api/v1/reform-tasks/${top.id}`)).json();
    expect(parent).toMatchObject({ status: 'in_progress', progress: 20, subtasks: 2 });
    expect(parent.actions).not.toContain('report');
    expect((await city.post(`/api/v1/reform-tasks/${top.id}/reports`, { reportedOn: '2026-12-01', percent: 10, done: '汇总', evidence: [], version: parent.version })).json().error.code).toBe('REFORM_TASK_HAS_SUBTASKS');
    expect(await auditCount('reform.evidence_upload')).toBe(2);
    expect(await auditCount('reform.report')).toBe(1);
  });

  it('100 % asks for acceptance; the city returns it with a reason, then accepts it; the parent follows', async () => {
    const submitted = await report(gangshan, gs.id, { percent: 100, done: '帮办代办队伍已组建，覆盖全部村居' });
    expect(submitted.json()).toMatchObject({ status: 'awaiting', statusLabel: '待验收', progress: 100, actions: [] });
    expect((await report(gangshan, gs.id, { percent: 90 })).json().error.code).toBe('REFORM_TASK_WRONG_STATUS');
    const v = submitted.json().version;
    expect((await city.post(`/api/v1/reform-tasks/${gs.id}/return`, { reason: '短', version: v })).statusCode).toBe(400);
    const returned = await city.post(`/api/v1/reform-tasks/${gs.id}/return`, { reason: '缺少队伍人员培训记录，请补充', version: v });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'in_progress', returnedReason: '缺少队伍人员培训记录，请补充' });
    expect(returned.json().timeline[0]).toMatchObject({ kind: 'return', note: '缺少队伍人员培训记录，请补充', by: '周文华' });
    // accepting a task that is not awaiting, or with a stale version
    expect((await city.post(`/api/v1/reform-tasks/${gs.id}/accept`, { version: returned.json().version })).json().error.code).toBe('REFORM_TASK_WRONG_STATUS');
    expect((await city.post(`/api/v1/reform-tasks/${gs.id}/accept`, { version: v })).json().error.code).toBe('REFORM_TASK_CHANGED');

    const again = await report(gangshan, gs.id, { percent: 100, done: '已补充培训记录' });
    expect(again.json()).toMatchObject({ status: 'awaiting', returnedReason: null });
    const parentAwaiting = (await city.get(`/api/v1/reform-tasks/${top.id}`)).json();
    expect(parentAwaiting).toMatchObject({ status: 'in_progress', progress: 50 });
    const accepted = await city.post(`/api/v1/reform-tasks/${gs.id}/accept`, { note: '材料齐全', version: again.json().version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'done', statusLabel: '已完成', acceptedBy: '周文华', acceptedAt: '2026-12-01T02:00:00.000Z', actions: ['edit'] });
    expect(await auditCount('reform.submit')).toBe(2);
    expect(await auditCount('reform.return')).toBe(1);
    expect(await auditCount('reform.accept')).toBe(1);
    const row = await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('action', '=', 'reform.accept').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ entity_type: 'reform_task', entity_id: gs.id, region_code: GANGSHAN });

    // the other town reports done too and is accepted: the parent is 已完成
    const q = await report(qianquan, qq.id, { percent: 100, done: '队伍已组建' });
    expect(q.statusCode, q.body).toBe(200);
    await city.post(`/api/v1/reform-tasks/${qq.id}/accept`, { version: q.json().version });
    expect((await city.get(`/api/v1/reform-tasks/${top.id}`)).json()).toMatchObject({ status: 'done', progress: 100, overdue: false });
  });
});

describe('flags and the summary', () => {
  it('临期 within 5 working days, 超期 after the deadline, in working days at fixed dates; the worst lead first', async () => {
    setClock(t, chinaTenAm('2026-12-01'));
    const soon = await created(city, taskBody({ title: '服务地图上线（钢山）', leadUnit: '钢山街道党政办', leadRegion: GANGSHAN, deadline: '2026-12-08' }));
    const notYet = await created(city, taskBody({ title: '适老化改造（钢山）', leadUnit: '钢山街道党政办', leadRegion: GANGSHAN, deadline: '2026-12-09' }));
    const other = await created(city, taskBody({ title: '好差评全覆盖（千泉）', leadUnit: '千泉街道党政办', leadRegion: QIANQUAN, deadline: '2026-12-31' }));
    let items = (await city.get('/api/v1/reform-tasks')).json().items;
    const flagOf = (id: string) => items.find((i: { id: string }) => i.id === id);
    // 2026-12-01 (Tue) + 5 working days = 2026-12-08
    expect(flagOf(soon.id)).toMatchObject({ dueSoon: true, overdue: false });
    expect(flagOf(notYet.id)).toMatchObject({ dueSoon: false, overdue: false });
    // Friday 2026-12-04: + 5 working days = Friday 12-11 (the weekend does not count)
    setClock(t, chinaTenAm('2026-12-04'));
    items = (await city.get('/api/v1/reform-tasks')).json().items;
    expect(flagOf(notYet.id)).toMatchObject({ dueSoon: true, overdue: false });
    // on the deadline itself it is still due soon, the day after it is overdue
    setClock(t, chinaTenAm('2026-12-08'));
    expect((await city.get(`/api/v1/reform-tasks/${soon.id}`)).json()).toMatchObject({ dueSoon: true, overdue: false });
    setClock(t, chinaTenAm('2026-12-09'));
    const list = (await city.get('/api/v1/reform-tasks')).json();
    items = list.items;
    expect(list.today).toBe('2026-12-09');
    expect(flagOf(soon.id)).toMatchObject({ dueSoon: false, overdue: true });
    expect(flagOf(other.id)).toMatchObject({ dueSoon: false, overdue: false });

    // filters
    const overdue = (await city.get('/api/v1/reform-tasks?overdue=true')).json().items.map((i: { id: string }) => i.id);
    expect(overdue).toContain(soon.id);
    expect(overdue).not.toContain(other.id);
    const qq = (await city.get(`/api/v1/reform-tasks?region=${QIANQUAN}&q=${encodeURIComponent('好差评')}`)).json().items;
    expect(qq.map((i: { id: string }) => i.id)).toEqual([other.id]);
    expect((await city.get('/api/v1/reform-tasks?status=done')).json().items.every((i: { status: string }) => i.status === 'done')).toBe(true);
    expect((await city.get('/api/v1/reform-tasks?status=finished')).json().error.code).toBe('VALIDATION_FAILED');

    // the summary: 钢山街道党政办 has an overdue task, so it comes before the units with none
    const summary = list.summary as { leadUnit: string; overdue: number; tasks: number; avgProgress: number }[];
    expect(summary[0]).toMatchObject({ leadUnit: '钢山街道党政办', overdue: 1, tasks: 2 });
    const qqUnit = summary.find((s) => s.leadUnit === '千泉街道党政办')!;
    expect(qqUnit).toMatchObject({ tasks: 1, overdue: 0, avgProgress: 0 });
    for (let i = 1; i < summary.length; i++) expect(summary[i - 1]!.overdue).toBeGreaterThanOrEqual(summary[i]!.overdue);

    // reported done on time and waiting for the city is not overdue; reported done late is
    setClock(t, chinaTenAm('2026-12-08'));
    const inTime = await created(city, taskBody({ title: '一件事主题集成（钢山）', leadUnit: '钢山街道党政办', leadRegion: GANGSHAN, deadline: '2026-12-08' }));
    await report(gangshan, inTime.id, { reportedOn: '2026-12-08', percent: 100 });
    setClock(t, chinaTenAm('2026-12-10'));
    expect((await city.get(`/api/v1/reform-tasks/${inTime.id}`)).json()).toMatchObject({ status: 'awaiting', overdue: false });
    await report(gangshan, soon.id, { reportedOn: '2026-12-10', percent: 100 });
    expect((await city.get(`/api/v1/reform-tasks/${soon.id}`)).json()).toMatchObject({ status: 'awaiting', overdue: true });
  });

  it('the Excel export has the task list and the summary', async () => {
    const res = await city.get('/api/v1/reform-tasks.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['任务清单', '牵头单位汇总']);
    expect(wb.getWorksheet('任务清单')!.getRow(1).getCell(2).value).toBe('任务名称');
    expect(wb.getWorksheet('任务清单')!.rowCount).toBeGreaterThan(5);
    // a town's export holds its own tasks only
    const town = await gangshan.get('/api/v1/reform-tasks.xlsx');
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(town.rawPayload as unknown as ArrayBuffer);
    const regions: string[] = [];
    twb.getWorksheet('任务清单')!.eachRow((row, n) => n > 1 && regions.push(String(row.getCell(6).value)));
    expect(new Set(regions)).toEqual(new Set(['钢山街道']));
  });
});

describe('督办', () => {
  it('the city reminds the lead town: a site message to its administrators, on the timeline, audited', async () => {
    setClock(t, chinaTenAm('2026-12-10'));
    const task = await created(city, taskBody({ title: '网上办掌上办推广（钢山）', leadUnit: '钢山街道便民服务中心', leadRegion: GANGSHAN, deadline: '2026-12-09' }));
    expect(task.overdue).toBe(true);
    const res = await city.post(`/api/v1/reform-tasks/${task.id}/remind`, { message: '', version: task.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().timeline[0]).toMatchObject({ kind: 'remind', kindLabel: '督办提醒', note: expect.stringContaining('已超过完成时限') });
    expect(res.json().remindedAt).toBe('2026-12-10T02:00:00.000Z');
    const gs = await t.deps.dbh.db.selectFrom('staff_users').select('id').where('username', '=', 'gangshan.admin').executeTakeFirstOrThrow();
    const messages = await t.deps.dbh.db.selectFrom('messages').selectAll().where('event', '=', 'reform.remind').execute();
    expect(messages.map((m) => m.recipient_id)).toEqual([gs.id]);
    expect(messages[0]!.title).toBe('改革任务督办（已超期）：网上办掌上办推广（钢山）');
    expect(await auditCount('reform.remind')).toBe(1);
    expect((await city.post(`/api/v1/reform-tasks/${task.id}/remind`, { version: task.version })).json().error.code).toBe('REFORM_TASK_CHANGED');
  });
});
