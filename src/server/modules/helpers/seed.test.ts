/**
 * The demo 帮办代办 roster: a coordinator in every town, helpers in every village of 钢山街道, 千泉街道
 * and 香城镇, 刘桂芝 (mengzhuang.helper) first on 孟庄社区's roster and linked to her account, every
 * item a published one offered at the place, every phone one a roster accepts; seeded once only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { normaliseHelperPhone } from '../../../shared/helpers.js';
import { seedDemoHelpers } from './index.js';

let t: TestApp;
let seeded: number;
const staffIdOf = async (username: string) => (await t.services.staff.forSignIn(username))?.id ?? null;

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  seeded = await seedDemoHelpers(t.deps, t.services.catalog.publicCatalog, staffIdOf);
});
afterAll(() => t.close());

describe('the demo roster', () => {
  it('has a coordinator in every town and helpers in every village of three towns; it is seeded once', async () => {
    expect(seeded).toBeGreaterThan(150);
    expect(seeded).toBeLessThan(300);
    const db = t.deps.dbh.db;
    const coordinators = await db.selectFrom('helpers').select('town_code').where('is_coordinator', '=', 1).execute();
    const towns = (await t.deps.regions.childrenOf('370883'))!.filter((r) => r.level === 'town');
    expect(towns.length).toBe(16);
    expect(new Set(coordinators.map((c) => c.town_code))).toEqual(new Set(towns.map((r) => r.code)));
    for (const town of ['370883001', '370883002', '370883101']) {
      const villages = (await t.deps.regions.childrenOf(town))!.filter((r) => r.level === 'village');
      const covered = await db.selectFrom('helper_areas').select('region_code').distinct().where('region_path', 'like', `${villages[0]!.path.slice(0, -13)}%`).execute();
      expect(new Set(covered.map((c) => c.region_code)), town).toEqual(new Set([town, ...villages.map((v) => v.code)]));
    }
    expect(await seedDemoHelpers(t.deps, t.services.catalog.publicCatalog, staffIdOf)).toBe(0);
  });

  it("puts 刘桂芝 first on 孟庄社区's roster, linked to mengzhuang.helper, with the town's coordinator last", async () => {
    const roster = (await new TestClient(t.app).get('/api/v1/helpers?region=370883001004')).json();
    expect(roster.items[0]).toMatchObject({ name: '刘桂芝', type: 'community_worker', phone: '13905370006', regionCodes: ['370883001004'] });
    expect(roster.items[0].items.length).toBeGreaterThan(0);
    expect(roster.items[0].duty[0]).toBe('周一至周五 08:30-11:30、14:00-17:00');
    expect(roster.items.length).toBe(3);
    expect(roster.items.at(-1)).toMatchObject({ coordinator: true, regionCodes: ['370883001'] });
    const row = await t.deps.dbh.db.selectFrom('helpers').select('staff_id').where('name', '=', '刘桂芝').executeTakeFirstOrThrow();
    expect(row.staff_id).toBe(await staffIdOf('mengzhuang.helper'));
  });

  it('gives items the place offers, phones a roster accepts, and mixed kinds', async () => {
    const rows = await t.deps.dbh.db.selectFrom('helpers as h').innerJoin('helper_areas as a', 'a.helper_id', 'h.id').select(['h.type', 'h.item_codes', 'h.phone_enc', 'a.region_code']).execute();
    const phones = new Set<string>();
    for (const r of rows) {
      const phone = t.deps.protector.decrypt(r.phone_enc);
      expect(normaliseHelperPhone(phone), phone).toBe(phone);
      phones.add(phone);
      const offered = await t.services.catalog.publicCatalog.offeredAt(r.region_code);
      for (const code of JSON.parse(r.item_codes) as string[]) expect(offered?.has(code), `${code} at ${r.region_code}`).toBe(true);
    }
    expect(phones.size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.type)).size).toBe(6);
    expect(rows.filter((r) => JSON.parse(r.item_codes).length > 0).length).toBeGreaterThan(rows.length / 2);
  });
});
