// Scenarios of the service map issue (issue 13, "Targets"):
// - GET /api/v1/venues/nearby over 20,000 generated venues (and their terminals): p99 < 10 ms and
//   ≥ 40 % of the baseline's req/s.
// Data set: the demo map of Zoucheng (786 venues) plus 20,000 generated ones — partner points,
// self-service areas and village stations scattered over the county (a fixed pseudo-random
// sequence, the same on every run), one in five with a self-service terminal.
import { insertTerminals, insertVenues } from '../../../src/server/modules/venues/repo.js';
import type { VenueKind } from '../../../src/shared/venues.js';
import type { BenchModule } from '../types.js';

const GENERATED = Number(process.env.BENCH_VENUES || 20_000);
/** 社会保障卡补领: town lists and partner banks handle it. */
const ITEM = '37200203800001';
const BANK_ITEMS = JSON.stringify([ITEM, '37200203400001', '37200203600001']);
const BOX = { south: 35.1, north: 35.6, west: 116.75, east: 117.25 };

/** A fixed sequence (mulberry32), so every run measures the same venues and the same questions. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const point = (rnd: () => number) => ({
  lat: Math.round((BOX.south + rnd() * (BOX.north - BOX.south)) * 1e5) / 1e5,
  lng: Math.round((BOX.west + rnd() * (BOX.east - BOX.west)) * 1e5) / 1e5,
});

const questions = (() => {
  const rnd = random(2026);
  const paths: string[] = [];
  for (let i = 0; i < 200; i++) {
    const p = point(rnd);
    const item = i % 4 === 0 ? `&item=${ITEM}` : '';
    const open = i % 5 === 0 ? '&openNow=true' : '';
    paths.push(`/api/v1/venues/nearby?lat=${p.lat}&lng=${p.lng}&limit=10${item}${open}`);
  }
  return paths;
})();

export const venues: BenchModule = {
  name: 'venues',
  async generateData(ctx) {
    const dbh = await ctx.openDb();
    try {
      const villages = (await dbh.db.selectFrom('regions').select('code').where('level', '=', 'village').orderBy('code').execute()).map((r) => r.code);
      const rnd = random(13);
      const now = new Date().toISOString();
      const kinds: VenueKind[] = ['bank', 'post', 'hospital', 'shop', 'market', 'park', 'self_service', 'village_station'];
      const hours = JSON.stringify({ always: false, calendar: 'own', week: { '1': ['08:00-20:00'], '2': ['08:00-20:00'], '3': ['08:00-20:00'], '4': ['08:00-20:00'], '5': ['08:00-20:00'], '6': ['09:00-17:00'] }, exceptions: [] });
      for (let start = 0; start < GENERATED; start += 500) {
        const rows = [];
        const terminals = [];
        for (let i = start; i < Math.min(GENERATED, start + 500); i++) {
          const kind = kinds[i % kinds.length]!;
          const id = `gen-${i}`;
          rows.push({
            id, kind, name: `生成的办事地点 ${i}`, region_code: villages[i % villages.length]!, address: `生成地址 ${i} 号`, ...point(rnd), coord_approx: 1,
            phone: '0537-5000000', hours, facilities: i % 3 === 0 ? '["accessible_entrance"]' : '[]', links: '[]', photos: '[]',
            item_codes: kind === 'village_station' ? null : kind === 'bank' ? BANK_ITEMS : '[]', description: '', active: 1, version: 1, created_at: now, updated_at: now,
          });
          if (i % 5 === 0) terminals.push({ id: `${id}-t1`, venue_id: id, name: '自助终端', model: '立式', item_codes: '[]', token_hash: null, in_service: 1, last_seen_at: null, created_at: now, updated_at: now });
        }
        await insertVenues(dbh.db, rows).execute();
        if (terminals.length) await insertTerminals(dbh.db, terminals).execute();
      }
      ctx.log(`venues: ${GENERATED.toLocaleString('en')} generated venues, ${Math.ceil(GENERATED / 5).toLocaleString('en')} terminals`);
    } finally {
      await dbh.close();
    }
  },
  scenarios: [
    {
      name: 'GET /venues/nearby (20k venues)',
      description: 'The 10 nearest venues to 200 fixed points over the county (a quarter asking for an item, a fifth open now), over the demo map plus 20,000 generated venues.',
      method: 'GET',
      path: questions[0]!,
      paths: questions,
      async setup(ctx) {
        // the first answer builds the in-memory snapshot; it is not what the load measures
        const res = await ctx.request('GET', questions[0]!);
        if (res.status !== 200) throw new Error(`nearby answered ${res.status}: ${res.text.slice(0, 200)}`);
      },
      target: { maxP99Ms: 10, minRatio: 0.4 },
    },
  ],
};
