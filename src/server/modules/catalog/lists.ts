/**
 * 实施清单: each town and village follows its level's published guidance catalog and fills in
 * its own local fields. Edits go to a draft; publishing makes them public, list by list. A town
 * admin edits only their own town's and villages' lists (catalog.manage over the region).
 */
import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../../db/guard.js';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { iso } from '../../platform/ids.js';
import { can, scopePaths, type Actor } from '../../platform/permissions.js';
import { displayName } from '../../../shared/catalog-item.js';
import type { Region } from '../../platform/regions.js';
import { localDetails, LOCAL_FIELD_LABELS, missingProfileFields } from './local.js';
import { VENUE_FIELDS, withPlaceContact, type PlaceContacts } from './ports.js';
import { itemOverrideSchema, listProfileSchema, type ItemOverride, type ListProfile } from './schemas.js';
import type { LocalFieldsRow } from './excel.js';
import { bumpCatalogRevision, findCatalogByLevel, itemsOf, versionWithStatus } from './repo.js';

const listNotFound = () => notFound('实施清单', 'LIST_NOT_FOUND');

export class ImplementationLists {
  constructor(
    private readonly deps: Deps,
    private readonly onPublished: () => void,
    private readonly contacts: PlaceContacts,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  private async regionFor(actor: Actor, regionCode: string): Promise<Region> {
    const region = await this.deps.regions.get(regionCode);
    if (!region || region.level === 'county') throw listNotFound();
    if (!can(actor, 'catalog.manage', region)) throw forbidden(`您无权维护「${region.shortName}」的实施清单`);
    await this.ensureList(region);
    return region;
  }

  /**
   * The guidance catalog a place's list adopts: its county's, else the deployment's (the first
   * county's) — a county imported beside the first one shares its 指导目录 (the public catalog is
   * one per level) and keeps its own 实施清单.
   */
  private async guidanceFor(region: Region, level: 'town' | 'village') {
    const own = await findCatalogByLevel(this.db, (await this.rootOf(region)).code, level);
    if (own) return own;
    const [home] = (await this.deps.regions.childrenOf(null)) ?? [];
    return home ? findCatalogByLevel(this.db, home.code, level) : undefined;
  }

  /**
   * A place without a list (its county was imported after the catalogs were) gets an empty draft
   * the first time its administrator opens it; nothing is public until they publish it.
   */
  private async ensureList(region: Region): Promise<void> {
    if (region.level === 'county') return;
    if (await this.db.selectFrom('impl_lists').select('region_code').where('region_code', '=', region.code).executeTakeFirst()) return;
    const catalog = await this.guidanceFor(region, region.level);
    if (!catalog) return;
    await this.db.insertInto('impl_lists').values({
      region_code: region.code, catalog_id: catalog.id, profile_draft: JSON.stringify(listProfileSchema.parse({})), profile_published: null,
      revision: 0, dirty: 1, updated_at: iso(this.deps.clock.now()), published_at: null, published_by: null,
    }).onConflict((oc) => oc.column('region_code').doNothing()).execute();
  }

  private async listRow(regionCode: string) {
    const row = await this.db.selectFrom('impl_lists').selectAll().where('region_code', '=', regionCode).executeTakeFirst();
    if (!row) throw listNotFound();
    return row;
  }

  /** Lists in the actor's scope, optionally only one town's (the town and its villages). */
  async list(actor: Actor, q: { parent?: string; missingOnly?: boolean; page: number; pageSize: number }) {
    const paths = scopePaths(actor, 'catalog.manage');
    if (paths.length === 0) return { total: 0, items: [] };
    let query = this.db.selectFrom('impl_lists as l').innerJoin('regions as r', 'r.code', 'l.region_code')
      .select(['l.region_code', 'r.short_name', 'r.level', 'r.parent_code', 'r.path', 'l.profile_draft', 'l.profile_published', 'l.dirty', 'l.published_at', 'l.revision', 'l.updated_at'])
      .where((eb) => eb.or(paths.map((p) => eb('r.path', 'like', `${p}%`))));
    if (q.parent) {
      const parent = await this.deps.regions.require(q.parent, 'parent');
      query = query.where((eb) => eb.or([eb('r.code', '=', parent.code), eb('r.parent_code', '=', parent.code)]));
    }
    const rows = await query.orderBy('r.path').execute();
    const contacts = await this.contacts.all();
    const items = rows.map((r) => {
      const profile = withPlaceContact(listProfileSchema.parse(JSON.parse(r.profile_draft)), contacts.get(r.region_code));
      const missing = missingProfileFields(profile, r.level as 'town' | 'village');
      return {
        regionCode: r.region_code, regionName: r.short_name, level: r.level as 'town' | 'village', parentCode: r.parent_code,
        published: r.profile_published !== null, dirty: r.dirty === 1, publishedAt: r.published_at, revision: r.revision, updatedAt: r.updated_at,
        missing, missingLabels: missing.map((m) => LOCAL_FIELD_LABELS[m] ?? m),
      };
    }).filter((r) => !q.missingOnly || r.missing.length > 0);
    return { total: items.length, items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
  }

  async get(actor: Actor, regionCode: string) {
    const region = await this.regionFor(actor, regionCode);
    const row = await this.listRow(regionCode);
    const level = region.level as 'town' | 'village';
    const contact = await this.contacts.of(regionCode);
    const profile = withPlaceContact(listProfileSchema.parse(JSON.parse(row.profile_draft)), contact);
    const overrides = new Map(
      (await this.db.selectFrom('impl_item_overrides').select(['row_code', 'draft']).where('region_code', '=', regionCode).execute())
        .filter((o) => o.draft !== null)
        .map((o) => [o.row_code, itemOverrideSchema.parse(JSON.parse(o.draft!))]),
    );
    const catalog = await this.guidanceFor(region, level);
    const version = catalog ? await versionWithStatus(this.db, catalog.id, ['published']) : undefined;
    const names = await this.names(region);
    const items = version
      ? (await itemsOf(this.db, version.id)).map((r) => {
          const override = overrides.get(r.rowCode);
          const details = localDetails(r.item, names, profile, override);
          return { rowCode: r.rowCode, name: displayName(r.item), department: r.item.department, enabled: override?.enabled !== false, override: override ?? null, missing: details.missing };
        })
      : [];
    const missing = missingProfileFields(profile, level);
    return {
      regionCode, regionName: region.shortName, level, profile,
      published: row.profile_published ? withPlaceContact(listProfileSchema.parse(JSON.parse(row.profile_published)), contact) : null,
      venue: contact ? { id: contact.venueId, name: contact.venueName, fields: [...VENUE_FIELDS] } : null,
      dirty: row.dirty === 1, publishedAt: row.published_at, revision: row.revision,
      missing, missingLabels: missing.map((m) => LOCAL_FIELD_LABELS[m] ?? m),
      catalogVersion: version ? { id: version.id, versionNo: version.version_no } : null,
      items,
    };
  }

  private async rootOf(region: Region): Promise<Region> {
    return (await this.deps.regions.ancestors(region.code))[0];
  }

  private async names(region: Region) {
    const town = region.level === 'village' && region.parentCode ? await this.deps.regions.get(region.parentCode) : undefined;
    return { code: region.code, name: region.name, shortName: region.shortName, level: region.level, town: town ? { name: town.name, shortName: town.shortName } : undefined };
  }

  async updateProfile(ctx: RequestContext, actor: Actor, regionCode: string, profile: ListProfile) {
    const region = await this.regionFor(actor, regionCode);
    const contact = await this.contacts.of(regionCode);
    // The venue's address, hours and phone are kept on the venue (the service map): one place to change them.
    const fromVenue = contact ? VENUE_FIELDS.filter((k) => profile[k] !== contact[k]) : [];
    if (contact && fromVenue.length) {
      throw new AppError(400, 'PROFILE_FIELD_FROM_VENUE', `${fromVenue.map((k) => LOCAL_FIELD_LABELS[k]).join('、')}由服务网点「${contact.venueName}」提供，请在工作台「服务网点」中修改`,
        fromVenue.map((k) => ({ field: k, message: `${LOCAL_FIELD_LABELS[k]}在服务网点中修改` })));
    }
    const before = listProfileSchema.parse(JSON.parse((await this.listRow(regionCode)).profile_draft));
    const changed = (Object.keys(profile) as (keyof ListProfile)[]).filter((k) => profile[k] !== before[k]);
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('impl_lists').set({ profile_draft: JSON.stringify(profile), dirty: 1, updated_at: iso(this.deps.clock.now()) }).where('region_code', '=', regionCode).execute();
      await recordAudit(tx, ctx, { action: 'impl_list.profile.update', entityType: 'impl_list', entityId: regionCode, regionCode: region.code, summary: { fields: changed } }, this.deps.clock);
    });
    return this.get(actor, regionCode);
  }

