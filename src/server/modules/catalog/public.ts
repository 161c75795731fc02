/**
 * What the public sees: the published guidance catalogs as a search index, and each town's and
 * village's published implementation list (profile + item overrides). Held in memory, rebuilt
 * after a publish in this process and at most REFRESH_MS after one in another.
 */
import type { Deps } from '../../deps.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import {
  AUDIENCES, CASE_TYPES, CHANNEL_FORMS, EXERCISE_LEVELS, ITEM_TYPES, MATERIAL_FORMS, MATERIAL_KINDS, MATERIAL_SOURCES, NECESSITIES,
  ONLINE_DEPTHS, POWER_SOURCES, ROW_CODE_PATTERN, TIME_UNITS, type QuickFilter,
} from '../../../shared/catalog.js';
import { displayName, type CatalogItem, type TimeLimit } from '../../../shared/catalog-item.js';
import { onlineApplicationProblem, onlineApplicationRefusal } from '../../../shared/case-rules.js';
import type { Region } from '../../platform/regions.js';
import { RevisionedSnapshot } from '../../platform/snapshot.js';
import { localDetails, type RegionNames } from './local.js';
import { NO_PLACE_CONTACTS, withPlaceContact, type PlaceContacts } from './ports.js';
import { catalogDiff, itemOverrideSchema, listProfileSchema, type ItemOverride, type ListProfile } from './schemas.js';
import { catalogRevision, findNotice, forEachStoredItem, itemOf, noticePage, publishedVersions } from './repo.js';
import { CatalogIndexBuilder, type CatalogSearchIndex, type IndexedItem, type SearchFilters } from './search.js';

const REFRESH_MS = 30_000;
const JSON_CACHE_SIZE = 1000;
/** about 8 MiB of UTF-16 text at most */
const JSON_CACHE_CHARS = 4 * 1024 * 1024;

interface PublishedList {
  profile: ListProfile;
  overrides: Map<string, ItemOverride>;
  publishedAt: string | null;
  revision: number;
}

interface Snapshot {
  index: CatalogSearchIndex;
  versions: Map<'town' | 'village', { id: string; versionNo: number; name: string; effectiveDate: string | null; publishedAt: string | null }>;
  lists: Map<string, PublishedList>;
  allowed: Map<string, Set<string>>;
  /** serialized answers (search pages, guides) of this snapshot, by request */
  json: Map<string, string>;
  /** characters held in `json` (bounded, so memory stays flat) */
  jsonChars: number;
}

export const limitView = (l: TimeLimit) => ({ value: l.value, unit: l.unit, unitLabel: TIME_UNITS[l.unit], note: l.note, text: l.unit === 'instant' ? '即办' : l.unit === 'none' ? '无' : `${l.value} 个${TIME_UNITS[l.unit]}` });
/** A guidance template shown without a chosen place: 镇人民政府（街道办事处）, 村（社区）便民服务站… */
const genericTemplate = (text: string) =>
  text.replaceAll('{townGov}', '镇人民政府（街道办事处）').replaceAll('{villageName}', '村（社区）').replaceAll('{village}', '村（居）民委员会').replaceAll('{town}', '镇（街道）');
const workingDays = (l: TimeLimit) => (l.unit === 'instant' ? 0 : l.unit === 'workday' ? l.value : null);
/** Whether people may apply for the item on this site, and if not why (the shared rule, shared/case-rules.ts). */
const onlineApplicationOf = (item: CatalogItem) => {
  const reason = onlineApplicationProblem(item);
  return { allowed: reason === null, reason };
};

/**
 * 409 ONLINE_APPLICATION_NOT_ALLOWED for an item people cannot apply for online (its guide's
 * `onlineApplication`), with the reason and where to go instead: a citizen's application (cases) and
 * draft (forms) ask it; window intake and helpers' 代办 do not.
 */
