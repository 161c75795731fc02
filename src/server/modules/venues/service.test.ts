/**
 * What the service map keeps in memory, and when it lets go of it: the snapshot of venues (checked
 * in the background, replaced at once after an edit here) and the open state worked out once a
 * minute (worked out again when the calendar changes).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../testing.js';
import { seedDemoVenues } from './index.js';

let t: TestApp;
const at = (instant: string) => t.clock.advanceMinutes((Date.parse(instant) - t.clock.now().getTime()) / 60_000);
const NEAR_GANGSHAN = { lat: 35.405, lng: 116.965, limit: 5 };

beforeAll(async () => {
  t = await createTestApp({ catalog: true });
  await seedDemoVenues(t.deps, t.services.catalog.publicCatalog);
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

describe('VenueDirectory', () => {
  it('the open state follows the calendar at once, within the same minute', async () => {
    at('2026-03-10T02:00:00Z'); // Tuesday 10:00 China time, a working day
    const centre = { ...NEAR_GANGSHAN, kind: ['town_centre' as const] };
    expect((await t.services.venues.nearby(centre)).items[0]).toMatchObject({ openNow: true, todayHours: '08:30-12:00、13:30-17:30' });
    await t.deps.dbh.db.insertInto('calendar_days').values({ date: '2026-03-10', kind: 'holiday', name: '测试假日', source: 'test', provisional: 0, updated_at: new Date().toISOString() }).execute();
    await t.deps.calendar.load();
    try {
      expect((await t.services.venues.nearby(centre)).items[0]).toMatchObject({ openNow: false, todayHours: '今日休息（测试假日）' });
      expect(JSON.parse(await t.services.venues.nearbyJson(centre)).items[0]).toMatchObject({ openNow: false, todayHours: '今日休息（测试假日）' });
    } finally {
      await t.deps.dbh.db.deleteFrom('calendar_days').where('date', '=', '2026-03-10').execute();
      await t.deps.calendar.load();
    }
    expect((await t.services.venues.nearby(centre)).items[0]).toMatchObject({ openNow: true });
  });

  it('an edit in another process shows after the freshness check, without a request waiting for it; an edit here at once', async () => {
    at('2026-03-10T02:00:00Z');
    const spot = { lat: 30.001, lng: 120.001, limit: 1 };
    const before = (await t.services.venues.nearby(spot)).items[0]!;
    expect(before.id).not.toBe('far-away');
    // another process adds a venue right at the spot: this one does not know yet
    const now = new Date().toISOString();
    await t.deps.dbh.db.insertInto('venues').values({
      id: 'far-away', kind: 'shop', name: '远处的网点', region_code: '370883001', address: '测试地址', lat: 30.001, lng: 120.001, coord_approx: 0, phone: '', hours: '{"always":true,"calendar":"own","week":{},"exceptions":[]}',
      facilities: '[]', links: '[]', photos: '[]', item_codes: '[]', description: '', active: 1, version: 1, created_at: now, updated_at: now,
    }).execute();
    try {
      expect((await t.services.venues.nearby(spot)).items[0]!.id).toBe(before.id);
      // a few seconds on, a question starts the check and is answered from the snapshot in hand; a later one sees the venue
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 6_000);
      expect((await t.services.venues.nearby(spot)).items[0]!.id).toBe(before.id);
      await vi.waitFor(async () => expect((await t.services.venues.nearby(spot)).items[0]!.id).toBe('far-away'));
    } finally {
      await t.deps.dbh.db.deleteFrom('venues').where('id', '=', 'far-away').execute();
    }
    // removed here (as an edit in this process would be): gone from the next answer
    t.services.venues.invalidate();
    expect((await t.services.venues.nearby(spot)).items[0]!.id).toBe(before.id);
  });

  it('the answer as bytes is the answer as objects, item named, over every filter', async () => {
    at('2026-03-14T02:00:00Z'); // Saturday 10:00: the offices closed, the banks open
    for (const q of [
      { lat: 35.41, lng: 116.97, limit: 12 },
      { lat: 35.41, lng: 116.97, limit: 12, openNow: true },
      { lat: 35.27, lng: 117.13, limit: 5, item: '37200203800001' },
      { lat: 35.27, lng: 117.13, limit: 7, item: '37200203800001', openNow: true, accessible: true },
      { lat: 35.3, lng: 117.0, limit: 50, kind: ['village_station' as const, 'bank' as const] },
    ]) {
      const body = await t.services.venues.nearbyBody(q);
      expect(JSON.parse(body.toString('utf8')), JSON.stringify(q)).toEqual(await t.services.venues.nearby(q));
    }
  });
});
