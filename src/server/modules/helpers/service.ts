/**
 * The public 帮办代办 roster (issue 14, DOMAIN.md §5): who helps people in a town or village, with
 * their work phones (public by design), the places they cover, what they help with and when they
 * are on duty — for GET /helpers?region= and for the venues module's HelperRoster (a venue's page
 * lists the helpers covering its place); and what dispatching requests for help asks of the roster
 * (who covers a village, a town's coordinators, the helper of a staff account).
 *
 * Read from the database on every request (a roster is a few rows; nothing is held in memory).
 */
import type { Deps } from '../../deps.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import type { Region, RegionRef } from '../../platform/regions.js';
import { dutyText, HELPER_PROMISE, helperTypeName, type HelperDuty, type HelperType } from '../../../shared/helpers.js';
import type { HelperRoster } from '../venues/index.js';
import type { ItemNames } from './ports.js';
import { activeCoordinatorsOf, activeCovering, activeHelperOfStaff, activeOfTown, areasOf, type AreaRow, type HelperRow } from './repo.js';
import type { HelperRosterView, RosterHelper } from './schemas.js';

const regionNotFound = (code: string) => new AppError(404, 'REGION_NOT_FOUND', `行政区划 ${code} 不存在`);
/** Within a place, those whose work it is come first: the committee or community staff, the grid worker, then the others. */
const ROSTER_ORDER: readonly HelperType[] = ['village_committee', 'community_worker', 'grid_worker', 'party_member', 'retired_cadre', 'volunteer'];
const typeOrder = (t: string) => {
  const i = ROSTER_ORDER.indexOf(t as HelperType);
  return i < 0 ? ROSTER_ORDER.length : i;
};
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');

/** A helper as dispatch gives them requests: the record, the linked staff account (null: none), the name. */
export interface DispatchHelper {
  helperId: string;
  staffId: string | null;
  name: string;
}

export class HelperDirectory implements HelperRoster {
  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'protector'>,
    private readonly items: ItemNames,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** GET /helpers?region=: a village's helpers and its town's coordinators, or every helper of a town. */
  async roster(code: string): Promise<HelperRosterView> {
    const region = await this.deps.regions.get(code);
    if (!region) throw regionNotFound(code);
    if (region.level !== 'town' && region.level !== 'village') {
      throw validationFailed([{ field: 'region', message: '帮办代办员名单按镇（街道）或村（社区）查询' }]);
    }
    const town = region.level === 'town' ? region : await this.deps.regions.get(region.parentCode ?? '');
    if (!town) throw regionNotFound(code);
    const rows = region.level === 'town' ? await activeOfTown(this.db, town.code) : await activeCovering(this.db, [region.code, town.code], town.code);
    const helpers = await this.present(rows);
    return {
      region: { code: region.code, name: region.shortName, level: region.level, townCode: town.code, townName: town.shortName },
      promise: HELPER_PROMISE,
      items: region.level === 'town' ? this.townOrder(helpers) : this.placeOrder(helpers, region.code),
    };
  }

  /** The venues module's HelperRoster: the helpers covering a venue's place (its own, its town's, the coordinators). */
  async helpersOver(place: RegionRef): Promise<{ name: string; type: HelperType; typeName: string; phone: string }[]> {
    const region = await this.deps.regions.get(place.code);
    if (!region) return [];
    const town = await this.townOf(region);
    const codes = place.path.split('/').filter(Boolean);
    const rows = await activeCovering(this.db, codes, town?.code ?? null);
    if (rows.length === 0) return [];
    const helpers = await this.present(rows);
    return (region.level === 'town' ? this.townOrder(helpers) : this.placeOrder(helpers, region.code)).map((h) => ({ name: h.name, type: h.type, typeName: h.typeName, phone: h.phone }));
  }

  // ---- dispatch: what requests for help ask of the roster (the assistance module's HelperDirectory, by its shape) ----

