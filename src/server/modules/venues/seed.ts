/**
 * Demo venues for Zoucheng (SEED_DEMO only): the city centre, all 16 towns' 为民服务中心, every
 * village's 便民服务站, partner points (a bank, a post office and a health centre per town, a
 * supermarket and a 24-hour self-service area per street) and self-service terminals.
 *
 * Coordinates come from the bundled approximate town seats (reference-data/zoucheng-towns-approx.csv,
 * estimated, 5–10 km off is likely) and a fixed scatter around them for villages and partner points:
 * every demo coordinate is marked approximate for an administrator to correct. A centre's or
 * station's address and phone are its published 实施清单 profile's, so the guide and the map agree.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../../db/guard.js';
import { recordAudit } from '../../platform/audit.js';
import { systemContext } from '../../platform/context.js';
import { iso } from '../../platform/ids.js';
import type { Region } from '../../platform/regions.js';
import type { VenueHours } from '../../../shared/venue-hours.js';
import type { Facility, VenueKind } from '../../../shared/venues.js';
import { countVenues, insertTerminals, insertVenues, type NewTerminalRow, type VenueRow } from './repo.js';

/** What the seed reads of a place's published 实施清单 profile. */
export interface PlaceProfiles {
  listProfile(regionCode: string): Promise<{ location: string; consultPhone: string } | null>;
}

const OFFICE: VenueHours = { always: false, calendar: 'working', week: { '1': ['08:30-12:00', '13:30-17:30'], '2': ['08:30-12:00', '13:30-17:30'], '3': ['08:30-12:00', '13:30-17:30'], '4': ['08:30-12:00', '13:30-17:30'], '5': ['08:30-12:00', '13:30-17:30'] }, exceptions: [] };
const STATION: VenueHours = { always: false, calendar: 'working', week: { '1': ['08:30-12:00', '14:00-17:30'], '2': ['08:30-12:00', '14:00-17:30'], '3': ['08:30-12:00', '14:00-17:30'], '4': ['08:30-12:00', '14:00-17:30'], '5': ['08:30-12:00', '14:00-17:30'] }, exceptions: [] };
const every = (hours: string[]): VenueHours['week'] => ({ '1': hours, '2': hours, '3': hours, '4': hours, '5': hours, '6': hours, '7': hours });
const BANK: VenueHours = { always: false, calendar: 'own', week: { ...every(['09:00-17:00']) }, exceptions: [] };
const POST: VenueHours = { always: false, calendar: 'own', week: { '1': ['08:30-17:30'], '2': ['08:30-17:30'], '3': ['08:30-17:30'], '4': ['08:30-17:30'], '5': ['08:30-17:30'], '6': ['09:00-16:00'] }, exceptions: [] };
const CLINIC: VenueHours = { always: false, calendar: 'own', week: every(['08:00-11:30', '14:00-17:30']), exceptions: [] };
const SHOP: VenueHours = { always: false, calendar: 'own', week: every(['08:00-21:00']), exceptions: [] };
const PARTNER_PHONE_DIGIT: Partial<Record<VenueKind, number>> = { bank: 1, post: 2, hospital: 3, shop: 4 };
const ALWAYS: VenueHours = { always: true, calendar: 'own', week: {}, exceptions: [] };

/** 社会保障卡 at the bank, with the 城乡居民养老保险 the banks collect for. */
const BANK_ITEMS = ['37200203400001', '37200203500001', '37200203600001', '37200203700001', '37200203700002', '37200203700003', '37200203800001', '37200203800002', '37200204000001', '37200204000002'];
const POST_ITEMS = ['37200203500001', '37200203600001', '37200200900001'];
const CLINIC_ITEMS = ['37200300100001', '37200300100002', '37200300200001'];
const TERMINAL_ITEMS = ['37200203600001', '37200204000001', '37200204000002', '37200200900001', '37200204200001'];

/** A fixed point 1.5–`maxKm` km from the seat in a direction from the code: the same map on every install. */
function scatter(seat: { lat: number; lng: number }, key: string, maxKm: number): { lat: number; lng: number } {
  const h = createHash('sha256').update(key).digest();
  const angle = (h.readUInt16BE(0) / 65536) * 2 * Math.PI;
  const km = 1.5 + (h.readUInt16BE(2) / 65536) * (maxKm - 1.5);
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return { lat: round(seat.lat + (km / 111.2) * Math.sin(angle)), lng: round(seat.lng + (km / (111.2 * Math.cos((seat.lat * Math.PI) / 180))) * Math.cos(angle)) };
}

