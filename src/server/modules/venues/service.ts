/**
 * The service map's answers (政务服务地图): venues by kind, place, item, open now and step-free
 * access; the nearest ones to a point; one venue in full.
 *
 * Every active venue is held in memory (a county has hundreds, a large deployment tens of
 * thousands), with its coordinates in a grid (nearby.ts): "nearest" looks at the cells around the
 * point, not a database query. The snapshot is rebuilt when the tables' fingerprint changes
 * (checked in the background at most every few seconds, while requests go on with the snapshot
 * they have), so an edit in another process shows within seconds; an edit in this process
 * invalidates it at once. Opening hours are computed at request time from the schedule and the
 * working-day calendar (holidays, 调休).
 */
import { outsideTransaction } from '../../db/guard.js';
import { RevisionedSnapshot } from '../../platform/snapshot.js';
import type { Deps } from '../../deps.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { hoursOn, openState, weeklyText, type CalendarFacts, type OpenState, type VenueHours } from '../../../shared/venue-hours.js';
import { ACCESSIBLE_FACILITY, directionLinks, LIST_KINDS, VENUE_KIND_CODES, VENUE_KINDS, type Facility, type VenueKind } from '../../../shared/venues.js';
import { NOT_APPLIED_FOR_TYPES } from '../../../shared/catalog.js';
import type { TerminalStatus } from '../../../shared/terminals.js';
import type { HelperRoster, PlaceItems } from './ports.js';
import { NearestIndex, type Nearest } from './nearby.js';
import { photoUrl, storedPhotos } from './photos.js';
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
  /** in the order shown: where each is read and what it shows */
  photos: VenueDetail['photos'];
  /** null: the region's published 实施清单 */
  itemCodes: string[] | null;
  description: string;
  /** what the venue's self-service terminals can do (in service or not) */
  terminalItems: Set<string>;
  terminalCount: number;
  /** its summary as nearby's UTF-8 JSON for one open state (the state of its schedule at a minute), built on first use */
  json?: { open: OpenState; bytes: Buffer };
}

interface Snapshot {
  venues: Venue[];
  byId: Map<string, Venue>;
  /** the venues' points in grid cells, for "nearest" */
  points: NearestIndex;
  /** the venues (indices) on each distinct schedule: "open now" is decided once per schedule */
  bySchedule: number[][];
  /** venue index → its schedule (Venue.schedule), for the open-now filter of "nearest" */
  scheduleOf: Int32Array;
  /** item code → the indices of the venues that handle it (built on first ask, per snapshot) */
  byItem: Map<string, Uint8Array>;
  /** the open state of each schedule at one minute and calendar version: the last asked */
  open: OpenMemo | null;
}

/** Item answers kept per snapshot (the map asks about a few hundred items at most). */
const ITEM_CACHE = 256;

/** What GET /venues/nearby asks. */
type NearbyQuery = VenueFilters & { lat: number; lng: number; limit: number };
interface ItemFilter {
  code: string;
  name: string;
  flags: Uint8Array;
  handles: (index: number) => boolean;
}
interface OpenMemo {
  date: string;
  minute: number;
  calendar: number;
  /** by schedule */
  states: OpenState[];
  /** which schedules are open, and the venues on them when few are (built on the first "open now" question) */
  open?: { flags: Uint8Array; only: number[] | null };
}
interface NearbyHits {
  hits: { venue: Venue; dist: number; open: OpenState }[];
  item: { code: string; name: string } | null;
}
const ITEMS_START = Buffer.from('{"items":[');
const NO_ITEM_TAIL = Buffer.from('],"item":null}');

/**
 * Nearby's answers are cut from slabs, as Node's Buffer pool does for buffers under 4 KiB (an
 * answer of ten venues is a little over): one allocation per slab, not per answer. A slab lives
 * as long as an answer cut from it is being sent.
 */
const SLAB_BYTES = 256 * 1024;
let slab = Buffer.allocUnsafeSlow(0);
let slabUsed = 0;
function slice(size: number): Buffer {
  if (size > SLAB_BYTES / 8) return Buffer.allocUnsafe(size);
  if (slabUsed + size > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + size);
  slabUsed += (size + 7) & ~7;
  return out;
}

/** How many decimal digits a non-negative integer has (a distance in metres: at most 20,037,509). */
function digitsOf(n: number): number {
  let d = 1;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) d++;
  return d;
}

/** A non-negative integer's decimal digits written at `at`; the position after them. */
function writeDigits(buf: Buffer, at: number, n: number): number {
  const end = at + digitsOf(n);
  for (let p = end - 1, m = n; p >= at; p--, m = Math.floor(m / 10)) buf[p] = 0x30 + (m % 10);
  return end;
}

export interface VenueFilters {
  kind?: VenueKind[];
  region?: string;
  item?: string;
  openNow?: boolean;
  accessible?: boolean;
  q?: string;
}

export { distanceMeters } from './nearby.js';

