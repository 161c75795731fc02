/**
 * The grid search of "nearest" against the plainest answer: every venue's distance, sorted. The
 * shortcuts (latitude cut, ranking by the haversine term, rows skipped) must never change it.
 */
import { describe, expect, it } from 'vitest';
import { distanceMeters, GRID_DEGREES, NearestIndex } from './nearby.js';
// The bench's fixed sequence (mulberry32): the same points on every run, so a failure can be replayed.
import { random } from '../../../../tests/bench/modules/venues.js';

/** The distance as the service computed it before the grid search had its shortcuts. */
function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Points of a county: scattered, in clusters, on cell edges, and several at one spot. */
function county(rnd: () => number, n: number): { lat: number[]; lng: number[] } {
  const lat: number[] = [], lng: number[] = [];
  for (let k = 0; k < n; k++) {
    const kind = k % 10;
    if (kind === 0) {
      // exactly on a cell's corner
      lat.push(35.1 + Math.floor(rnd() * 25) * GRID_DEGREES);
      lng.push(116.76 + Math.floor(rnd() * 25) * GRID_DEGREES);
    } else if (kind === 1 && k > 10) {
      // at the same spot as an earlier one
      const j = Math.floor(rnd() * k);
      lat.push(lat[j]!);
      lng.push(lng[j]!);
    } else if (kind < 5) {
      // a town's cluster
      const town = Math.floor(rnd() * 6);
      lat.push(35.2 + town * 0.05 + (rnd() - 0.5) * 0.01);
      lng.push(116.9 + town * 0.04 + (rnd() - 0.5) * 0.01);
    } else {
      lat.push(Math.round((35.1 + rnd() * 0.5) * 1e5) / 1e5);
      lng.push(Math.round((116.75 + rnd() * 0.5) * 1e5) / 1e5);
    }
  }
  return { lat, lng };
}

describe('distanceMeters', () => {
  it('is the haversine distance to the last bit', () => {
    const rnd = random(7);
    for (let k = 0; k < 2000; k++) {
      const a = [rnd() * 180 - 90, rnd() * 360 - 180, rnd() * 180 - 90, rnd() * 360 - 180] as const;
      expect(distanceMeters(...a)).toBe(haversine(...a));
    }
    expect(distanceMeters(35.4, 116.9, 35.4, 116.9)).toBe(0);
  });
});

describe('NearestIndex', () => {
  const rnd = random(13);
  const { lat, lng } = county(rnd, 3000);
  const index = new NearestIndex(Float64Array.from(lat), Float64Array.from(lng));
  const sorted = (qLat: number, qLng: number, accept: (i: number) => boolean) =>
    lat.map((_, i) => ({ i, d: haversine(qLat, qLng, lat[i]!, lng[i]!) })).filter((x) => accept(x.i)).sort((a, b) => a.d - b.d);

  it('finds the same nearest as a sort of every point: distances to the bit, with and without a filter', () => {
    const filters: [string, ((i: number) => boolean) | null][] = [['none', null], ['one in seven', (i) => i % 7 === 3], ['rare', (i) => i % 97 === 5], ['none pass', () => false]];
    for (let k = 0; k < 400; k++) {
      // inside the county, on its cell edges, and well outside it
      const qLat = k % 5 === 0 ? 35.1 + Math.floor(rnd() * 25) * GRID_DEGREES : k % 11 === 0 ? 30 + rnd() * 10 : 35.05 + rnd() * 0.6;
      const qLng = k % 5 === 0 ? 116.76 + Math.floor(rnd() * 25) * GRID_DEGREES : k % 11 === 0 ? 110 + rnd() * 10 : 116.7 + rnd() * 0.6;
      const limit = 1 + (k % 50);
      const [name, accept] = filters[k % filters.length]!;
      const found = index.nearest(qLat, qLng, limit, accept).hits();
      const expected = sorted(qLat, qLng, accept ?? (() => true)).slice(0, limit);
      const where = `${qLat},${qLng} limit ${limit} filter ${name}`;
      expect(found.map((h) => h.dist), where).toEqual(expected.map((x) => x.d));
      expect(new Set(found.map((h) => h.index)).size, where).toBe(found.length);
      for (const h of found) {
        expect(accept?.(h.index) ?? true, where).toBe(true);
        expect(haversine(qLat, qLng, lat[h.index]!, lng[h.index]!), where).toBe(h.dist);
      }
    }
  });

  it('among venues at the same distance, the one met first comes first, as before', () => {
    // four at one spot: the answer keeps them in index order (the order of the cell)
    const same = new NearestIndex(Float64Array.from([35.3, 35.30001, 35.3, 35.3, 35.3]), Float64Array.from([117, 117, 117, 117, 117]));
    expect(same.nearest(35.3, 117, 3, null).hits().map((h) => h.index)).toEqual([0, 2, 3]);
    expect(same.nearest(35.3, 117, 5, null).hits().map((h) => h.index)).toEqual([0, 2, 3, 4, 1]);
  });

  it('looks only at the venues given, in their order, when asked among some', () => {
    for (let k = 0; k < 50; k++) {
      const qLat = 35.05 + rnd() * 0.6, qLng = 116.7 + rnd() * 0.6;
      const some = lat.map((_, i) => i).filter((i) => i % 13 === k % 13);
      const found = index.nearestAmong(qLat, qLng, 10, some, (i) => i % 2 === 0).hits();
      expect(found.map((h) => h.dist)).toEqual(sorted(qLat, qLng, (i) => i % 13 === k % 13 && i % 2 === 0).slice(0, 10).map((x) => x.d));
    }
  });

  it('an empty map answers nothing', () => {
    const none = new NearestIndex(new Float64Array(0), new Float64Array(0));
    expect(none.nearest(35, 117, 10, null).hits()).toEqual([]);
  });
});