  /** The active helpers (not coordinators) whose area includes the village — the village itself first, then their whole town. */
  async coveringVillage(villageCode: string): Promise<DispatchHelper[]> {
    const village = await this.deps.regions.get(villageCode);
    if (!village || village.level !== 'village' || !village.parentCode) return [];
    const rows = (await activeCovering(this.db, [village.code, village.parentCode], null)).filter((r) => r.is_coordinator === 0);
    const own = new Set((await areasOf(this.db, rows.map((r) => r.id))).filter((a) => a.region_code === village.code).map((a) => a.helper_id));
    return rows
      .sort((a, b) => Number(own.has(b.id)) - Number(own.has(a.id)) || byName(a, b) || a.id.localeCompare(b.id))
      .map((r) => ({ helperId: r.id, staffId: r.staff_id, name: r.name }));
  }

  /** The active coordinators of a town. */
  async coordinatorsOf(townCode: string): Promise<DispatchHelper[]> {
    return (await activeCoordinatorsOf(this.db, townCode)).map((r) => ({ helperId: r.id, staffId: r.staff_id, name: r.name }));
  }

  /** The active helper record linked to a staff account, or null. */
  async helperOfStaff(staffId: string): Promise<{ helperId: string; name: string; townCode: string } | null> {
    const row = await activeHelperOfStaff(this.db, staffId);
    return row ? { helperId: row.id, name: row.name, townCode: row.town_code } : null;
  }

  private async townOf(region: Region): Promise<Region | undefined> {
    if (region.level === 'town') return region;
    if (region.level === 'village' && region.parentCode) return this.deps.regions.get(region.parentCode);
    return undefined;
  }

  /** A village's roster: its own helpers first, then those covering it from a wider area, then the coordinators; each by type, then name. */
  private placeOrder(helpers: RosterHelper[], placeCode: string): RosterHelper[] {
    const rank = (h: RosterHelper) => (h.coordinator ? 2 : h.regionCodes.includes(placeCode) ? 0 : 1);
    return [...helpers].sort((a, b) => rank(a) - rank(b) || typeOrder(a.type) - typeOrder(b.type) || byName(a, b) || a.id.localeCompare(b.id));
  }

  /** A town's roster: the coordinators first, then by the first place each covers (the town itself before its villages), then name. */
  private townOrder(helpers: RosterHelper[]): RosterHelper[] {
    const first = (h: RosterHelper) => h.regionCodes[0] ?? '';
    return [...helpers].sort((a, b) => Number(b.coordinator) - Number(a.coordinator) || first(a).localeCompare(first(b)) || byName(a, b) || a.id.localeCompare(b.id));
  }

  private async present(rows: HelperRow[]): Promise<RosterHelper[]> {
    if (rows.length === 0) return [];
    const areas = new Map<string, AreaRow[]>();
    for (const a of await areasOf(this.db, rows.map((r) => r.id))) areas.set(a.helper_id, [...(areas.get(a.helper_id) ?? []), a]);
    const out: RosterHelper[] = [];
    for (const r of rows) {
      const own = areas.get(r.id) ?? [];
      const named = await Promise.all(own.map(async (a) => ({ code: a.region_code, name: (await this.deps.regions.get(a.region_code))?.shortName ?? a.region_code })));
      const items: { code: string; name: string }[] = [];
      for (const code of JSON.parse(r.item_codes) as string[]) {
        // an item withdrawn from the published catalog since is left out, not shown as a bare code
        const name = await this.items.itemName(code);
        if (name !== null) items.push({ code, name });
      }
      out.push({
        id: r.id, name: r.name, type: r.type as HelperType, typeName: helperTypeName(r.type), phone: this.deps.protector.decrypt(r.phone_enc),
        regionCodes: named.map((a) => a.code), areas: named, grid: r.grid, coordinator: r.is_coordinator === 1, items,
        duty: dutyText(JSON.parse(r.duty) as HelperDuty), dutyNote: r.duty_note,
      });
    }
    return out;
  }
}