  async updateOverride(ctx: RequestContext, actor: Actor, regionCode: string, rowCode: string, override: ItemOverride | null) {
    const region = await this.regionFor(actor, regionCode);
    const list = await this.get(actor, regionCode);
    if (!list.items.some((i) => i.rowCode === rowCode)) throw notFound('事项', 'ITEM_NOT_FOUND');
    const empty = override === null || Object.values(override).every((v) => v === undefined);
    await this.db.transaction().execute(async (tx) => {
      const draft = empty ? null : JSON.stringify(override);
      await tx.insertInto('impl_item_overrides').values({ region_code: regionCode, row_code: rowCode, draft, published: null })
        .onConflict((oc) => oc.columns(['region_code', 'row_code']).doUpdateSet({ draft })).execute();
      await tx.updateTable('impl_lists').set({ dirty: 1, updated_at: iso(this.deps.clock.now()) }).where('region_code', '=', regionCode).execute();
      await recordAudit(tx, ctx, { action: 'impl_list.item.update', entityType: 'impl_list', entityId: regionCode, regionCode: region.code, summary: { rowCode, override } }, this.deps.clock);
    });
    return this.get(actor, regionCode);
  }

  /** Makes the draft public. Missing local fields do not block (they are flagged), so a list can go live and be completed. */
  async publish(ctx: RequestContext, actor: Actor, regionCode: string) {
    const region = await this.regionFor(actor, regionCode);
    const row = await this.listRow(regionCode);
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const res = await tx.updateTable('impl_lists')
        .set({ profile_published: row.profile_draft, dirty: 0, revision: row.revision + 1, published_at: now, published_by: actor.kind === 'staff' ? actor.id : null })
        .where('region_code', '=', regionCode).where('revision', '=', row.revision).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'LIST_CHANGED', '清单刚被他人发布，请刷新后重试');
      await tx.updateTable('impl_item_overrides').set((eb) => ({ published: eb.ref('draft') })).where('region_code', '=', regionCode).execute();
      await tx.deleteFrom('impl_item_overrides').where('region_code', '=', regionCode).where('draft', 'is', null).execute();
      await bumpCatalogRevision(tx, now);
      await recordAudit(tx, ctx, { action: 'impl_list.publish', entityType: 'impl_list', entityId: regionCode, regionCode: region.code, summary: { revision: row.revision + 1 } }, this.deps.clock);
    });
    this.onPublished();
    return this.get(actor, regionCode);
  }

  /** Local fields of every item in the lists in scope (one town and its villages, or all), as draft values. */
  async exportRows(actor: Actor, parent?: string): Promise<LocalFieldsRow[]> {
    const { items: lists } = await this.list(actor, { parent, page: 1, pageSize: 100000 });
    const rows: LocalFieldsRow[] = [];
    for (const l of lists) {
      const detail = await this.get(actor, l.regionCode);
      const p = detail.profile;
      for (const item of detail.items) {
        const o = item.override ?? {};
        rows.push({
          regionCode: l.regionCode, regionName: l.regionName, rowCode: item.rowCode, itemName: item.name, enabled: item.enabled,
          handlingMode: o.handlingMode ?? p.defaultHandlingMode ?? '', location: o.location ?? p.location, hours: o.hours ?? p.hours,
          consultPhone: o.consultPhone ?? p.consultPhone, complaintPhone: o.complaintPhone ?? p.complaintPhone, window: o.window ?? p.window,
          staffContact: o.staffContact ?? p.staffContact, devolvedToTown: o.devolvedToTown ?? false, extendedToVillage: o.extendedToVillage ?? false,
          onlineUrl: o.onlineUrl ?? '',
        });
      }
    }
    return rows;
  }

  /**
   * Applies an imported 实施清单 workbook to the drafts, all or nothing. A value equal to the
   * list's profile is no override; anything else becomes the item's override.
   */
  async importRows(ctx: RequestContext, actor: Actor, rows: LocalFieldsRow[]): Promise<{ lists: number; rows: number }> {
    const problems: { row: number; message: string }[] = [];
    const byRegion = new Map<string, { row: LocalFieldsRow; line: number }[]>();
    rows.forEach((row, i) => {
      const list = byRegion.get(row.regionCode) ?? [];
      list.push({ row, line: i + 2 });
      byRegion.set(row.regionCode, list);
    });
    const plans: { region: Region; overrides: Map<string, ItemOverride | null> }[] = [];
    for (const [code, entries] of byRegion) {
      const region = await this.deps.regions.get(code);
      if (!region || region.level === 'county' || !can(actor, 'catalog.manage', region)) {
        for (const e of entries) problems.push({ row: e.line, message: `无权维护或不存在的行政区划 ${code}` });
        continue;
      }
      const detail = await this.get(actor, code);
      const known = new Set(detail.items.map((i) => i.rowCode));
      const p = detail.profile;
      const overrides = new Map<string, ItemOverride | null>();
      for (const { row, line } of entries) {
        if (!known.has(row.rowCode)) {
          problems.push({ row: line, message: `${region.shortName}的目录中没有事项 ${row.rowCode}` });
          continue;
        }
        const o: ItemOverride = {};
        if (!row.enabled) o.enabled = false;
        if (row.handlingMode && row.handlingMode !== (p.defaultHandlingMode ?? '')) o.handlingMode = row.handlingMode as ItemOverride['handlingMode'];
        for (const key of ['location', 'hours', 'consultPhone', 'complaintPhone', 'window', 'staffContact'] as const) if (row[key] !== p[key]) o[key] = row[key];
        if (row.devolvedToTown) o.devolvedToTown = true;
        if (row.extendedToVillage) o.extendedToVillage = true;
        if (row.onlineUrl) o.onlineUrl = row.onlineUrl;
        const parsed = itemOverrideSchema.safeParse(o);
        if (!parsed.success) problems.push({ row: line, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；') });
        else overrides.set(row.rowCode, Object.keys(parsed.data).length ? parsed.data : null);
      }
      plans.push({ region, overrides });
    }
    if (problems.length) throw new AppError(400, 'WORKBOOK_INVALID', `实施清单有 ${problems.length} 处错误，未导入任何数据`, problems.map((p) => ({ sheet: '实施清单', row: p.row, column: '', message: p.message })));
    const now = iso(this.deps.clock.now());
    await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => this.db.transaction().execute(async (tx) => {
      for (const plan of plans) {
        for (const [rowCode, override] of plan.overrides) {
          const draft = override ? JSON.stringify(override) : null;
          await tx.insertInto('impl_item_overrides').values({ region_code: plan.region.code, row_code: rowCode, draft, published: null })
            .onConflict((oc) => oc.columns(['region_code', 'row_code']).doUpdateSet({ draft })).execute();
        }
        await tx.updateTable('impl_lists').set({ dirty: 1, updated_at: now }).where('region_code', '=', plan.region.code).execute();
        await recordAudit(tx, ctx, { action: 'impl_list.import', entityType: 'impl_list', entityId: plan.region.code, regionCode: plan.region.code, summary: { rows: plan.overrides.size } }, this.deps.clock);
      }
    }));
    return { lists: plans.length, rows: rows.length };
  }
}
