/**
 * The service map's answers (政务服务地图): venues by kind, place, item, open now and step-free
 * access; the nearest ones to a point; one venue in full.
 *
 * Every active venue is held in memory (a county has hundreds, a large deployment tens of
 * thousands), with its coordinates in typed arrays: "nearest" is one pass of distances and a heap,
 * not a database query. The snapshot is rebuilt when the tables' fingerprint changes (checked at
 * most every few seconds), so an edit in another process shows within seconds. Opening hours are
 * computed at request time from the schedule and the working-day calendar (holidays, 调休).
 */
import type { Deps } from '../../deps.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { hoursOn, openState, weeklyText, type CalendarFacts, type OpenState, type VenueHours } from '../../../shared/venue-hours.js';
import { ACCESSIBLE_FACILITY, directionLinks, LIST_KINDS, VENUE_KIND_CODES, VENUE_KINDS, type Facility, type VenueKind } from '../../../shared/venues.js';
import { NOT_APPLIED_FOR_TYPES } from '../../../shared/catalog.js';
import type { TerminalStatus } from '../../../shared/terminals.js';
import type { HelperRoster, PlaceItems } from './ports.js';
import { activeVenues, terminalsOfActiveVenues, venuesFingerprint, type TerminalRow, type VenueRow } from './repo.js';
import type { VenueDetail, VenueSummary } from './schemas.js';

/** A terminal that has not reported for this long shows as offline. */
export const HEARTBEAT_WINDOW_MS = 10 * 60_000;

/**
 * A terminal's status at `now`: maintenance while out of service, online with a heartbeat within
 * the window, offline otherwise (never reported, or silent too long). The status board's SQL
 * (repo.ts statusIs) is the same rule.
 */
export function terminalStatus(t: { in_service: number; last_seen_at: string | null }, now: Date): TerminalStatus {
  if (t.in_service === 0) return 'maintenance';
  return t.last_seen_at !== null && now.getTime() - Date.parse(t.last_seen_at) < HEARTBEAT_WINDOW_MS ? 'online' : 'offline';
}

/** How often the snapshot asks whether the tables changed. */
const FRESH_MS = 5_000;
/** The map's points answer at most this many markers. */
export const MAX_POINTS = 5_000;
const EARTH_RADIUS_M = 6_371_008.8;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const KIND_ORDER = new Map(VENUE_KIND_CODES.map((k, i) => [k, i]));

export interface Venue {
  id: string;
  kind: VenueKind;
  name: string;
  regionCode: string;
  regionName: string;
  address: string;
  lat: number;
  lng: number;
  approximate: boolean;
  phone: string;
  hours: VenueHours;
  /** the same number for venues whose schedules are equal: opening hours are worked out once per schedule and moment */
  schedule: number;
  facilities: Facility[];
  links: { label: string; url: string }[];
  photos: { url: string; alt: string }[];
  /** null: the region's published 实施清单 */
  itemCodes: string[] | null;
  description: string;
  /** what the venue's self-service terminals can do (in service or not) */
  terminalItems: Set<string>;
  terminalCount: number;
  /** the summary's fields that do not change by the minute, as JSON without its closing brace (built on first use) */
  jsonHead?: string;
}

interface Snapshot {
  venues: Venue[];
  byId: Map<string, Venue>;
  lat: Float64Array;
  lng: Float64Array;
  grid: Grid;
  /** the venues (indices) on each distinct schedule: "open now" is decided once per schedule */
  bySchedule: number[][];
  /** item code → the indices of the venues that handle it (built on first ask, per snapshot) */
  byItem: Map<string, Uint8Array>;
  fingerprint: string;
  checkedAt: number;
}

/** Grid cells of GRID_DEGREES: "nearest" looks at the cells around the point, ring by ring. */
const GRID_DEGREES = 0.02;
/** Item answers kept per snapshot (the map asks about a few hundred items at most). */
const ITEM_CACHE = 256;

interface Grid {
  cells: Map<string, number[]>;
  /** the extent of the cells in use, so a search knows when it has seen them all */
  minI: number;
  maxI: number;
  minJ: number;
  maxJ: number;
}

const cellOf = (deg: number) => Math.floor(deg / GRID_DEGREES);

function buildGrid(lat: Float64Array, lng: Float64Array): Grid {
  const cells = new Map<string, number[]>();
  let minI = Infinity, maxI = -Infinity, minJ = Infinity, maxJ = -Infinity;
  for (let k = 0; k < lat.length; k++) {
    const i = cellOf(lat[k]!), j = cellOf(lng[k]!);
    const key = `${i}:${j}`;
    const cell = cells.get(key);
    if (cell) cell.push(k);
    else cells.set(key, [k]);
    minI = Math.min(minI, i); maxI = Math.max(maxI, i); minJ = Math.min(minJ, j); maxJ = Math.max(maxJ, j);
  }
  return { cells, minI, maxI, minJ, maxJ };
}

