/**
 * Online applications only for items that take them (shared/case-rules.ts onlineApplicationProblem),
 * on the demonstration catalog: a citizen's application and draft for 最低生活保障（停止保障）
 * (办理形式 窗口办理 only, 网上办理深度 互联网咨询 only) and for a 行政处罚 item are refused with 409
 * ONLINE_APPLICATION_NOT_ALLOWED, the reason and where to go (the place's own 实施清单), nothing written; window intake of the
 * same item goes on; an item that takes online applications is accepted; the guide says which.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, untouchedState, type TestApp } from '../../testing.js';
import { uploadId } from './fixtures.js';
import { DemoLicenceLibrary } from '../licences/index.js';

/** 最低生活保障（停止保障）: 05 行政给付, 办理形式 窗口办理, 网上办理深度 互联网咨询. */
const STOP_DIBAO = '37050100100003';
/** 对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的行政处罚: 02 行政处罚. */
const PENALTY = '37021400100101';
/** 高龄津贴（申领）: 05 行政给付, 窗口、电脑端、移动端, 互联网收件 … 互联网办理结果信息反馈. */
const ALLOWED = '37050100700001';
const GANGSHAN = '370883001';
const TABLES = ['cases', 'case_events', 'case_materials', 'case_idempotency', 'case_drafts', 'sms_outbox', 'messages'] as const;

let t: TestApp;
let citizen: TestClient, clerk: TestClient, anon: TestClient;
let fileId: string;
beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  citizen = await new TestClient(t.app).loginCitizen('13800000002');
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  anon = new TestClient(t.app);
  fileId = await uploadId(t, citizen);
});
afterAll(async () => {
  await t.close();
});

type Guide = { typeCode: string; location: string; consultPhone: string; situations: { id: string; options: { id: string }[] }[]; materials: { id: string; necessityCode: string; conditional: boolean }[]; onlineApplication: { allowed: boolean; reason: string | null } };
const guideOf = async (code: string): Promise<Guide> => {
  const res = await anon.get(`/api/v1/items/${code}?region=${GANGSHAN}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** A complete application for the item as the demo catalog has it: every required material, each question's first answer. */
async function application(code: string, source: 'upload' | 'paper') {
  const guide = await guideOf(code);
  const required = guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional);
  return {
    itemCode: code, regionCode: GANGSHAN, formData: {}, declaration: true,
    situationAnswers: Object.fromEntries(guide.situations.map((q) => [q.id, q.options[0]!.id])),
    materials: required.map((m) => (source === 'upload' ? { materialId: m.id, source, fileId } : { materialId: m.id, source, checkedOriginal: true, copies: 1 })),
  };
}

describe('online applications the item does not allow', () => {
  it('the guide says whether the item takes online applications, and why not', async () => {
    expect((await guideOf(ALLOWED)).onlineApplication).toEqual({ allowed: true, reason: null });
    const stop = await guideOf(STOP_DIBAO);
    expect(stop.onlineApplication).toEqual({ allowed: false, reason: '该事项不支持网上申请：只能到窗口办理。' });
    expect(stop).toMatchObject({ location: '钢山街道为民服务中心一楼综合受理区', consultPhone: '0537-5383001' });
    const penalty = await guideOf(PENALTY);
    expect(penalty.typeCode).toBe('02');
    expect(penalty.onlineApplication).toEqual({ allowed: false, reason: expect.stringContaining('行政处罚') });
  });

  it('refuses a citizen\'s application for 最低生活保障（停止保障）: 409, the reason and where to go, nothing written', async () => {
    const body = await application(STOP_DIBAO, 'upload');
    const before = await untouchedState(t, TABLES);
    const res = await citizen.request('POST', '/api/v1/cases', body, { 'idempotency-key': 'stop-dibao-1' });
    expect(res.statusCode, res.body).toBe(409);
    const { error } = res.json();
    expect(error.code).toBe('ONLINE_APPLICATION_NOT_ALLOWED');
    expect(error.message).toBe('该事项不支持网上申请：只能到窗口办理。请携带材料到钢山街道为民服务中心一楼综合受理区办理，咨询电话 0537-5383001。');
    expect(error.details).toEqual({ reason: '该事项不支持网上申请：只能到窗口办理。', location: '钢山街道为民服务中心一楼综合受理区', phone: '0537-5383001' });
    // whatever the client says about the channel
    const mobile = await citizen.request('POST', '/api/v1/cases', body, { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148' });
    expect(mobile.json().error.code).toBe('ONLINE_APPLICATION_NOT_ALLOWED');
    expect(await untouchedState(t, TABLES)).toBe(before);
  });

  it('refuses a citizen\'s application for a 行政处罚 item', async () => {
    const before = await untouchedState(t, TABLES);
    const res = await citizen.post('/api/v1/cases', await application(PENALTY, 'upload'));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ONLINE_APPLICATION_NOT_ALLOWED', message: expect.stringMatching(/^该事项不支持网上申请：行政处罚/) });
    expect(await untouchedState(t, TABLES)).toBe(before);
  });

  it('refuses a citizen\'s draft for such items; staff drafts (window intake) are kept', async () => {
    const draft = { data: { formData: {}, situationAnswers: {}, materials: [] } };
    const before = await untouchedState(t, TABLES);
    for (const code of [STOP_DIBAO, PENALTY]) {
      const res = await citizen.put(`/api/v1/application-drafts/${code}?region=${GANGSHAN}`, draft);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('ONLINE_APPLICATION_NOT_ALLOWED');
    }
    expect(await untouchedState(t, TABLES)).toBe(before);
    expect((await clerk.put(`/api/v1/application-drafts/${STOP_DIBAO}?region=${GANGSHAN}`, draft)).statusCode).toBe(200);
    expect((await citizen.put(`/api/v1/application-drafts/${ALLOWED}?region=${GANGSHAN}`, draft)).statusCode).toBe(200);
  });

  it('takes a citizen\'s application for an item that allows it, and window intake of 停止保障', async () => {
    const online = await citizen.post('/api/v1/cases', await application(ALLOWED, 'upload'));
    expect(online.statusCode, online.body).toBe(201);
    // the auto-saved draft went with the application
    expect((await citizen.get(`/api/v1/application-drafts/${ALLOWED}?region=${GANGSHAN}`)).statusCode).toBe(404);
    const walkIn = await clerk.post('/api/v1/cases', {
      ...(await application(STOP_DIBAO, 'paper')),
      applicant: { kind: 'person', name: '王桂兰', idType: 'id_card', idNumber: '370883194811204522', phone: '13800000003', address: '邹城市钢山街道孟庄社区' },
    });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    expect((await clerk.get(`/api/v1/cases/${walkIn.json().id}`)).json()).toMatchObject({ channel: 'window', itemName: '最低生活保障（停止保障）' });
  });
});

describe('GET /api/v1/site: licencesConnected', () => {
  it('is false with no licence library (only the licences the platform issues)', async () => {
    expect((await anon.get('/api/v1/site')).json()).toMatchObject({ licencesConnected: false });
  });

  it('is true with one', async () => {
    const withLibrary = await createTestApp({ seed: false, services: { licenceLibraries: [new DemoLicenceLibrary()] } });
    try {
      expect((await new TestClient(withLibrary.app).get('/api/v1/site')).json()).toMatchObject({ licencesConnected: true });
    } finally {
      await withLibrary.close();
    }
  });
});