export function requireOnlineApplication(guide: { typeCode: string; location: string; consultPhone: string; onlineApplication: { reason: string | null } }): void {
  const { reason } = guide.onlineApplication;
  if (reason === null) return;
  throw conflict('ONLINE_APPLICATION_NOT_ALLOWED', onlineApplicationRefusal(reason, guide.typeCode, { location: guide.location, phone: guide.consultPhone }), {
    reason, location: guide.location, phone: guide.consultPhone,
  });
}

/**
 * How many built guides a snapshot keeps (least recently used out): every item at every place is
 * ~300,000, far more than the few hundred a day's applications use.
 */
const GUIDES_KEPT = 500;

/** An item's guide as `PublicCatalog.guide` builds it. */
export type Guide = Awaited<ReturnType<PublicCatalog['buildGuide']>>;

export class PublicCatalog {
  private readonly snapshot: RevisionedSnapshot<Snapshot>;
  /** guides built from each snapshot, by item and place (a new snapshot starts afresh) */
  private readonly guides = new WeakMap<Snapshot, Map<string, Promise<Guide>>>();

  constructor(
    private readonly deps: Deps,
    private readonly contacts: PlaceContacts = NO_PLACE_CONTACTS,
  ) {
    this.snapshot = new RevisionedSnapshot(() => this.revision(), () => this.load(), REFRESH_MS);
  }

  invalidate(): void {
    this.snapshot.invalidate();
  }

  /** The catalog's own revision and the venues' contacts: either changing rebuilds the snapshot. */
  private async revision(): Promise<string> {
    const [catalog, contacts] = await Promise.all([catalogRevision(this.deps.dbh.db), this.contacts.revision()]);
    return `${catalog}|${contacts}`;
  }

  private current(): Promise<Snapshot> {
    return this.snapshot.current();
  }

  private async load(): Promise<Snapshot> {
    const { db } = this.deps.dbh;
    const versions: Snapshot['versions'] = new Map();
    const builder = new CatalogIndexBuilder();
    for (const v of await publishedVersions(db)) {
      versions.set(v.level, { id: v.id, versionNo: v.version_no, name: v.name, effectiveDate: v.effective_date, publishedAt: v.published_at });
      await forEachStoredItem(db, v.id, (r) => builder.add(v.level, r.sortOrder, r.item));
    }
    const synonyms = (await db.selectFrom('search_synonyms').select(['term', 'targets']).execute()).map((s) => ({ term: s.term, targets: JSON.parse(s.targets) as string[] }));
    const lists = new Map<string, PublishedList>();
    const contacts = await this.contacts.all();
    for (const l of await db.selectFrom('impl_lists').select(['region_code', 'profile_published', 'published_at', 'revision']).where('profile_published', 'is not', null).execute()) {
      const profile = withPlaceContact(listProfileSchema.parse(JSON.parse(l.profile_published!)), contacts.get(l.region_code));
      lists.set(l.region_code, { profile, overrides: new Map(), publishedAt: l.published_at, revision: l.revision });
    }
    for (const o of await db.selectFrom('impl_item_overrides').select(['region_code', 'row_code', 'published']).where('published', 'is not', null).execute()) {
      lists.get(o.region_code)?.overrides.set(o.row_code, itemOverrideSchema.parse(JSON.parse(o.published!)));
    }
    return { index: builder.build(synonyms), versions, lists, allowed: new Map(), json: new Map(), jsonChars: 0 };
  }

  private levelFor(region: Region): 'town' | 'village' | null {
    return region.level === 'county' ? null : region.level;
  }

  /** Row codes a region offers: its level's published catalog minus what its list switched off. */
  private allowedIn(s: Snapshot, region: Region): Set<string> | null {
    const level = this.levelFor(region);
    if (!level) return null;
    const cached = s.allowed.get(region.code);
    if (cached) return cached;
    const list = s.lists.get(region.code);
    const allowed = new Set<string>();
    if (list) {
      const versionId = s.versions.get(level)?.id;
      if (versionId) {
        for (const code of s.index.codesOf(level)) if (list.overrides.get(code)?.enabled !== false) allowed.add(code);
      }
    }
    s.allowed.set(region.code, allowed);
    return allowed;
  }

