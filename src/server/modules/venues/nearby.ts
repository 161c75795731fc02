/**
 * "The nearest venues to a point" over the venues held in memory (service.ts): their coordinates
 * bucketed in grid cells of GRID_DEGREES, visited ring by ring around the point until no cell
 * further out can hold a nearer one.
 *
 * The answer is the one the haversine distance of every venue and a sort would give (the venues
 * test checks it against a plain sort): distances are `distanceMeters`' to the last bit, and
 * among equal distances the venue visited first comes first. What makes it cheap is skipping work
 * that cannot change that answer: once `limit` venues are found, a venue whose latitude alone puts
 * it further than the farthest of them is passed over with one subtraction, and the others are
 * ranked by the haversine's inner term (no arcsine, no square root) until one beats the farthest.
 */

/** The grid's cell size: a county's venues fall a few dozen to a cell. */
export const GRID_DEGREES = 0.02;
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * The haversine's inner term for two points, the cosines of their latitudes given (a venue's is
 * worked out once per snapshot). Grows with the distance: `metersOfA` turns it into metres.
 */
export function haversineA(lat1: number, lng1: number, cosLat1: number, lat2: number, lng2: number, cosLat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  return Math.sin(dLat / 2) ** 2 + cosLat1 * cosLat2 * Math.sin(dLng / 2) ** 2;
}

/** Metres of the great circle whose haversine term is `a` (non-decreasing in `a`). */
export const metersOfA = (a: number): number => 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));

export const cosLat = (lat: number): number => Math.cos(lat * RAD);

/** Great-circle distance in metres (haversine): exact enough for "the nearest service station". */
export function distanceMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  return metersOfA(haversineA(lat1, lng1, cosLat(lat1), lat2, lng2, cosLat(lat2)));
}

/**
 * Degrees of latitude beyond which a venue cannot have a haversine term at or below `a`: the term
 * is at least sin²(Δφ/2), so a venue further than the arc of `a` in latitude alone is further
 * than `a`. With a margin far above rounding, so nothing that could tie is passed over.
 */
function latitudeCut(a: number): number {
  return ((2 * Math.asin(Math.min(1, Math.sqrt(a)))) / RAD) * (1 + 1e-9) + 1e-9;
}

/** The nearest found so far, nearest first; among equal distances the one offered first first. */
export class Nearest {
  /** how many are kept (at most `limit`) */
  count = 0;
  /** the venues kept (their indices), nearest first: the first `count` */
  readonly index: number[] = [];
  /** their distances in metres */
  readonly dist: number[] = [];
  /** their haversine terms */
  private readonly terms: number[] = [];
  /** the haversine term of the farthest kept once `limit` are kept: a larger one cannot enter */
  private farthestA = Infinity;
  /** a venue more than this many degrees of latitude away cannot enter (Infinity until `limit` are kept) */
  latCut = Infinity;

  constructor(readonly limit: number) {}

  get full(): boolean {
    return this.count === this.limit;
  }

  /** The distance of the farthest kept (when full: any venue at this distance or further is not kept). */
  get farthest(): number {
    return this.dist[this.count - 1]!;
  }

  offer(index: number, a: number): void {
    if (a > this.farthestA) return;
    const d = metersOfA(a);
    const { dist, terms } = this;
    const full = this.count === this.limit;
    if (full && d >= dist[this.count - 1]!) return;
    // after every one at the same distance or nearer; the farthest drops out when full
    let k = full ? this.count - 1 : this.count++;
    for (; k > 0 && dist[k - 1]! > d; k--) {
      this.index[k] = this.index[k - 1]!;
      dist[k] = dist[k - 1]!;
      terms[k] = terms[k - 1]!;
    }
    this.index[k] = index;
    dist[k] = d;
    terms[k] = a;
    if (this.count === this.limit) {
      this.farthestA = terms[this.limit - 1]!;
      this.latCut = latitudeCut(this.farthestA);
    }
  }

  /** The venues kept and their distances, nearest first. */
  hits(): { index: number; dist: number }[] {
    const out: { index: number; dist: number }[] = [];
    for (let k = 0; k < this.count; k++) out.push({ index: this.index[k]!, dist: this.dist[k]! });
    return out;
  }
}

const cellOf = (deg: number) => Math.floor(deg / GRID_DEGREES);
/** Up to this many cells in the venues' extent (4 MiB), a slot per cell; beyond, only the cells in use. */
const DENSE_CELLS = 1 << 20;

/**
 * The venues' points (by their index in the snapshot) in grid cells. Each cell's venues lie
 * together, in index order, with their coordinates and latitude cosines beside them.
 */
export class NearestIndex {
  /** cell key → slot (-1: none), when the extent is small enough to hold a slot per cell (a county, a city) */
  private readonly dense: Int32Array | null = null;
  /** cell key → slot otherwise; a slot's venues are at positions start[slot] … start[slot + 1] - 1 */
  private readonly cells = new Map<number, number>();
  private readonly start: Int32Array;
  /** position → venue index */
  private readonly order: Int32Array;
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly cos: Float64Array;
  /** venue index → position */
  private readonly position: Int32Array;
  /** the extent of the cells in use, so a search knows when it has seen them all */
  private readonly minI: number;
  private readonly maxI: number;
  private readonly minJ: number;
  private readonly maxJ: number;

