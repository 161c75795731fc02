import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../../db/guard.js';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/index.js';
import { AppError } from '../../platform/errors.js';
import { RefreshSchedule } from '../../platform/refreshing.js';
import type { RegionRef } from '../../platform/permissions.js';
import { listAllRegions, upsertRegions, type RegionRow } from './repo.js';

import type { Region, RegionLevel, RegionTree } from '../../platform/regions.js';

export type { Region, RegionLevel };
const LEVELS: RegionLevel[] = ['county', 'town', 'village'];

/** 孟庄社区居委会 → 孟庄社区, 苏家庄村民委员会 → 苏家庄村: the name people use. */
export function shortRegionName(official: string): string {
  return official
    .replace(/社区居民委员会$|社区居委会$/, '社区')
    .replace(/居民委员会$|居委会$/, '社区')
    .replace(/村民委员会$|村委会$/, '村');
}

/**
 * The region tree, held in memory: it is small (a county has ~1,000 nodes) and read on nearly
 * every request. Reloaded after an import here, and in the background about REFRESH_MS after one
 * elsewhere (never inside a caller's transaction: see RefreshSchedule).
 */
export class RegionDirectory implements RegionTree {
  private byCode = new Map<string, Region>();
  private children = new Map<string | null, Region[]>();
  /** bumped on every load, so callers can cache what they derive from the tree */
  version = 0;
  private static readonly REFRESH_MS = 60_000;

  private readonly schedule: RefreshSchedule;

  constructor(private readonly db: Db) {
    this.schedule = new RefreshSchedule(() => this.load(), RegionDirectory.REFRESH_MS);
  }

  async load(): Promise<void> {
    const rows = await listAllRegions(this.db);
    const byCode = new Map<string, Region>();
    const children = new Map<string | null, Region[]>();
    const sorted = [...rows].sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code));
    for (const r of sorted) {
      const region: Region = {
        code: r.code, name: r.name, shortName: r.short_name, level: r.level, parentCode: r.parent_code,
        path: r.path, lat: r.lat, lng: r.lng,
      };
      byCode.set(r.code, region);
      const list = children.get(r.parent_code) ?? [];
      list.push(region);
      children.set(r.parent_code, list);
    }
    this.byCode = byCode;
    this.children = children;
    this.schedule.loaded();
    this.version++;
  }

  private fresh(): Promise<void> {
    return this.schedule.fresh();
  }

  async get(code: string): Promise<Region | undefined> {
    await this.fresh();
    return this.byCode.get(code);
  }

  async require(code: string, field = 'regionCode'): Promise<Region> {
    const region = await this.get(code);
    if (!region) throw new AppError(400, 'REGION_NOT_FOUND', `行政区划代码 ${code} 不存在`, [{ field, message: '行政区划不存在' }]);
    return region;
  }

  /** Children of `parent`; with no parent, the top of the tree. */
  async childrenOf(parent: string | null): Promise<Region[] | undefined> {
    await this.fresh();
    if (parent !== null && !this.byCode.has(parent)) return undefined;
    return this.children.get(parent) ?? [];
  }

  hasChildren(code: string): boolean {
    return (this.children.get(code)?.length ?? 0) > 0;
  }

  async ancestors(code: string): Promise<Region[]> {
    const region = await this.get(code);
    if (!region) return [];
    return region.path
      .split('/')
      .filter(Boolean)
      .map((c) => this.byCode.get(c))
      .filter((r): r is Region => r !== undefined);
  }

  /** Every region in the subtree (self included). */
  async subtree(code: string): Promise<Region[]> {
    const root = await this.get(code);
    if (!root) return [];
    return [...this.byCode.values()].filter((r) => r.path.startsWith(root.path));
  }

  ref(region: Region): RegionRef {
    return { code: region.code, path: region.path };
  }
}

export interface RegionImportRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: RegionLevel;
}

export interface ImportProblem {
  line: number;
  message: string;
}

/**
 * Parses a division CSV (`code,name,parent_code,level`). A parent outside the file (e.g. the
 * prefecture 370800 above a county) makes that row a root. Returns rows or every problem found.
 */