  /**
   * The answer as JSON text, kept per snapshot: the same search or guide is asked again and again,
   * and serializing a result costs more than finding it. A publish starts a new snapshot.
   */
  private async cachedJson(key: string, build: () => Promise<unknown>): Promise<string> {
    const s = await this.current();
    const hit = s.json.get(key);
    if (hit !== undefined) return hit;
    const json = JSON.stringify(await build());
    while (s.json.size > 0 && (s.json.size >= JSON_CACHE_SIZE || s.jsonChars + json.length > JSON_CACHE_CHARS)) {
      const oldest = s.json.keys().next().value!;
      s.jsonChars -= s.json.get(oldest)!.length;
      s.json.delete(oldest);
    }
    s.json.set(key, json);
    s.jsonChars += json.length;
    return json;
  }

  searchJson(q: Parameters<PublicCatalog['search']>[0]): Promise<string> {
    return this.cachedJson(`search:${JSON.stringify(q)}`, () => this.search(q));
  }

  guideJson(code: string, regionCode?: string): Promise<string> {
    return this.cachedJson(`guide:${code}:${regionCode ?? ''}`, () => this.guide(code, regionCode));
  }

  async search(q: {
    q?: string; level?: 'town' | 'village'; region?: string; department?: string; audience?: 'person' | 'business'; theme?: string; type?: string;
    quick?: QuickFilter[]; page: number; pageSize: number;
  }) {
    const s = await this.current();
    const filters: SearchFilters = { level: q.level, department: q.department, audience: q.audience, theme: q.theme, type: q.type, quick: q.quick };
    let region: Region | undefined;
    if (q.region) {
      region = await this.deps.regions.get(q.region);
      if (!region) throw new AppError(404, 'REGION_NOT_FOUND', `行政区划 ${q.region} 不存在`);
      const level = this.levelFor(region);
      if (level) {
        if (q.level && q.level !== level) throw new AppError(400, 'LEVEL_REGION_MISMATCH', `${region.shortName}只实施${level === 'town' ? '镇（街道）' : '村（社区）'}级目录`);
        filters.level = level;
        filters.allowed = this.allowedIn(s, region) ?? undefined;
        filters.allowedKey = region.code;
      }
    }
    const result = s.index.search(q.q ?? '', filters, q.page, q.pageSize);
    return {
      total: result.total,
      items: result.hits.map((h) => this.summary(h.entry, h.highlights)),
      facets: result.facets,
      expandedTerms: result.expandedTerms,
      suggestions: result.suggestions,
      region: region ? { code: region.code, name: region.shortName, level: region.level } : null,
    };
  }

  private summary(e: IndexedItem, highlights: { start: number; end: number }[] = []) {
    const i = e.facts;
    return {
      code: e.rowCode, name: e.name, itemName: i.name, handlingName: i.handlingName, type: ITEM_TYPES[i.type], typeCode: i.type,
      department: i.department, level: e.level, visits: i.visits, onlineLevel: e.onlineLevel, promisedDays: e.promisedDays,
      promisedLimit: limitView(i.promisedLimit).text, mobile: i.mobile, appointment: i.appointment, themes: i.themes, highlights,
    };
  }

  async regionNames(region: Region): Promise<RegionNames> {
    const names: RegionNames = { code: region.code, name: region.name, shortName: region.shortName, level: region.level };
    if (region.level === 'village' && region.parentCode) {
      const town = await this.deps.regions.get(region.parentCode);
      if (town) names.town = { name: town.name, shortName: town.shortName };
    }
    return names;
  }

  /** A town's or village's published 实施清单 profile (place, hours, phones), or null when it has none. */
  async listProfile(regionCode: string): Promise<ListProfile | null> {
    return (await this.current()).lists.get(regionCode)?.profile ?? null;
  }

