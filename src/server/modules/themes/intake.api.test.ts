/**
 * 一窗受理 of a 一件事 (POST /themes/:code/intake): a town's window takes in the whole theme for the
 * applicant in front of it — every item that applies, the one that takes no online application too —
 * the materials received on paper, each child a window case routed as any other; the application is
 * the applicant's (我的一件事) when they have an account; all or none; only where the clerk may take
 * cases in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoForms } from '../../seed/forms.js';
import { DEMO_CITIZENS } from '../../seed/demo.js';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { seedDemoCatalog } from '../catalog/index.js';
import { GANGSHAN } from '../cases/fixtures.js';
import { idNumber, sampleApplication, type ThemeDetailForTests } from './fixtures.js';
import { seedDemoThemes } from './index.js';

type Detail = Omit<ThemeDetailForTests, 'items'> & { items: (ThemeDetailForTests['items'][number] & { onlineApplication: boolean; when: { question: string; anyOf: string[] } | null })[] };
interface Application { id: string; cases: { id: string; caseNo: string; itemCode: string; status: string }[]; inPerson: unknown[] }

const ZHANG = DEMO_CITIZENS[0]!;
/** 出生医学证明 to apply for with the rest, the child not yet registered (出生登记 applies; 医保 and 社保卡 wait), a reimbursement */
const ANSWERS = { certificate: 'apply', hukou: 'apply', reimburse: 'apply' };

let t: TestApp;
let clerk: TestClient, otherTownClerk: TestClient, zhang: TestClient;
let birth: Detail;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoCatalog(t.deps);
  await seedDemoForms(t.deps);
  await seedDemoThemes(t.deps);
  clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
  otherTownClerk = await new TestClient(t.app).loginStaff('qianquan.clerk');
  zhang = await new TestClient(t.app).loginCitizen(ZHANG.phone);
  birth = (await t.app.inject({ method: 'GET', url: `/api/v1/themes/birth?region=${GANGSHAN}` })).json() as Detail;
});
afterAll(() => t.close());

/** The items of 出生一件事 that apply with these answers. */
const applying = (answers: Record<string, string>) => birth.items.filter((i) => !i.when || i.when.anyOf.includes(answers[i.when.question]!)).map((i) => i.code);

/** The window's application: 张秀英 in person, every material received on paper (original checked, one copy). */
function windowBody(over: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) {
  const online = sampleApplication(birth, { regionCode: GANGSHAN, fileId: '00000000-0000-4000-8000-000000000000', answers: ANSWERS, applies: applying(ANSWERS) });
  return {
    ...online,
    applicant: { kind: 'person', name: ZHANG.name, idType: 'id_card', idNumber: ZHANG.idNumber, phone: ZHANG.phone, address: '钢山街道孟庄社区幸福路 1 号', ...applicant },
    materials: birth.materials.map((m) => ({ key: m.key, source: 'paper', checkedOriginal: true, copies: 1 })),
    greenChannel: true,
    ...over,
  };
}
const intake = (client: TestClient, body: unknown, key?: string, code = 'birth') =>
  client.request('POST', `/api/v1/themes/${code}/intake`, body, key ? { 'idempotency-key': key } : {});