/** The China date and the minute of its day, for opening hours. */
export function chinaMoment(at: Date): { date: string; minute: number } {
  const china = new Date(at.getTime() + CHINA_OFFSET_MS);
  return { date: china.toISOString().slice(0, 10), minute: china.getUTCHours() * 60 + china.getUTCMinutes() };
}

export class VenueDirectory {
  /**
   * Rebuilt when the tables' fingerprint changes, checked in the background at most every
   * FRESH_MS while requests go on with the snapshot in hand (nearby is the hot path); only the
   * first question after start or after invalidate() waits for a load.
   */
  private readonly snapshot = new RevisionedSnapshot<Snapshot>(
    () => outsideTransaction(() => venuesFingerprint(this.deps.dbh.db)),
    () => outsideTransaction(() => this.load()),
    FRESH_MS,
    'venues',
  );
  /** the China moment of the last request, reused within its minute */
  private lastMoment: { key: number; at: { date: string; minute: number } } | null = null;

  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'calendar' | 'clock'>,
    private readonly items: PlaceItems,
    private readonly helpers: HelperRoster,
  ) {}

  /** After a write in this process: the next question rebuilds at once. */
  invalidate(): void {
    this.snapshot.invalidate();
  }

  private current(): Snapshot | Promise<Snapshot> {
    return this.snapshot.currentOrStale();
  }

  private async load(): Promise<Snapshot> {
    const db = this.deps.dbh.db;
    const [rows, terminals] = await Promise.all([activeVenues(db), terminalsOfActiveVenues(db)]);
    const terminalsOf = new Map<string, TerminalRow[]>();
    for (const t of terminals) terminalsOf.set(t.venue_id, [...(terminalsOf.get(t.venue_id) ?? []), t]);
    const names = new Map<string, string>();
    const venues: Venue[] = [];
    const schedules = new Map<string, number>();
    for (const row of rows) venues.push(await this.venueOf(row, terminalsOf.get(row.id) ?? [], names, schedules));
    const points = new NearestIndex(Float64Array.from(venues, (v) => v.lat), Float64Array.from(venues, (v) => v.lng));
    const bySchedule: number[][] = Array.from({ length: schedules.size }, () => []);
    venues.forEach((v, i) => bySchedule[v.schedule]!.push(i));
    const scheduleOf = Int32Array.from(venues, (v) => v.schedule);
    return { venues, byId: new Map(venues.map((v) => [v.id, v])), points, bySchedule, scheduleOf, byItem: new Map(), open: null };
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
      photos: storedPhotos(row.photos).map((p) => ({ url: photoUrl(p.fileId), alt: p.alt, width: p.width, height: p.height })),
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
   * Open now, for a request's moment: a county's venues share a handful of schedules, so each
   * schedule is worked out once per minute (and calendar version), not once per venue ("open now"
   * over 20,000 venues) nor once per request.
   */
  private openMemo(s: Snapshot, at: { date: string; minute: number }): OpenMemo {
    const calendar = this.deps.calendar.version;
    const memo = s.open;
    if (memo && memo.date === at.date && memo.minute === at.minute && memo.calendar === calendar) return memo;
    return (s.open = { date: at.date, minute: at.minute, calendar, states: [] });
  }

  private opening(s: Snapshot, at: { date: string; minute: number }): (v: Venue) => OpenState {
    return this.openOf(this.openMemo(s, at));
  }

  private openOf(memo: OpenMemo): (v: Venue) => OpenState {
    const { states, date, minute } = memo;
    let cal: CalendarFacts | undefined;
    return (v) => (states[v.schedule] ??= openState(v.hours, date, minute, (cal ??= this.calendarFacts())));
  }

  /**
   * The schedules open at the memo's minute, and when few venues are on them (evenings, Sundays,
   * holidays) those venues, so "open now" looks at them only.
   */
  private openSchedules(s: Snapshot, memo: OpenMemo, openOf: (v: Venue) => OpenState): { flags: Uint8Array; only: number[] | null } {
    if (memo.open) return memo.open;
    const flags = new Uint8Array(s.bySchedule.length);
    let n = 0;
    for (let k = 0; k < s.bySchedule.length; k++) {
      if (openOf(s.venues[s.bySchedule[k]![0]!]!).openNow) {
        flags[k] = 1;
        n += s.bySchedule[k]!.length;
      }
    }
    const only = n < s.venues.length / 4 ? s.bySchedule.filter((_, k) => flags[k] === 1).flat() : null;
    return (memo.open = { flags, only });
  }

  /**
   * The item filter: which venues handle the item (a 400 for a code no published catalog has, so a
   * typo is not "nowhere"). Answered once per item and snapshot as a flag per venue: a town's list,
   * a partner point's own items, its terminals'.
   */
  private async itemFilter(s: Snapshot, code: string | undefined): Promise<ItemFilter | null> {
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
    const openOf = this.opening(s, this.moment());
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
    const openOf = this.opening(s, this.moment());
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
   * GET /venues/nearby: the nearest matching venues to a point, nearest first (nearby.ts: the
   * grid's cells ring by ring around the point). The filters are a test per venue index: the
   * item's flags, the schedule's open state, then kind, access and words.
   */
  private nearest(s: Snapshot, q: NearbyQuery, item: ItemFilter | null): NearbyHits {
    const memo = this.openMemo(s, this.moment());
    const openOf = this.openOf(memo);
    const cheap = this.cheapFilter(q);
    const flags = item?.flags ?? null;
    const open = q.openNow ? this.openSchedules(s, memo, openOf) : null;
    const openFlags = open?.flags ?? null;
    const scheduleOf = s.scheduleOf;
    const accept = !flags && !openFlags && !cheap ? null
      : (index: number) => (!flags || flags[index] === 1) && (!openFlags || openFlags[scheduleOf[index]!] === 1) && (!cheap || cheap(s.venues[index]!));
    const best: Nearest = open?.only ? s.points.nearestAmong(q.lat, q.lng, q.limit, open.only, accept) : s.points.nearest(q.lat, q.lng, q.limit, accept);
    // the open state only of the venues in the answer (worked out once per schedule and minute)
    const hits: NearbyHits['hits'] = [];
    for (let k = 0; k < best.count; k++) {
      const venue = s.venues[best.index[k]!]!;
      hits.push({ venue, dist: best.dist[k]!, open: openOf(venue) });
    }
    return { hits, item: item ? { code: item.code, name: item.name } : null };
  }

  /** The snapshot, awaited only when there is none yet; the item's filter only when one is asked. */
  private async nearestNow(q: NearbyQuery): Promise<NearbyHits> {
    const current = this.current();
    const s = current instanceof Promise ? await current : current;
    return this.nearest(s, q, q.item ? await this.itemFilter(s, q.item) : null);
  }

  async nearby(q: NearbyQuery): Promise<{ items: (VenueSummary & { distanceMeters: number })[]; item: { code: string; name: string } | null }> {
    const { hits, item } = await this.nearestNow(q);
    return { items: hits.map((h) => ({ ...this.summary(h.venue, h.open), distanceMeters: Math.round(h.dist) })), item };
  }

  /** The same answer as JSON text (`nearbyBody` decoded). */
  async nearbyJson(q: NearbyQuery): Promise<string> {
    return (await this.nearbyBody(q)).toString('utf8');
  }

  /**
   * The same answer as UTF-8 JSON, from each venue's summary encoded once per minute (the open
   * state changes by the minute, the rest with the snapshot) and cut from a slab: the map asks
   * this at every pan and every "nearest" tap, and writing ten summaries from scratch (then
   * measuring and encoding the text to send it) cost as much as finding them.
   */
  async nearbyBody(q: NearbyQuery): Promise<Buffer> {
    const { hits, item } = await this.nearestNow(q);
    const tail = item ? Buffer.from(`],"item":${JSON.stringify(item)}}`) : NO_ITEM_TAIL;
    const parts: Buffer[] = [];
    let size = ITEMS_START.length + tail.length + Math.max(0, hits.length - 1);
    for (const h of hits) {
      const part = this.summaryJson(h.venue, h.open);
      parts.push(part);
      size += part.length + digitsOf(Math.round(h.dist)) + 1;
    }
    const body = slice(size);
    body.set(ITEMS_START, 0);
    let at = ITEMS_START.length;
    for (let k = 0; k < parts.length; k++) {
      if (k > 0) body[at++] = 0x2c; // ,
      body.set(parts[k]!, at);
      at = writeDigits(body, at + parts[k]!.length, Math.round(hits[k]!.dist));
      body[at++] = 0x7d; // }
    }
    // the slab is not zeroed: an answer is exactly what was measured, never a byte of another
    if (at + tail.length !== size) throw new Error(`nearby: ${at + tail.length} bytes written of ${size} measured`);
    body.set(tail, at);
    return body;
  }

  /** A venue's summary as UTF-8 JSON up to its distance's value (`…,"distanceMeters":`), kept while its open state holds. */
  private summaryJson(v: Venue, open: OpenState): Buffer {
    const kept = v.json;
    if (kept?.open === open) return kept.bytes;
    const bytes = Buffer.from(`${JSON.stringify(this.summary(v, open)).slice(0, -1)},"distanceMeters":`);
    v.json = { open, bytes };
    return bytes;
  }

  /** chinaMoment of the clock's now, worked out once a minute (it names only the date and the minute). */
  private moment(): { date: string; minute: number } {
    const t = this.deps.clock.now().getTime();
    const key = Math.floor((t + CHINA_OFFSET_MS) / 60_000);
    if (this.lastMoment?.key !== key) this.lastMoment = { key, at: chinaMoment(new Date(t)) };
    return this.lastMoment.at;
  }

  /** GET /venues/{id}: one venue in full. */
  async detail(id: string): Promise<VenueDetail> {
    const s = await this.current();
    const v = s.byId.get(id);
    if (!v) throw new AppError(404, 'VENUE_NOT_FOUND', '没有找到这个办事地点，它可能已调整或撤销');
    const now = this.deps.clock.now();
    const at = chinaMoment(now);
    const cal = this.calendarFacts();
    const openOf = this.opening(s, at);
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
