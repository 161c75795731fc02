/**
 * The supervision dashboard over HTTP: the pre-aggregated counts equal counts from the raw rows
 * (the case figure tables against the cases, rating_daily against the ratings, and a rebuild
 * against what the triggers kept), the figures of a small known set, the period and place rules, scope per role,
 * and the Excel export. Runs on both engines.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, testEngine, type TestApp } from '../../testing.js';
import { act, actOk, chinaTenAm, GANGSHAN, onlineBody, QIANQUAN, seedCaseCatalog, setClock, signInCast, submitOk, windowBody } from '../cases/fixtures.js';
import { rebuildCaseFigures } from '../cases/index.js';

let t: TestApp;
let citizen: TestClient, clerk: TestClient, qianquan: TestClient, approver: TestClient, townAdmin: TestClient, city: TestClient;
let fileId: string;

const DAY_SQL = () => (testEngine() === 'postgres' ? (c: string) => `to_char((${c})::timestamptz at time zone 'Asia/Shanghai', 'YYYY-MM-DD')` : (c: string) => `date(${c}, '+8 hours')`);

beforeAll(async () => {
  t = await createTestApp({ config: { dataDir: `/tmp/bianmin-supervision-test-${process.pid}`, staffIdleMinutes: 100_000, citizenIdleMinutes: 100_000 } });
  setClock(t, chinaTenAm('2026-12-08'));
  await seedCaseCatalog(t);
  ({ citizen, clerk, qianquan, approver, townAdmin, city, fileId } = await signInCast(t));

  // 2026-12-01: three online applications and one walk-in at 钢山街道, one walk-in at 千泉街道
  setClock(t, chinaTenAm('2026-12-01'));
  const online = [await submitOk(citizen, onlineBody(fileId)), await submitOk(citizen, onlineBody(fileId)), await submitOk(citizen, onlineBody(fileId))];
  const walkIn = await submitOk(clerk, { ...windowBody(), intakeChannel: 'window' });
  await submitOk(qianquan, { ...windowBody({ regionCode: QIANQUAN }), intakeChannel: 'window' });
  for (const c of [online[0]!, online[1]!, walkIn]) await actOk(clerk, c.id, 'accept');
  // online[1] goes through a 补正 (not one visit); online[2] is refused
  setClock(t, chinaTenAm('2026-12-02'));
  for (const c of [online[0]!, online[1]!]) await actOk(approver, c.id, 'approve', { opinion: '符合' });
  await actOk(approver, online[0]!.id, 'approve', { opinion: '准予' });
  expect((await act(clerk, online[2]!.id, 'refuse', { reason: '不属于本机关受理范围' })).statusCode).toBe(200);
  setClock(t, chinaTenAm('2026-12-03'));
  await actOk(approver, online[1]!.id, 'deny', { reason: '家庭收入超过标准' });
  // ratings: 非常满意 for online[0], 不满意 for online[1]
  await citizen.request('POST', '/api/v1/ratings', { caseNo: online[0]!.caseNo, level: 5, channel: 'pc' });
  await citizen.request('POST', '/api/v1/ratings', { caseNo: online[1]!.caseNo, level: 2, channel: 'mobile', tags: ['结果不满意'] });
  setClock(t, chinaTenAm('2026-12-07'));
});
afterAll(async () => {
  await t.close();
});

describe('the aggregates', () => {
  it('the case figure tables equal counts from the cases, and a rebuild gives the same tables', async () => {
    const db = t.deps.dbh.db;
    const day = DAY_SQL();
    // submitted and decided per receiving place and China day, from the raw rows
    const raw = await sql<{ k: string; submitted: number; handled: number }>`
      select k, sum(submitted) as submitted, sum(handled) as handled from (
        select region_code || '|' || ${sql.raw(day('created_at'))} as k, 1 as submitted, 0 as handled from cases
        union all
        select region_code || '|' || ${sql.raw(day('decided_at'))}, 0, 1 from cases where status in ('approved', 'denied', 'delivered')
      ) x group by k`.execute(db);
    const expected = Object.fromEntries(raw.rows.map((r) => [r.k, { submitted: Number(r.submitted), handled: Number(r.handled) }]));
    const place = await db.selectFrom('case_place_day').select(['region_code', 'day', 'submitted', 'handled']).execute();
    expect(Object.fromEntries(place.map((r) => [`${r.region_code}|${r.day}`, { submitted: Number(r.submitted), handled: Number(r.handled) }]))).toEqual(expected);
    // the town table is the place table summed by town (and channel)
    const byTown = new Map<string, { submitted: number; handled: number }>();
    for (const [k, v] of Object.entries(expected)) {
      const [code, d] = k.split('|');
      const key = `${code!.slice(0, 9)}|${d}`;
      const acc = byTown.get(key) ?? { submitted: 0, handled: 0 };
      byTown.set(key, { submitted: acc.submitted + v.submitted, handled: acc.handled + v.handled });
    }
    const town = await db.selectFrom('case_town_day').select((eb) => ['town_code', 'day', eb.fn.sum<number>('submitted').as('s'), eb.fn.sum<number>('handled').as('h')]).groupBy(['town_code', 'day']).execute();
    expect(new Map(town.map((r) => [`${r.town_code}|${r.day}`, { submitted: Number(r.s), handled: Number(r.h) }]))).toEqual(byTown);
    const items = await db.selectFrom('case_item_month').select((eb) => [eb.fn.sum<number>('submitted').as('s')]).executeTakeFirstOrThrow();
    expect(Number(items.s)).toBe(Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));

    const townDays = await db.selectFrom('case_town_day').selectAll().execute();
    const byMonth = new Map<string, number>();
    for (const r of townDays) byMonth.set(`${r.day.slice(0, 7)}|${r.town_code}|${r.channel}`, (byMonth.get(`${r.day.slice(0, 7)}|${r.town_code}|${r.channel}`) ?? 0) + Number(r.submitted));
    const townMonths = await db.selectFrom('case_town_month').selectAll().execute();
    expect(new Map(townMonths.map((r) => [`${r.month}|${r.town_code}|${r.channel}`, Number(r.submitted)]))).toEqual(byMonth);

    const tables = ['case_town_day', 'case_town_month', 'case_place_day', 'case_item_month'] as const;
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of tables) {
        const rows = await db.selectFrom(table).selectAll().execute();
        out[table] = rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) && !/code|day|month/.test(k) ? Number(v) : v])))).sort();
      }
      return out;
    };
    const before = await snapshot();
    await rebuildCaseFigures(db, testEngine());
    expect(await snapshot()).toEqual(before);
  });

  it('rating_daily equals the counted ratings', async () => {
    const db = t.deps.dbh.db;
    const raw = await db.selectFrom('ratings').select((eb) => ['level', eb.fn.countAll<number>().as('n')]).where('counted', '=', 1).groupBy('level').execute();
    const agg = await db.selectFrom('rating_daily').select((eb) => ['level', eb.fn.sum<number>('n').as('n')]).groupBy('level').execute();
    const asMap = (rows: { level: string; n: number | string }[]) => Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]).filter(([, n]) => n !== 0));
    expect(asMap(agg)).toEqual(asMap(raw));
    const monthly = await db.selectFrom('rating_monthly').select((eb) => ['level', eb.fn.sum<number>('n').as('n')]).groupBy('level').execute();
    expect(asMap(monthly)).toEqual(asMap(raw));
  });
});

describe('GET /stats/overview', () => {
  it('gives a town’s figures for a period, with its villages', async () => {
    const res = await townAdmin.get('/api/v1/stats/overview?from=2026-12-01&to=2026-12-07');
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.region).toMatchObject({ code: GANGSHAN, name: '钢山街道', level: 'town' });
    expect(o.bucket).toBe('day');
    // 4 submitted at 钢山 (3 online), 2 decided (1 on time without 补正… both on time: 20-day limit), 1 refused
    expect(o.totals).toMatchObject({ submitted: 4, handled: 2, approved: 1, refused: 1, onlineRate: 75, onTimeRate: 100 });
    expect(o.satisfaction).toMatchObject({ ratings: 2, goodRate: 50, score: 70 });
    // rated 2026-12-03, to be visited by 12-04: overdue on 12-07, not yet reported
    expect(o.badRatings).toMatchObject({ total: 1, rectificationRate: 0, overdue: 1, escalated: 0 });
    expect(o.byChannel.find((c: { channel: string }) => c.channel === 'window').submitted).toBe(1);
    expect(o.trend).toHaveLength(7);
    expect(o.trend[0]).toEqual({ bucket: '2026-12-01', submitted: 4, handled: 0 });
    expect(o.places[0]).toMatchObject({ code: GANGSHAN, name: '钢山街道（本级）', submitted: 4, rank: 1 });
    expect(o.places.length).toBeGreaterThan(1);
    expect(o.byItem[0]).toMatchObject({ code: '37200000100001', submitted: 4 });
    expect(o.casesByStatus.length).toBeGreaterThan(0);
  });

  it('the city sees every town ranked; a month-long period beyond 62 days is counted by month', async () => {
    const o = (await city.get('/api/v1/stats/overview?from=2026-10-01&to=2026-12-07')).json();
    expect(o.region.level).toBe('county');
    expect(o.bucket).toBe('month');
    expect(o.trend.map((b: { bucket: string }) => b.bucket)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(o.places).toHaveLength(16);
    expect(o.totals.submitted).toBe(5);
    // a whole month is read from the monthly tables, a part of one from the daily ones: the same figures
    const whole = (await city.get('/api/v1/stats/overview?from=2026-12-01&to=2026-12-31')).json();
    const part = (await city.get('/api/v1/stats/overview?from=2026-11-15&to=2026-12-07')).json();
    expect(whole.bucket).toBe('day');
    for (const x of [whole, part]) {
      expect(x.totals).toEqual(o.totals);
      expect(x.satisfaction.byLevel).toEqual(o.satisfaction.byLevel);
    }
    const ranked = o.places.filter((p: { rank: number | null }) => p.rank !== null).map((p: { name: string }) => p.name);
    expect(ranked).toEqual(expect.arrayContaining(['钢山街道', '千泉街道']));
  });

  it('keeps to scope and refuses a bad period or place with a clear 400', async () => {
    expect((await townAdmin.get(`/api/v1/stats/overview?region=${QIANQUAN}`)).statusCode).toBe(403);
    expect((await townAdmin.get('/api/v1/stats/overview?region=370883')).statusCode).toBe(403);
    expect((await clerk.get('/api/v1/stats/overview')).statusCode).toBe(403);
    expect((await citizen.get('/api/v1/stats/overview')).statusCode).toBe(403);
    const reversed = await city.get('/api/v1/stats/overview?from=2026-12-07&to=2026-12-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe('VALIDATION_FAILED');
    expect((await city.get('/api/v1/stats/overview?from=2026-02-30')).statusCode).toBe(400);
    expect((await city.get('/api/v1/stats/overview?region=370883001004')).statusCode).toBe(400);
    expect((await city.get('/api/v1/stats/overview?from=2020-01-01&to=2026-12-07')).statusCode).toBe(400);
  });

  it('exports the same figures as an Excel workbook', async () => {
    const res = await townAdmin.get('/api/v1/stats/overview.xlsx?from=2026-12-01&to=2026-12-07');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('监督统计-钢山街道'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '各地对比', '热门事项', '办件渠道', '评价', '差评整改', '趋势']);
    const overview = wb.getWorksheet('概览')!;
    const row = overview.getRows(1, overview.rowCount)!.find((r) => r.getCell(1).value === '申请件数')!;
    expect(row.getCell(2).value).toBe(4);
  });
});