const count = async (table: 'cases' | 'theme_applications') => Number((await t.deps.dbh.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('一窗受理 of 出生一件事', () => {
  let application: Application;

  it('takes in every item that applies — 预防接种证 too, the person is there — as window cases with the paper materials; the applicant\'s 我的一件事 shows it', async () => {
    const res = await intake(clerk, windowBody(), 'window-birth-0001');
    expect(res.statusCode, res.body).toBe(201);
    application = res.json() as Application;
    expect(application.cases.map((c) => c.itemCode)).toEqual(applying(ANSWERS));
    expect(birth.items.find((i) => i.code === '37200400600001')!.onlineApplication).toBe(false);
    expect(application.cases.map((c) => c.itemCode)).toContain('37200400600001');
    expect(application.inPerson).toEqual([]);

    const rows = await t.deps.dbh.db.selectFrom('cases').select(['id', 'channel', 'applicant_name', 'agent_staff_id', 'citizen_id', 'queue_rank', 'group_id']).where('id', 'in', application.cases.map((c) => c.id)).execute();
    expect(rows).toHaveLength(application.cases.length);
    for (const r of rows) {
      expect(r).toMatchObject({ channel: 'window', applicant_name: ZHANG.name, group_id: application.id });
      expect(r.citizen_id, 'the case is in 张秀英\'s 我的办件').not.toBeNull();
    }
    const materials = await t.deps.dbh.db.selectFrom('case_materials').select(['source', 'checked_original', 'copies']).where('case_id', '=', application.cases[0]!.id).execute();
    expect(materials.length).toBeGreaterThan(0);
    expect(materials.every((m) => m.source === 'paper' && Boolean(m.checked_original) && Number(m.copies) === 1)).toBe(true);

    const mine = (await zhang.get('/api/v1/me/theme-applications')).json() as { items: { id: string; caseCount: number }[] };
    expect(mine.items.find((i) => i.id === application.id)).toMatchObject({ caseCount: application.cases.length });
    const audit = await t.deps.dbh.db.selectFrom('audit_log').select(['action', 'actor_id', 'region_code']).where('entity_id', '=', application.id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'theme.intake', region_code: GANGSHAN })]);
  });

  it('a retry with the same key answers the same application; nothing more is written', async () => {
    const before = { cases: await count('cases'), applications: await count('theme_applications') };
    const again = await intake(clerk, windowBody(), 'window-birth-0001');
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as Application).id).toBe(application.id);
    expect({ cases: await count('cases'), applications: await count('theme_applications') }).toEqual(before);
  });

  it('someone without an account: the cases and the application are written, in nobody\'s 我的一件事', async () => {
    const res = await intake(clerk, windowBody({}, { name: '孔新民', idNumber: idNumber('37088319700101201'), phone: '13912349999' }));
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.deps.dbh.db.selectFrom('theme_applications').select(['citizen_id', 'applicant_name']).where('id', '=', (res.json() as Application).id).executeTakeFirstOrThrow();
    expect(row).toEqual({ citizen_id: null, applicant_name: '孔新民' });
  });
});

describe('refusals, all or none', () => {
  it('a material not received and no declaration: 400 with each problem, nothing written', async () => {
    const before = { cases: await count('cases'), applications: await count('theme_applications') };
    const res = await intake(clerk, windowBody({ materials: [], declaration: false }));
    expect(res.statusCode).toBe(400);
    const details = (res.json() as { error: { details: { field: string; itemCode?: string }[] } }).error.details;
    expect(details.some((d) => d.field === 'materials' || d.field.startsWith('materials'))).toBe(true);
    // the declaration is the whole application's: said once
    expect(details.filter((d) => d.field === 'declaration')).toHaveLength(1);
    expect({ cases: await count('cases'), applications: await count('theme_applications') }).toEqual(before);
  });

  it('a bad ID number is refused at its field; another town\'s clerk may not take in at 钢山街道; a citizen may not use the window', async () => {
    const bad = await intake(clerk, windowBody({}, { idNumber: '370883195603124224' }));
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toContain('applicant.idNumber');
    expect((await intake(otherTownClerk, windowBody())).statusCode).toBe(403);
    expect((await intake(zhang, windowBody())).statusCode).toBe(403);
  });

  it('a town\'s own theme is taken in at that town only', async () => {
    const elderly = (await t.app.inject({ method: 'GET', url: `/api/v1/themes/gangshan-elderly?region=${GANGSHAN}` })).json() as Detail;
    const body = {
      ...sampleApplication(elderly, { regionCode: '370883002', fileId: '00000000-0000-4000-8000-000000000000', answers: { dibao: 'no', insurance: 'no' } }),
      applicant: { kind: 'person', name: ZHANG.name, idType: 'id_card', idNumber: ZHANG.idNumber, phone: ZHANG.phone },
      materials: [],
    };
    const res = await intake(otherTownClerk, body, undefined, 'gangshan-elderly');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'THEME_NOT_OFFERED_HERE' } });
  });
});