  /**
   * One item's guide, with the region's local details when a region is given. Built once per
   * published snapshot and place: an application reads the guide of each item it names, a 一件事
   * of every item twice, so building it anew each time was a good part of a submission's work.
   * Callers only read it.
   */
  async guide(code: string, regionCode?: string): Promise<Guide> {
    const s = await this.current();
    let built = this.guides.get(s);
    if (!built) {
      built = new Map();
      this.guides.set(s, built);
    }
    const key = `${code}|${regionCode ?? ''}`;
    let guide = built.get(key);
    if (guide) {
      // most recently used last: the oldest goes first when the map is full
      built.delete(key);
      built.set(key, guide);
    } else {
      guide = this.buildGuide(s, code, regionCode);
      built.set(key, guide);
      if (built.size > GUIDES_KEPT) built.delete(built.keys().next().value!);
      // a refusal (no such item, not offered here) is not kept: the next asks again
      guide.catch(() => built.delete(key));
    }
    return guide;
  }

  private async buildGuide(s: Snapshot, code: string, regionCode?: string) {
    if (!ROW_CODE_PATTERN.test(code)) throw new AppError(400, 'INVALID_ITEM_CODE', '事项编码格式不正确（应为 14 位：基本编码 + 办理项序号）', [{ field: 'code', message: '事项编码格式不正确' }]);
    let region: Region | undefined;
    let level: 'town' | 'village' | null = null;
    if (regionCode) {
      region = await this.deps.regions.get(regionCode);
      if (!region) throw new AppError(404, 'REGION_NOT_FOUND', `行政区划 ${regionCode} 不存在`);
      level = this.levelFor(region);
    }
    const entry = level ? s.index.get(level, code) : (s.index.get('town', code) ?? s.index.get('village', code));
    if (!entry) throw notFound('事项', 'ITEM_NOT_FOUND');
    const version = s.versions.get(entry.level)!;
    // The index keeps only what search needs; the guide reads the whole item (kept built below GUIDES_KEPT).
    const item = await itemOf(this.deps.dbh.db, version.id, entry.rowCode);
    if (!item) throw notFound('事项', 'ITEM_NOT_FOUND');
    let local = null;
    let listInfo = null;
    if (region && level) {
      const list = s.lists.get(region.code);
      if (!list) throw new AppError(404, 'LIST_NOT_PUBLISHED', `${region.shortName}的实施清单尚未发布`);
      const override = list.overrides.get(code);
      if (override?.enabled === false) throw new AppError(404, 'ITEM_NOT_IN_LIST', `${region.shortName}未实施该事项`);
      local = localDetails(item, await this.regionNames(region), list.profile, override);
      listInfo = { publishedAt: list.publishedAt, revision: list.revision };
    }
    const labels = <T extends Record<string, string>>(map: T, codes: readonly string[]) => codes.map((c) => map[c as keyof T] ?? c);
    return {
      code: entry.rowCode,
      name: displayName(item),
      itemName: item.name,
      handlingName: item.handlingName,
      baseCode: item.baseCode,
      level: entry.level,
      type: ITEM_TYPES[item.type],
      typeCode: item.type,
      exerciseLevel: EXERCISE_LEVELS[item.exerciseLevel],
      powerSource: POWER_SOURCES[item.powerSource],
      department: item.department,
      implementingBody: local?.implementingBody ?? genericTemplate(item.implementingBody),
      handlingOrg: local?.handlingOrg ?? genericTemplate(item.handlingOrg),
      jointOrgs: item.jointOrgs,
      legalBasis: item.legalBasis,
      conditions: item.conditions,
      caseType: CASE_TYPES[item.caseType],
      legalLimit: limitView(item.legalLimit),
      promisedLimit: limitView(item.promisedLimit),
      legalDays: workingDays(item.legalLimit),
      promisedDays: workingDays(item.promisedLimit),
      visits: item.visits,
      visitsReason: item.visitsReason,
      onlineLevel: entry.onlineLevel,
      onlineDepth: labels(ONLINE_DEPTHS, item.onlineDepth),
      onlineUrl: local?.onlineUrl ?? item.onlineUrl,
      onlineApplication: onlineApplicationOf(item),
      mobile: item.mobile,
      appointment: item.appointment,
      onlinePayment: item.onlinePayment,
      delivery: item.delivery,
      inHall: item.inHall,
      channels: labels(CHANNEL_FORMS, item.channels),
      audience: labels(AUDIENCES, item.audience),
      themes: item.themes,
      tongbanScope: item.tongbanScope,
      steps: item.steps,
      specialProcedures: item.specialProcedures,
      intermediaryServices: item.intermediaryServices,
      quantityLimit: item.quantityLimit,
      results: item.results.map((r) => ({ ...r, sampleUrl: r.sampleFileId ? `/api/v1/files/${r.sampleFileId}` : null })),
      fees: item.fees,
      faqs: item.faqs,
      situations: item.situations,
      materials: item.materials.map((m) => ({
        id: m.id, name: m.name, necessity: NECESSITIES[m.necessity], necessityCode: m.necessity, kind: MATERIAL_KINDS[m.kind], form: MATERIAL_FORMS[m.form],
        source: MATERIAL_SOURCES[m.source], sourceNote: m.sourceNote, copies: m.copies, spec: m.spec, notes: m.notes, acceptanceCriteria: m.acceptanceCriteria,
        basis: m.basis, licenceType: m.licenceType, conditional: m.conditional,
        blankFormUrl: m.blankFormFileId ? `/api/v1/files/${m.blankFormFileId}` : null,
        sampleUrl: m.sampleFileId ? `/api/v1/files/${m.sampleFileId}` : null,
      })),
      location: local?.location ?? genericTemplate(item.location),
      hours: local?.hours ?? genericTemplate(item.hours),
      consultPhone: local?.consultPhone ?? item.consultPhone,
      complaintPhone: local?.complaintPhone ?? item.complaintPhone,
      local,
      region: region ? { code: region.code, name: region.shortName, level: region.level, list: listInfo } : null,
      catalog: { name: version.name, versionNo: version.versionNo, effectiveDate: version.effectiveDate },
      path: `/items/${entry.rowCode}${region ? `?region=${region.code}` : ''}`,
    };
  }