export function parseRegionCsv(text: string): { rows: RegionImportRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    return { rows: [], problems: [{ line: 0, message: `CSV 无法解析：${(err as Error).message}` }] };
  }
  const header = records.length > 0 ? Object.keys(records[0]) : [];
  for (const col of ['code', 'name', 'parent_code', 'level']) {
    if (records.length > 0 && !header.includes(col)) problems.push({ line: 1, message: `缺少列 ${col}` });
  }
  if (problems.length) return { rows: [], problems };
  const codes = new Set<string>();
  const rows: RegionImportRow[] = [];
  records.forEach((rec, i) => {
    const line = i + 2;
    const code = rec.code ?? '';
    if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(code)) problems.push({ line, message: `代码 ${code} 应为 6、9 或 12 位数字` });
    if (codes.has(code)) problems.push({ line, message: `代码 ${code} 重复` });
    codes.add(code);
    if (!rec.name || rec.name.length > 100) problems.push({ line, message: '名称不能为空且不超过 100 字' });
    if (!LEVELS.includes(rec.level as RegionLevel)) problems.push({ line, message: `层级 ${rec.level} 应为 county、town 或 village` });
    rows.push({ code, name: rec.name, parentCode: rec.parent_code || null, level: rec.level as RegionLevel });
  });
  if (rows.length === 0) problems.push({ line: 0, message: '文件中没有行政区划' });
  return { rows, problems };
}

export interface Coordinates {
  code: string;
  lat: number;
  lng: number;
}

export function parseCoordinatesCsv(text: string): Coordinates[] {
  const records: Record<string, string>[] = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true });
  return records
    .map((r) => ({ code: r.code, lat: Number(r.lat), lng: Number(r.lng) }))
    .filter((c) => Number.isFinite(c.lat) && Number.isFinite(c.lng));
}

/** Builds paths from parent links, rejecting cycles and orphans, then upserts the whole tree. */
export async function importRegions(db: Db, rows: RegionImportRow[], coordinates: Coordinates[] = []): Promise<number> {
  const inFile = new Map(rows.map((r) => [r.code, r]));
  const existing = new Map((await listAllRegions(db)).map((r) => [r.code, r]));
  const coords = new Map(coordinates.map((c) => [c.code, c]));
  const paths = new Map<string, string>();
  const pathOf = (code: string, seen: Set<string>): string => {
    const known = paths.get(code);
    if (known) return known;
    if (seen.has(code)) throw new AppError(400, 'REGION_CYCLE', `行政区划 ${code} 的上级关系成环`);
    seen.add(code);
    const row = inFile.get(code);
    let parentPath = '/';
    if (row?.parentCode && inFile.has(row.parentCode)) parentPath = pathOf(row.parentCode, seen);
    else if (row?.parentCode && existing.has(row.parentCode)) parentPath = existing.get(row.parentCode)!.path;
    const p = `${parentPath}${code}/`;
    paths.set(code, p);
    return p;
  };
  // A file of new places (another county beside the first) sorts after what is there, and a
  // re-import keeps its place: the first county stays the top of the tree (canAtTop, the portal's
  // county) instead of whichever has the lower code.
  const known = rows.findIndex((r) => existing.has(r.code));
  const after = known >= 0 ? existing.get(rows[known]!.code)!.sort_order - known : Math.max(-1, ...[...existing.values()].map((r) => r.sort_order)) + 1;
  const out: RegionRow[] = rows.map((r, i) => {
    const parentKnown = r.parentCode !== null && (inFile.has(r.parentCode) || existing.has(r.parentCode));
    const c = coords.get(r.code);
    return {
      code: r.code,
      name: r.name,
      short_name: shortRegionName(r.name),
      parent_code: parentKnown ? r.parentCode : null,
      level: r.level,
      path: pathOf(r.code, new Set()),
      sort_order: after + i,
      lat: c?.lat ?? existing.get(r.code)?.lat ?? null,
      lng: c?.lng ?? existing.get(r.code)?.lng ?? null,
    };
  });
  // Parents first, so foreign keys hold at every insert.
  out.sort((a, b) => a.path.length - b.path.length);
  await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => db.transaction().execute((tx) => upsertRegions(tx, out)));
  return out.length;
}
