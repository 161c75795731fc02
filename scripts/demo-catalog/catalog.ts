/**
 * Assembles the two demonstration guidance catalogs from the item definitions and checks
 * their structure. Used by build.ts (which writes the JSON files) and by the catalog test
 * (which checks that the committed files are what the definitions produce).
 */
import { rowCode, type CatalogItem } from '../../src/shared/catalog-item.js';
import { expand, type DepartmentBlock } from './expand.js';
import { civil } from './town/civil.js';
import { enforcementBlocks } from './town/enforcement.js';
import { health, medicare } from './town/health.js';
import { hrss } from './town/hrss.js';
import { agri, housing, land } from './town/rural.js';
import * as services from './town/services.js';
import { extendedTownItems, villageBlocks } from './village.js';

export const TOWN_ROWS = 358;
export const VILLAGE_ROWS = 62;

export const NOTE = '演示目录：事项名称取自国家及山东省基层政务服务事项目录，办理要素为演示用途，正式目录请通过 Excel 导入。';

export interface CatalogMeta {
  level: 'town' | 'village';
  name: string;
  demonstration: true;
  note: string;
  generatedAt: string;
}

export interface CatalogFile {
  meta: CatalogMeta;
  items: CatalogItem[];
}

export const townBlocks = (): DepartmentBlock[] => [
  civil,
  hrss,
  medicare,
  health,
  agri,
  land,
  housing,
  services.veterans,
  services.disabled,
  services.justice,
  services.market,
  services.police,
  services.emergency,
  services.tax,
  services.culture,
  services.education,
  services.military,
  services.union,
  services.women,
  services.petition,
  services.redCross,
  ...enforcementBlocks(),
];

/** Structural checks the schema cannot express; returns problems (empty = fine). */
export function structuralProblems(items: CatalogItem[]): string[] {
  const problems: string[] = [];
  const rows = new Set<string>();
  // one 主项+子项 (chars 4–12 of 基本编码) belongs to one item name and one type
  const mains = new Map<string, string>();
  for (const item of items) {
    const code = rowCode(item);
    if (rows.has(code)) problems.push(`duplicate row code ${code}`);
    rows.add(code);
    const main = item.baseCode.slice(4);
    const who = `${item.type}:${item.name}`;
    if (mains.has(main) && mains.get(main) !== who) problems.push(`主项 ${main} used by ${mains.get(main)} and ${who}`);
    mains.set(main, who);
    const ids = new Set(item.materials.map((m) => m.id));
    if (ids.size !== item.materials.length) problems.push(`${code} ${item.name}: duplicate material ids`);
    const selected = new Set(item.situations.flatMap((s) => s.options.flatMap((o) => o.materialIds)));
    for (const id of selected) if (!ids.has(id)) problems.push(`${code} ${item.name}: situation refers to missing material ${id}`);
    for (const m of item.materials) if (m.conditional && !selected.has(m.id)) problems.push(`${code} ${item.name}: conditional material ${m.id} not selected by any situation`);
  }
  return problems;
}

export function buildCatalogs(generatedAt: string): { town: CatalogFile; village: CatalogFile } {
  const villageItems = expand('village', villageBlocks());
  const townItems = expand('town', townBlocks()).map((i) => (extendedTownItems.has(i.name) ? { ...i, extendedToVillage: true } : i));
  const townNames = new Set(townItems.map((i) => i.name));
  const missing = [...extendedTownItems].filter((n) => !townNames.has(n));
  const problems = [
    ...structuralProblems(townItems).map((p) => `town: ${p}`),
    ...structuralProblems(villageItems).map((p) => `village: ${p}`),
    ...missing.map((n) => `village item extends unknown town item ${n}`),
  ];
  if (townItems.length !== TOWN_ROWS) problems.push(`town catalog has ${townItems.length} rows, expected ${TOWN_ROWS}`);
  if (villageItems.length !== VILLAGE_ROWS) problems.push(`village catalog has ${villageItems.length} rows, expected ${VILLAGE_ROWS}`);
  if (problems.length) throw new Error(`demonstration catalog is inconsistent:\n${problems.join('\n')}`);
  const meta = (level: 'town' | 'village', name: string): CatalogMeta => ({ level, name, demonstration: true, note: NOTE, generatedAt });
  return {
    town: { meta: meta('town', '邹城市乡镇（街道）政务服务事项指导目录（演示版）'), items: townItems },
    village: { meta: meta('village', '邹城市村（社区）便民服务事项指导目录（演示版）'), items: villageItems },
  };
}