export interface VenueFilters {
  kind?: VenueKind[];
  region?: string;
  item?: string;
  openNow?: boolean;
  accessible?: boolean;
  q?: string;
}

/** Great-circle distance in metres (haversine): exact enough for "the nearest service station". */
export function distanceMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The China date and the minute of its day, for opening hours. */
export function chinaMoment(at: Date): { date: string; minute: number } {
  const china = new Date(at.getTime() + CHINA_OFFSET_MS);
  return { date: china.toISOString().slice(0, 10), minute: china.getUTCHours() * 60 + china.getUTCMinutes() };
}

export class VenueDirectory {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;

  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'calendar' | 'clock'>,
    private readonly items: PlaceItems,
    private readonly helpers: HelperRoster,
  ) {}

  /** After a write in this process: the next question rebuilds at once. */
  invalidate(): void {
    this.snapshot = null;
  }

  private async current(): Promise<Snapshot> {
    const s = this.snapshot;
    if (s && Date.now() - s.checkedAt < FRESH_MS) return s;
    if (s && (await venuesFingerprint(this.deps.dbh.db)) === s.fingerprint) {
      s.checkedAt = Date.now();
      return s;
    }
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    this.snapshot = await this.loading;
    return this.snapshot;
  }

  private async load(): Promise<Snapshot> {
    const db = this.deps.dbh.db;
    const fingerprint = await venuesFingerprint(db);
    const [rows, terminals] = await Promise.all([activeVenues(db), terminalsOfActiveVenues(db)]);
    const terminalsOf = new Map<string, TerminalRow[]>();
    for (const t of terminals) terminalsOf.set(t.venue_id, [...(terminalsOf.get(t.venue_id) ?? []), t]);
    const names = new Map<string, string>();
    const venues: Venue[] = [];
    const schedules = new Map<string, number>();
    for (const row of rows) venues.push(await this.venueOf(row, terminalsOf.get(row.id) ?? [], names, schedules));
    const lat = Float64Array.from(venues, (v) => v.lat);
    const lng = Float64Array.from(venues, (v) => v.lng);
    const bySchedule: number[][] = Array.from({ length: schedules.size }, () => []);
    venues.forEach((v, i) => bySchedule[v.schedule]!.push(i));
    return { venues, byId: new Map(venues.map((v) => [v.id, v])), lat, lng, grid: buildGrid(lat, lng), bySchedule, byItem: new Map(), fingerprint, checkedAt: Date.now() };
  }

  private async venueOf(row: VenueRow, terminals: TerminalRow[], names: Map<string, string>, schedules: Map<string, number>): Promise<Venue> {
    let regionName = names.get(row.region_code);
    if (regionName === undefined) {
      const chain = await this.deps.regions.ancestors(row.region_code);
      // a town or village by its town (and village) name; the county by its own
      regionName = chain.filter((r) => r.level !== 'county').map((r) => r.shortName).join('') || (chain.at(-1)?.shortName ?? '');
      names.set(row.region_code, regionName);
    }
    return {
      id: row.id,
      kind: row.kind as VenueKind,
      name: row.name,
      regionCode: row.region_code,
      regionName,
      address: row.address,
      lat: row.lat,
      lng: row.lng,
      approximate: row.coord_approx === 1,
      phone: row.phone,
      hours: JSON.parse(row.hours) as VenueHours,
      schedule: schedules.get(row.hours) ?? schedules.set(row.hours, schedules.size).get(row.hours)!,
      facilities: JSON.parse(row.facilities) as Facility[],
      links: JSON.parse(row.links) as Venue['links'],
      photos: JSON.parse(row.photos) as Venue['photos'],
      itemCodes: row.item_codes === null ? null : (JSON.parse(row.item_codes) as string[]),
      description: row.description,
      terminalItems: new Set(terminals.flatMap((t) => JSON.parse(t.item_codes) as string[])),
      terminalCount: terminals.length,
    };
  }

  private calendarFacts(): CalendarFacts {
    const cal = this.deps.calendar;
    return { isWorkingDay: (d) => cal.isWorkingDay(d), exceptionName: (d) => cal.exception(d)?.name ?? null };
  }

  /**
   * Open now, for one request's moment: a county's venues share a handful of schedules, so each
   * schedule is worked out once per request, not once per venue ("open now" over 20,000 venues).
   */
  private opening(at: { date: string; minute: number }): (v: Venue) => OpenState {
    const cal = this.calendarFacts();
    const memo: OpenState[] = [];
    return (v) => (memo[v.schedule] ??= openState(v.hours, at.date, at.minute, cal));
  }

  /**
   * The item filter: which venues handle the item (a 400 for a code no published catalog has, so a
   * typo is not "nowhere"). Answered once per item and snapshot as a flag per venue: a town's list,
   * a partner point's own items, its terminals'.
   */
  private async itemFilter(s: Snapshot, code: string | undefined): Promise<{ code: string; name: string; flags: Uint8Array; handles: (index: number) => boolean } | null> {
    if (!code) return null;
    const name = await this.items.itemName(code);
    if (!name) throw validationFailed([{ field: 'item', message: `事项编码 ${code} 不在已发布的事项目录中` }]);
    let flags = s.byItem.get(code);
    if (!flags) {
      flags = new Uint8Array(s.venues.length);
      const offered = new Map<string, ReadonlySet<string> | null>();
      for (let i = 0; i < s.venues.length; i++) {
        const v = s.venues[i]!;
        let yes = v.terminalItems.has(code) || (v.itemCodes?.includes(code) ?? false);
        if (!yes && !v.itemCodes && LIST_KINDS.includes(v.kind)) {
          if (!offered.has(v.regionCode)) offered.set(v.regionCode, await this.items.offeredAt(v.regionCode));
          yes = offered.get(v.regionCode)?.has(code) ?? false;
        }
        flags[i] = yes ? 1 : 0;
      }
      if (s.byItem.size >= ITEM_CACHE) s.byItem.delete(s.byItem.keys().next().value!);
      s.byItem.set(code, flags);
    }
    const f = flags;
    return { code, name, flags: f, handles: (index) => f[index] === 1 };
  }

  /** The filters that need no await (kind, place, access, words). */
  private cheapFilter(f: VenueFilters): ((v: Venue) => boolean) | null {
    const kinds = f.kind?.length ? new Set(f.kind) : null;
    const q = f.q?.trim();
    if (!kinds && !f.region && !f.accessible && !q) return null;
    return (v) =>
      (!kinds || kinds.has(v.kind)) &&
      (!f.region || v.regionCode.startsWith(f.region)) &&
      (!f.accessible || v.facilities.includes(ACCESSIBLE_FACILITY)) &&
      (!q || v.name.includes(q) || v.address.includes(q) || v.regionName.includes(q));
  }

  private summary(v: Venue, open: OpenState): VenueSummary {
    return {
      id: v.id, name: v.name, kind: v.kind, kindLabel: VENUE_KINDS[v.kind], regionCode: v.regionCode, regionName: v.regionName,
      address: v.address, lat: v.lat, lng: v.lng, approximate: v.approximate, phone: v.phone, facilities: v.facilities,
      terminalCount: v.terminalCount, openNow: open.openNow, closesAt: open.closesAt, opensAt: open.opensAt, todayHours: open.today,
    };
  }

  private async region(code: string | undefined): Promise<void> {
    if (code && !(await this.deps.regions.get(code))) throw validationFailed([{ field: 'region', message: `行政区划 ${code} 不存在` }]);
  }

  /** GET /venues: the matching venues, centres first, then by place and name; paged. */
  async list(f: VenueFilters & { page: number; pageSize: number }): Promise<{ total: number; items: VenueSummary[] }> {
    await this.region(f.region);
    const s = await this.current();
    const item = await this.itemFilter(s, f.item);
    const openOf = this.opening(chinaMoment(this.deps.clock.now()));
    const cheap = this.cheapFilter(f);
    const matched: { v: Venue; open: OpenState }[] = [];
    for (let i = 0; i < s.venues.length; i++) {
      const v = s.venues[i]!;
      if ((cheap && !cheap(v)) || (item && !item.handles(i))) continue;
      const open = openOf(v);
      if (f.openNow && !open.openNow) continue;
      matched.push({ v, open });
    }
    matched.sort((a, b) => KIND_ORDER.get(a.v.kind)! - KIND_ORDER.get(b.v.kind)! || a.v.regionCode.localeCompare(b.v.regionCode) || a.v.name.localeCompare(b.v.name, 'zh-CN'));
    const start = (f.page - 1) * f.pageSize;
    return { total: matched.length, items: matched.slice(start, start + f.pageSize).map((m) => this.summary(m.v, m.open)) };
  }

  /** GET /venues/points: every matching venue as a small marker (at most MAX_POINTS). */
  async points(f: VenueFilters): Promise<{ items: { id: string; name: string; kind: VenueKind; lat: number; lng: number; openNow: boolean; approximate: boolean }[] }> {
    await this.region(f.region);
    const s = await this.current();
    const item = await this.itemFilter(s, f.item);
    const openOf = this.opening(chinaMoment(this.deps.clock.now()));
    const cheap = this.cheapFilter(f);
    const items = [];
    for (let i = 0; i < s.venues.length; i++) {
      const v = s.venues[i]!;
      if (items.length >= MAX_POINTS) break;
      if ((cheap && !cheap(v)) || (item && !item.handles(i))) continue;
      const openNow = openOf(v).openNow;
      if (f.openNow && !openNow) continue;
      items.push({ id: v.id, name: v.name, kind: v.kind, lat: v.lat, lng: v.lng, openNow, approximate: v.approximate });
    }
    return { items };
  }

  /**
   * GET /venues/nearby: the nearest matching venues to a point, nearest first. The grid's cells
   * are visited ring by ring around the point; once the nearest `limit` found are all closer than
   * any cell of the next ring can be, the answer is final.
   */
  private async nearest(q: VenueFilters & { lat: number; lng: number; limit: number }): Promise<{ hits: { venue: Venue; dist: number; open: OpenState }[]; item: { code: string; name: string } | null }> {
    const s = await this.current();
    const item = await this.itemFilter(s, q.item);
    const cheap = this.cheapFilter(q);
    const openOf = this.opening(chinaMoment(this.deps.clock.now()));
    const best: { index: number; dist: number; open: OpenState }[] = [];
    const flags = item?.flags;
    const consider = (index: number) => {
      // the cheapest tests first: this runs for every venue in the rings visited (all of them when few are open)
      if (flags && flags[index] !== 1) return;
      const v = s.venues[index]!;
      const open = openOf(v);
      if (q.openNow && !open.openNow) return;
      if (cheap && !cheap(v)) return;
      const dist = distanceMeters(q.lat, q.lng, s.lat[index]!, s.lng[index]!);
      if (best.length === q.limit && dist >= best[best.length - 1]!.dist) return;
      let k = best.length;
      while (k > 0 && best[k - 1]!.dist > dist) k--;
      best.splice(k, 0, { index, dist, open });
      if (best.length > q.limit) best.pop();
    };
    if (q.openNow) {
      // Few open (evenings, Sundays, holidays): look only at the venues whose schedule is open now.
      const open = s.bySchedule.filter((_, k) => openOf(s.venues[s.bySchedule[k]![0]!]!).openNow);
      if (open.reduce((n, list) => n + list.length, 0) < s.venues.length / 4) {
        for (const list of open) for (const index of list) consider(index);
        return { hits: best.map((b) => ({ venue: s.venues[b.index]!, dist: b.dist, open: b.open })), item: item ? { code: item.code, name: item.name } : null };
      }
    }
    const { grid } = s;
    const ci = cellOf(q.lat), cj = cellOf(q.lng);
    // the least distance from the point to a cell r rings out (a cell's short side, at the map's far edge)
    const ringMeters = (GRID_DEGREES * Math.PI / 180) * EARTH_RADIUS_M * Math.cos((Math.min(89, Math.abs(q.lat) + GRID_DEGREES * 2) * Math.PI) / 180);
    const maxRing = Math.max(Math.abs(ci - grid.minI), Math.abs(ci - grid.maxI), Math.abs(cj - grid.minJ), Math.abs(cj - grid.maxJ));
    for (let r = 0; r <= maxRing; r++) {
      if (best.length === q.limit && best[best.length - 1]!.dist <= (r - 1) * ringMeters) break;
      for (let i = ci - r; i <= ci + r; i++) {
        const edge = i === ci - r || i === ci + r;
        for (let j = cj - r; j <= cj + r; j += edge ? 1 : 2 * r) {
          const cell = grid.cells.get(`${i}:${j}`);
          if (cell) for (const index of cell) consider(index);
        }
      }
    }
    return { hits: best.map((b) => ({ venue: s.venues[b.index]!, dist: b.dist, open: b.open })), item: item ? { code: item.code, name: item.name } : null };
  }

  async nearby(q: VenueFilters & { lat: number; lng: number; limit: number }): Promise<{ items: (VenueSummary & { distanceMeters: number })[]; item: { code: string; name: string } | null }> {
    const { hits, item } = await this.nearest(q);
    return { items: hits.map((h) => ({ ...this.summary(h.venue, h.open), distanceMeters: Math.round(h.dist) })), item };
  }

  /**
   * The same answer as JSON text, from each venue's fields that do not change written once per
   * snapshot and the opening state written once per schedule: the map asks this at every pan and
   * every "nearest" tap, and writing ten summaries from scratch cost as much as finding them.
   */
  async nearbyJson(q: VenueFilters & { lat: number; lng: number; limit: number }): Promise<string> {
    const { hits, item } = await this.nearest(q);
    const openJson = new Map<OpenState, string>();
    const items = hits.map((h) => {
      let open = openJson.get(h.open);
      if (open === undefined) {
        open = `"openNow":${h.open.openNow},"closesAt":${JSON.stringify(h.open.closesAt)},"opensAt":${JSON.stringify(h.open.opensAt)},"todayHours":${JSON.stringify(h.open.today)}`;
        openJson.set(h.open, open);
      }
      return `${this.jsonHead(h.venue)},${open},"distanceMeters":${Math.round(h.dist)}}`;
    });
    return `{"items":[${items.join(',')}],"item":${JSON.stringify(item)}}`;
  }

  private jsonHead(v: Venue): string {
    if (v.jsonHead === undefined) {
      const { openNow: _o, closesAt: _c, opensAt: _a, todayHours: _t, ...fixed } = this.summary(v, { openNow: false, closesAt: null, opensAt: null, today: '' });
      v.jsonHead = JSON.stringify(fixed).slice(0, -1);
    }
    return v.jsonHead;
  }

  /** GET /venues/{id}: one venue in full. */
  async detail(id: string): Promise<VenueDetail> {
    const s = await this.current();
    const v = s.byId.get(id);
    if (!v) throw new AppError(404, 'VENUE_NOT_FOUND', '没有找到这个办事地点，它可能已调整或撤销');
    const now = this.deps.clock.now();
    const at = chinaMoment(now);
    const cal = this.calendarFacts();
    const openOf = this.opening(at);
    const region = await this.deps.regions.get(v.regionCode);
    const [items, terminals, helpers] = await Promise.all([this.itemsOf(v), this.terminalsOf(v, now), region ? this.helpers.helpersOver(this.deps.regions.ref(region)) : []]);
    return {
      ...this.summary(v, openOf(v)),
      hours: weeklyText(v.hours),
      upcomingExceptions: upcomingExceptions(v.hours, at.date, cal),
      description: v.description,
      items,
      terminals,
      helpers,
      links: v.links,
      photos: v.photos,
      directions: directionLinks(v),
    };
  }

  private async itemsOf(v: Venue): Promise<{ code: string; name: string }[]> {
    let codes: string[];
    if (v.itemCodes) codes = [...v.itemCodes];
    else if (LIST_KINDS.includes(v.kind)) codes = [...((await this.items.offeredAt(v.regionCode)) ?? [])];
    else codes = [];
    for (const c of v.terminalItems) if (!codes.includes(c)) codes.push(c);
    // what people come to do: not the 行政处罚, 行政强制 and 行政检查 the office exercises on them
    const named = await Promise.all(codes.map(async (code) => ({ code, name: await this.items.itemName(code), type: await this.items.itemType(code) })));
    return named
      .filter((i) => i.name !== null && !NOT_APPLIED_FOR_TYPES.includes(i.type ?? ''))
      .map((i) => ({ code: i.code, name: i.name! }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Terminals read fresh (their heartbeats change by the minute; the snapshot keeps only what they can do). */
  private async terminalsOf(v: Venue, now: Date): Promise<VenueDetail['terminals']> {
    if (v.terminalCount === 0) return [];
    const rows = await this.deps.dbh.db.selectFrom('venue_terminals').selectAll().where('venue_id', '=', v.id).orderBy('name').execute();
    return Promise.all(rows.map(async (t) => {
      const codes = JSON.parse(t.item_codes) as string[];
      const named = await Promise.all(codes.map(async (code) => ({ code, name: await this.items.itemName(code) })));
      return {
        id: t.id, name: t.name, model: t.model,
        status: terminalStatus(t, now),
        lastSeenAt: t.last_seen_at,
        items: named.filter((i): i is { code: string; name: string } => i.name !== null),
      };
    }));
  }
}

/** The next two weeks' days whose hours differ from the plain week (holidays, 调休, the venue's own). */
function upcomingExceptions(h: VenueHours, from: string, cal: CalendarFacts): { date: string; hours: string; note: string }[] {
  if (h.always) return [];
  const out: { date: string; hours: string; note: string }[] = [];
  for (let d = 0; d < 14; d++) {
    const date = new Date(Date.parse(`${from}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    const day = hoursOn(h, date, cal);
    if (day.note) out.push({ date, hours: day.hours.length ? day.hours.join('、') : '休息', note: day.note });
  }
  return out;
}
