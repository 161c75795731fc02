/**
 * The demo 帮办代办 roster (SEED_DEMO only, and only where no helper exists): a coordinator for every
 * town, and one or two helpers of mixed kinds in every village of 钢山街道, 千泉街道 and 香城镇 —
 * community workers and grid workers in the 社区, 村两委 members, party members, volunteers and
 * retired cadres in the villages — each with a demo phone (1390537xxxx), the items they help with
 * (taken from what the place's published 实施清单 offers) and weekday duty hours. The demo staff
 * account mengzhuang.helper (刘桂芝) is 孟庄社区's community worker.
 *
 * Names are drawn from fixed lists by the village's code, so every install shows the same roster.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../../db/guard.js';
import { recordAudit } from '../../platform/audit.js';
import { systemContext } from '../../platform/context.js';
import { iso, newId } from '../../platform/ids.js';
import type { Region } from '../../platform/regions.js';
import type { HelperDuty, HelperType } from '../../../shared/helpers.js';
import type { ItemNames } from './ports.js';
import { countHelpers, insertAreas, insertHelpers, type AreaRow, type HelperRow } from './repo.js';

/** What the seed asks of the published catalog (the catalog's PublicCatalog). */
export interface DemoCatalog extends ItemNames {
  /** the item codes a town's or village's published list offers; null where none is published */
  offeredAt(regionCode: string): Promise<ReadonlySet<string> | null>;
}

/** The towns whose villages get helpers. */
const TOWNS_WITH_VILLAGE_HELPERS = ['370883001', '370883002', '370883101'];
/** The demo helper account (seed/demo.ts DEMO_STAFF) and its village. */
const DEMO_HELPER = { username: 'mengzhuang.helper', name: '刘桂芝', village: '370883001004', phone: '13905370006' };

const SURNAMES = ['孟', '颜', '孔', '王', '张', '李', '刘', '陈', '杨', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '高', '宋', '韩', '唐', '于', '董', '曹', '许', '彭', '吕', '邵', '仲'];
const GIVEN = ['秀英', '桂英', '玉兰', '建国', '建华', '志强', '海燕', '丽娟', '红梅', '德胜', '宝山', '庆云', '凤霞', '春生', '文杰', '晓梅', '立新', '国庆', '淑珍', '明亮', '长春', '金凤', '振华', '瑞芳', '广田', '玉梅', '学军', '爱华', '秀兰', '传志'];

/** What each kind of helper typically helps with (village-level items of the demo catalog). */
const ITEMS_OF: Record<HelperType, string[]> = {
  community_worker: ['37200150400001', '37200150600001', '37200252400001', '37201262100001'],
  grid_worker: ['37201262200001', '37201363200001', '37201060100001'],
  party_member: ['37200252100001', '37200353100001', '37200353200001'],
  village_committee: ['37200150100001', '37200555100001', '37200555400001', '37200959100001'],
  volunteer: ['37200150400001', '37200252300001', '37200151400001'],
  retired_cadre: ['37201060200001', '37201060100001', '37202366100001', '37200858200001'],
};

const weekdays = (hours: string[]): HelperDuty['week'] => ({ '1': hours, '2': hours, '3': hours, '4': hours, '5': hours });
const OFFICE_DUTY: HelperDuty = { calendar: 'working', week: weekdays(['08:30-11:30', '14:00-17:00']) };
const MORNING_DUTY: HelperDuty = { calendar: 'working', week: weekdays(['08:30-11:30']) };
const VOLUNTEER_DUTY: HelperDuty = { calendar: 'working', week: { '2': ['09:00-11:30'], '4': ['09:00-11:30'] } };

const pick = <T>(list: readonly T[], key: string, salt: number): T => {
  const h = createHash('sha256').update(`${key}:${salt}`).digest();
  return list[h.readUInt16BE(0) % list.length]!;
};

interface DemoHelper {
  name: string;
  type: HelperType;
  phone: string;
  town: Region;
  areas: Region[];
  coordinator: boolean;
  grid: string;
  items: string[];
  duty: HelperDuty;
  dutyNote: string;
  staffId: string | null;
}