  /** 目录调整公示, newest first (read from the database: notices are few and rarely read). */
  async notices(page: number, pageSize: number) {
    const { total, rows } = await noticePage(this.deps.dbh.db, page, pageSize);
    return { total, items: rows.map((r) => ({ id: r.id, title: r.title, effectiveDate: r.effective_date, publishedAt: r.published_at, body: r.body })) };
  }

  /** One notice with the diff it published. */
  async notice(id: string) {
    const r = await findNotice(this.deps.dbh.db, id);
    if (!r) throw notFound('公示', 'NOTICE_NOT_FOUND');
    return { id: r.id, title: r.title, body: r.body, effectiveDate: r.effective_date, publishedAt: r.published_at, diff: catalogDiff.parse(JSON.parse(r.diff)) };
  }

  /**
   * An item's 事项类型 code (05 行政给付 …), from the published catalogs (its town or village row);
   * null when no published catalog has the item any more. Cases word their outcome with it.
   */
  async itemType(code: string): Promise<string | null> {
    const s = await this.current();
    return (s.index.get('town', code) ?? s.index.get('village', code))?.facts.type ?? null;
  }

  /** The item codes a town's or village's published 实施清单 offers; null where none is published (the service map's PlaceItems). */
  async offeredAt(regionCode: string): Promise<ReadonlySet<string> | null> {
    const region = await this.deps.regions.get(regionCode);
    if (!region) return null;
    const s = await this.current();
    return s.lists.has(region.code) ? this.allowedIn(s, region) : null;
  }

  /** An item's name as its guide shows it (名称（办理项）), or null when no published catalog has it. */
  async itemName(code: string): Promise<string | null> {
    const s = await this.current();
    return (s.index.get('town', code) ?? s.index.get('village', code))?.name ?? null;
  }

  async departments(level?: 'town' | 'village') {
    const s = await this.current();
    return s.index.search('', { level }, 1, 1).facets.departments;
  }
}