  constructor(lat: ArrayLike<number>, lng: ArrayLike<number>) {
    const n = lat.length;
    let minI = Infinity, maxI = -Infinity, minJ = Infinity, maxJ = -Infinity;
    const ci = new Int32Array(n), cj = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = cellOf(lat[k]!), j = cellOf(lng[k]!);
      ci[k] = i;
      cj[k] = j;
      if (i < minI) minI = i;
      if (i > maxI) maxI = i;
      if (j < minJ) minJ = j;
      if (j > maxJ) maxJ = j;
    }
    this.minI = minI; this.maxI = maxI; this.minJ = minJ; this.maxJ = maxJ;
    const slotOf = new Int32Array(n);
    const counts: number[] = [];
    for (let k = 0; k < n; k++) {
      const key = this.key(ci[k]!, cj[k]!);
      let slot = this.cells.get(key);
      if (slot === undefined) {
        slot = counts.length;
        this.cells.set(key, slot);
        counts.push(0);
      }
      slotOf[k] = slot;
      counts[slot]!++;
    }
    const extent = (maxI - minI + 1) * (maxJ - minJ + 1);
    if (n > 0 && extent <= DENSE_CELLS) {
      this.dense = new Int32Array(extent).fill(-1);
      for (const [key, slot] of this.cells) this.dense[key] = slot;
    }
    this.start = new Int32Array(counts.length + 1);
    for (let s = 0; s < counts.length; s++) this.start[s + 1] = this.start[s]! + counts[s]!;
    const next = this.start.slice(0, counts.length);
    this.order = new Int32Array(n);
    this.position = new Int32Array(n);
    this.lat = new Float64Array(n);
    this.lng = new Float64Array(n);
    this.cos = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const p = next[slotOf[k]!]!++;
      this.order[p] = k;
      this.position[k] = p;
      this.lat[p] = lat[k]!;
      this.lng[p] = lng[k]!;
      this.cos[p] = cosLat(lat[k]!);
    }
  }

  /** A cell's key: unique over the extent, a small integer. */
  private key(i: number, j: number): number {
    return (i - this.minI) * (this.maxJ - this.minJ + 1) + (j - this.minJ);
  }

  /**
   * The `limit` nearest venues to the point that `accept` lets through (all when null), nearest
   * first. The cells are visited ring by ring around the point's; once the nearest `limit` found
   * are all closer than any cell of the next ring can be, the answer is final.
   */
  nearest(lat: number, lng: number, limit: number, accept: ((index: number) => boolean) | null): Nearest {
    const best = new Nearest(limit);
    if (this.order.length === 0) return best;
    const cosQ = cosLat(lat);
    const ci = cellOf(lat), cj = cellOf(lng);
    // the least distance from the point to a cell r rings out (a cell's short side, at the map's far edge)
    const ringMeters = (GRID_DEGREES * Math.PI / 180) * EARTH_RADIUS_M * Math.cos((Math.min(89, Math.abs(lat) + GRID_DEGREES * 2) * Math.PI) / 180);
    const maxRing = Math.max(Math.abs(ci - this.minI), Math.abs(ci - this.maxI), Math.abs(cj - this.minJ), Math.abs(cj - this.maxJ));
    for (let r = 0; r <= maxRing; r++) {
      if (best.full && best.farthest <= (r - 1) * ringMeters) break;
      // the ring's rows and columns within the cells in use, in the order of the ring (rows, then columns)
      for (let i = Math.max(ci - r, this.minI); i <= Math.min(ci + r, this.maxI); i++) {
        // a row of cells wholly further in latitude than the farthest kept holds none nearer
        // (a cell's venues lie within its band, give or take the rounding of lat / GRID_DEGREES)
        if (Math.max(i * GRID_DEGREES - lat, lat - (i + 1) * GRID_DEGREES) - 1e-9 > best.latCut) continue;
        if (i === ci - r || i === ci + r) {
          for (let j = Math.max(cj - r, this.minJ); j <= Math.min(cj + r, this.maxJ); j++) this.visit(i, j, lat, lng, cosQ, accept, best);
        } else {
          if (cj - r >= this.minJ && cj - r <= this.maxJ) this.visit(i, cj - r, lat, lng, cosQ, accept, best);
          if (cj + r >= this.minJ && cj + r <= this.maxJ) this.visit(i, cj + r, lat, lng, cosQ, accept, best);
        }
      }
    }
    return best;
  }

  /** One cell's venues offered to `best`, those too far in latitude alone passed over. */
  private visit(i: number, j: number, lat: number, lng: number, cosQ: number, accept: ((index: number) => boolean) | null, best: Nearest): void {
    const key = this.key(i, j);
    const slot = this.dense ? this.dense[key]! : (this.cells.get(key) ?? -1);
    if (slot < 0) return;
    const { order, cos } = this;
    const lats = this.lat, lngs = this.lng;
    for (let p = this.start[slot]!, end = this.start[slot + 1]!; p < end; p++) {
      const dLat = lats[p]! - lat;
      if (dLat > best.latCut || -dLat > best.latCut) continue;
      const index = order[p]!;
      if (accept !== null && !accept(index)) continue;
      best.offer(index, haversineA(lat, lng, cosQ, lats[p]!, lngs[p]!, cos[p]!));
    }
  }

  /** The same over the given venues only, in the order given (a handful: the ones open now). */
  nearestAmong(lat: number, lng: number, limit: number, indices: Iterable<number>, accept: ((index: number) => boolean) | null): Nearest {
    const best = new Nearest(limit);
    const cosQ = cosLat(lat);
    for (const index of indices) {
      if (accept !== null && !accept(index)) continue;
      const p = this.position[index]!;
      best.offer(index, haversineA(lat, lng, cosQ, this.lat[p]!, this.lng[p]!, this.cos[p]!));
    }
    return best;
  }
}
