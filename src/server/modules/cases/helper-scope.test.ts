/**
 * Issue 10, question 3: a helper (帮办代办员) collects and applies on people's behalf (DOMAIN.md
 * §5); they do not review others' applications. At their village they act on the cases they took
 * in — forward, request a correction — and cannot see or act on a citizen's own online application
 * there, which the window staff receive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../testing.js';
import { act, actOk, MENGZHUANG, onlineBody, seedCaseCatalog, signInCast, submitOk, VILLAGE_ITEM, windowBody, consentFor } from './fixtures.js';

let t: TestApp;
let cast: Awaited<ReturnType<typeof signInCast>>;
let citizen: TestClient, helper: TestClient, clerk: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  await seedCaseCatalog(t);
  cast = await signInCast(t);
  ({ citizen, helper, clerk } = cast);
});
afterAll(async () => {
  await t.close();
});

describe('a helper at 孟庄社区', () => {
  it('cannot see or act on a citizen\'s online application at 孟庄社区 (reported as not found)', async () => {
    const { id } = await submitOk(citizen, onlineBody(cast.fileId, { itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, formData: {} }));
    expect((await helper.get(`/api/v1/cases/${id}`)).statusCode).toBe(404);
    const attempts: [string, Record<string, unknown>][] = [
      ['accept', {}], ['forward', { opinion: '转报' }], ['refuse', { reason: '试图处理他人申请' }],
      ['request-correction', { items: [{ materialId: 'm1', reason: '试图处理他人申请' }] }],
    ];
    for (const [action, body] of attempts) {
      const res = await act(helper, id, action, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(404);
    }
    const events = await t.deps.dbh.db.selectFrom('case_events').select('action').where('case_id', '=', id).execute();
    expect(events.map((e) => e.action)).toEqual(['submit']);
    // 钢山街道's window staff receive it.
    const detail = (await clerk.get(`/api/v1/cases/${id}`)).json();
    expect(detail.allowedActions.length).toBeGreaterThan(0);
  });

  it('still forwards the application they took in on someone\'s behalf', async () => {
    const { id } = await submitOk(helper, windowBody({ itemCode: VILLAGE_ITEM, regionCode: MENGZHUANG, intakeChannel: 'assist', helpRequestId: await consentFor(t, helper), formData: {} }));
    const detail = (await helper.get(`/api/v1/cases/${id}`)).json();
    expect(detail.allowedActions).toContain('forward');
    await actOk(helper, id, 'forward', { opinion: '材料齐全，转报镇街' });
  });
});