/** Seeds the demo roster; returns how many helpers (0 when any helper already exists). */
export async function seedDemoHelpers(
  deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'protector'>,
  catalog: DemoCatalog,
  /** the id of a staff account by username (the accounts module's), null when there is none */
  staffIdOf: (username: string) => Promise<string | null>,
): Promise<number> {
  const { db } = deps.dbh;
  if ((await countHelpers(db)) > 0) return 0;
  const county = (await deps.regions.childrenOf(null))?.[0];
  if (!county) return 0;
  const towns = ((await deps.regions.childrenOf(county.code)) ?? []).filter((r) => r.level === 'town');
  const demoStaffId = await staffIdOf(DEMO_HELPER.username);
  const helpers: DemoHelper[] = [];
  let serial = 2000;
  const phone = () => `1390537${serial++}`;

  /** The kind's items that the place's published list offers (every published one where the place has no list). */
  const itemsAt = async (type: HelperType, place: Region): Promise<string[]> => {
    const offered = await catalog.offeredAt(place.code);
    const out: string[] = [];
    for (const code of ITEMS_OF[type]) if (offered ? offered.has(code) : (await catalog.itemName(code)) !== null) out.push(code);
    return out;
  };

  for (const town of towns) {
    helpers.push({
      name: `${pick(SURNAMES, town.code, 1)}${pick(GIVEN, town.code, 2)}`, type: 'community_worker', phone: `13905379${town.code.slice(-3)}`,
      town, areas: [town], coordinator: true, grid: '', items: [], duty: OFFICE_DUTY,
      dutyNote: `在${town.shortName}为民服务中心帮办代办窗口`, staffId: null,
    });
    if (!TOWNS_WITH_VILLAGE_HELPERS.includes(town.code)) continue;
    const villages = ((await deps.regions.childrenOf(town.code)) ?? []).filter((r) => r.level === 'village');
    for (const [i, village] of villages.entries()) {
      const community = village.shortName.endsWith('社区');
      const first: HelperType = community ? 'community_worker' : 'village_committee';
      const second: HelperType = community ? pick(['grid_worker', 'party_member', 'volunteer'] as const, village.code, 3) : pick(['party_member', 'volunteer', 'retired_cadre'] as const, village.code, 3);
      const own = village.code === DEMO_HELPER.village && demoStaffId !== null;
      helpers.push({
        name: own ? DEMO_HELPER.name : `${pick(SURNAMES, village.code, 4)}${pick(GIVEN, village.code, 5)}`, type: first, phone: own ? DEMO_HELPER.phone : phone(),
        town, areas: [village], coordinator: false, grid: '', items: await itemsAt(first, village), duty: OFFICE_DUTY,
        dutyNote: community ? '在社区党群服务中心便民服务站' : '在村便民服务站；行动不便的可电话预约上门', staffId: own ? demoStaffId : null,
      });
      // every other place gets a second helper (and 孟庄社区, the demo's own, always)
      if (i % 2 === 1 || village.code === DEMO_HELPER.village) {
        helpers.push({
          name: `${pick(SURNAMES, village.code, 6)}${pick(GIVEN, village.code, 7)}`, type: second, phone: phone(),
          town, areas: [village], coordinator: false, grid: second === 'grid_worker' ? `第${(i % 4) + 1}网格` : '', items: await itemsAt(second, village),
          duty: second === 'volunteer' ? VOLUNTEER_DUTY : second === 'retired_cadre' ? MORNING_DUTY : OFFICE_DUTY,
          dutyNote: second === 'volunteer' ? '其他时间请电话预约' : '', staffId: null,
        });
      }
    }
  }
  if (helpers.length === 0) return 0;

  const now = iso(deps.clock.now());
  const rows: HelperRow[] = [];
  const areas: AreaRow[] = [];
  for (const h of helpers) {
    const id = newId();
    rows.push({
      id, name: h.name, type: h.type, phone_enc: deps.protector.encrypt(h.phone), town_code: h.town.code, town_path: h.town.path, staff_id: h.staffId,
      is_coordinator: h.coordinator ? 1 : 0, grid: h.grid, item_codes: JSON.stringify(h.items), duty: JSON.stringify(h.duty), duty_note: h.dutyNote,
      active: 1, version: 1, created_at: now, updated_at: now,
    });
    for (const a of h.areas) areas.push({ helper_id: id, region_code: a.code, region_path: a.path });
  }
  await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => db.transaction().execute(async (tx) => {
    await insertHelpers(tx, rows);
    await insertAreas(tx, areas);
    await recordAudit(tx, systemContext, { action: 'helper.seed', entityType: 'helper', entityId: 'demo', regionCode: county.code, summary: { demo: true, helpers: rows.length } }, deps.clock);
  }));
  return rows.length;
}

