import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers.js';

/**
 * Cases made through the API for specs that need one handled (好差评): a staff member's API
 * client, and a walk-in's 临时救助 at the 钢山街道 window taken to 已办结 by its clerk and approver.
 */

/** 临时救助（急难型临时救助）, offered at 钢山街道. */
export const RELIEF_ITEM = '37050100600001';
export const GANGSHAN = '370883001';

/** An API client signed in as a staff member, with the CSRF header every write needs. */
export interface StaffApi {
  api: APIRequestContext;
  headers: { 'x-csrf-token': string };
}

export async function staffApi(baseURL: string, username: string): Promise<StaffApi> {
  const api = await playwrightRequest.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/staff/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.ok(), await res.text()).toBe(true);
  const csrf = (await api.storageState()).cookies.find((c) => c.name === 'bm_csrf')!.value;
  return { api, headers: { 'x-csrf-token': csrf } };
}

export interface WalkIn {
  name: string;
  idNumber: string;
  phone: string;
}

/** A walk-in's 临时救助 taken in at the 钢山街道 window by gangshan.clerk, accepted, reviewed and approved by gangshan.approver. */
export async function handledWalkInCase(baseURL: string, person: WalkIn): Promise<{ id: string; caseNo: string }> {
  const clerk = await staffApi(baseURL, 'gangshan.clerk');
  const approver = await staffApi(baseURL, 'gangshan.approver');
  const guide = (await (await clerk.api.get(`/api/v1/items/${RELIEF_ITEM}?region=${GANGSHAN}`)).json()) as { materials: { id: string; necessityCode: string; conditional: boolean }[] };
  const res = await clerk.api.post('/api/v1/cases', {
    headers: clerk.headers,
    data: {
      itemCode: RELIEF_ITEM,
      regionCode: GANGSHAN,
      applicant: { kind: 'person', name: person.name, idType: 'id_card', idNumber: person.idNumber, phone: person.phone, address: '邹城市钢山街道北关路 3 号' },
      materials: guide.materials.filter((m) => m.necessityCode === 'required' && !m.conditional).map((m) => ({ materialId: m.id, source: 'paper', checkedOriginal: true, copies: 1 })),
      formData: {
        reason: '家中老人突发重病住院，医疗费用负担很重',
        happenedOn: null,
        amount: 2000,
        address: { regionCode: GANGSHAN, regionName: '钢山街道', detail: '北关路 3 号' },
        bankName: 'rcb',
        accountNo: '6217002260001234567',
      },
      intakeChannel: 'window',
      declaration: true,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const made = (await res.json()) as { id: string; caseNo: string };
  for (const [who, action, body] of [
    [clerk, 'accept', { opinion: '材料齐全，予以受理' }],
    [approver, 'approve', { opinion: '情况属实' }],
    [approver, 'approve', { opinion: '准予临时救助', resultNote: '救助金 2000 元' }],
  ] as const) {
    const { version } = (await (await who.api.get(`/api/v1/cases/${made.id}`)).json()) as { version: number };
    const step = await who.api.post(`/api/v1/cases/${made.id}/actions/${action}`, { headers: who.headers, data: { version, ...body } });
    expect(step.ok(), `${action}: ${await step.text()}`).toBe(true);
  }
  await clerk.api.dispose();
  await approver.api.dispose();
  return made;
}