export async function seedDemoVenues(deps: Deps, profiles: PlaceProfiles): Promise<number> {
  const { db } = deps.dbh;
  if ((await countVenues(db)) > 0) return 0;
  const county = (await deps.regions.childrenOf(null))?.[0];
  if (!county) throw new Error('no region tree loaded');
  const towns = (await deps.regions.childrenOf(county.code)) ?? [];
  const now = iso(deps.clock.now());
  const venues: VenueRow[] = [];
  const terminals: NewTerminalRow[] = [];
  const countySeat = { lat: county.lat ?? 35.4, lng: county.lng ?? 116.97 };
  const venue = (v: Partial<VenueRow> & Pick<VenueRow, 'id' | 'name' | 'region_code' | 'address' | 'lat' | 'lng'> & { kind: VenueKind; hoursOf: VenueHours; facilitiesOf: Facility[]; items?: string[] | null }) => {
    const { hoursOf, facilitiesOf, items, ...row } = v;
    venues.push({
      coord_approx: 1, phone: '', links: '[]', photos: '[]', description: '', active: 1, version: 1, created_at: now, updated_at: now,
      ...row, hours: JSON.stringify(hoursOf), facilities: JSON.stringify(facilitiesOf), item_codes: items === undefined || items === null ? null : JSON.stringify(items),
    });
  };
  const terminal = (venueId: string, n: number, name: string) =>
    terminals.push({ id: `${venueId}-t${n}`, venue_id: venueId, name, model: '政务服务自助终端（立式）', item_codes: JSON.stringify(TERMINAL_ITEMS), token_hash: null, in_service: 1, last_seen_at: null, created_at: now, updated_at: now });

  venue({
    id: 'county-centre', kind: 'county_centre', name: `${county.shortName}政务服务中心`, region_code: county.code,
    address: `${county.shortName}政务服务中心（市行政审批服务局）`, ...countySeat, phone: '0537-12345', hoursOf: OFFICE,
    facilitiesOf: ['accessible_entrance', 'wheelchair', 'reading_glasses', 'first_aid', 'green_channel', 'accessible_toilet', 'parking', 'water'], items: [],
    description: '市级政务服务事项在此办理；镇（街道）、村（社区）事项也可在此咨询和帮办代办。',
    links: JSON.stringify([{ label: '山东省政务服务网（济宁邹城）', url: 'https://zwfw.sd.gov.cn/' }]),
  });
  venue({ id: 'county-24h', kind: 'self_service', name: `${county.shortName}政务服务中心 24 小时自助服务区`, region_code: county.code, address: `${county.shortName}政务服务中心东门`, ...scatter(countySeat, 'county-24h', 1.6), hoursOf: ALWAYS, facilitiesOf: ['accessible_entrance'], items: [] });
  terminal('county-24h', 1, '1 号自助终端');
  terminal('county-24h', 2, '2 号自助终端');

  for (const town of towns) await seedTown(town);
  async function seedTown(town: Region): Promise<void> {
    const seat = { lat: town.lat ?? countySeat.lat, lng: town.lng ?? countySeat.lng };
    const profile = await profiles.listProfile(town.code);
    const centre = `town-${town.code}`;
    venue({
      id: centre, kind: 'town_centre', name: `${town.shortName}为民服务中心`, region_code: town.code, address: profile?.location ?? `${town.shortName}为民服务中心`,
      ...seat, phone: profile?.consultPhone ?? '', hoursOf: OFFICE, facilitiesOf: ['accessible_entrance', 'wheelchair', 'reading_glasses', 'first_aid', 'green_channel', 'water'],
    });
    terminal(centre, 1, '大厅自助终端');
    const street = town.name.endsWith('街道');
    // demo numbers, fixed per town and kind (0537-56xxxxx), like the catalog's demo phones
    const partner = (kind: VenueKind, suffix: string, name: string, hoursOf: VenueHours, items: string[], facilitiesOf: Facility[]) =>
      venue({ id: `${kind}-${town.code}`, kind, name, region_code: town.code, address: `${town.shortName}${suffix}`, ...scatter(seat, `${kind}-${town.code}`, 3), phone: `0537-56${town.code.slice(-3)}${String(PARTNER_PHONE_DIGIT[kind] ?? 0)}${town.code.slice(-1)}`, hoursOf, facilitiesOf, items });
    partner('bank', '驻地农商银行营业厅', `邹城农商银行${town.shortName}支行（政务服务点）`, BANK, BANK_ITEMS, ['accessible_entrance', 'reading_glasses']);
    terminal(`bank-${town.code}`, 1, '社保卡自助服务终端');
    partner('post', '邮政支局', `${town.shortName}邮政支局（政务服务点）`, POST, POST_ITEMS, ['reading_glasses']);
    partner('hospital', street ? '社区卫生服务中心' : '卫生院', `${town.shortName}${street ? '社区卫生服务中心' : '卫生院'}（医保服务点）`, CLINIC, CLINIC_ITEMS, ['accessible_entrance', 'wheelchair', 'first_aid']);
    if (street) {
      partner('shop', '购物中心一楼服务台', `${town.shortName}购物中心便民服务点`, SHOP, POST_ITEMS, ['accessible_entrance']);
      venue({ id: `self_service-${town.code}`, kind: 'self_service', name: `${town.shortName} 24 小时自助服务区`, region_code: town.code, address: `${town.shortName}为民服务中心西侧`, ...scatter(seat, `self-${town.code}`, 1.6), hoursOf: ALWAYS, facilitiesOf: ['accessible_entrance'], items: [] });
      terminal(`self_service-${town.code}`, 1, '自助终端');
    }
    const villages = (await deps.regions.childrenOf(town.code)) ?? [];
    for (const village of villages) {
      const p = await profiles.listProfile(village.code);
      venue({
        id: `village-${village.code}`, kind: 'village_station', name: `${village.shortName}便民服务站`, region_code: village.code,
        address: `${town.shortName}${p?.location ?? `${village.shortName}便民服务站`}`, ...scatter(seat, village.code, 7), phone: p?.consultPhone ?? '', hoursOf: STATION,
        facilitiesOf: Number(village.code.slice(-3)) % 3 === 0 ? ['accessible_entrance', 'reading_glasses'] : ['reading_glasses'],
      });
    }
  }

  await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => db.transaction().execute(async (tx) => {
    for (let i = 0; i < venues.length; i += 200) await insertVenues(tx, venues.slice(i, i + 200)).execute();
    await insertTerminals(tx, terminals).execute();
    await recordAudit(tx, systemContext, { action: 'venue.seed', entityType: 'venue', entityId: 'demo', regionCode: county.code, summary: { demo: true, venues: venues.length, terminals: terminals.length } }, deps.clock);
  }));
  return venues.length;
}
