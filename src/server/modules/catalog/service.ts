/**
 * Guidance catalogs (指导目录), versioned: draft → review → published → superseded. A published
 * version never changes; the next one starts as a copy, and publishing it records the diff as a
 * public notice (调整公示) with an effective date.
 */
import { IMPORT_TRANSACTION_MS, withTransactionDeadline } from '../../db/guard.js';
import type { Deps } from '../../deps.js';
import type { CatalogVersionTable } from '../../db/types.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { can, type Actor } from '../../platform/permissions.js';
import { displayName, rowCode, type CatalogItem } from '../../../shared/catalog-item.js';
import { diffCatalogs, noticeBody } from './diff.js';
import { lintCatalog, lintItem } from './lint.js';
import {
  bumpCatalogRevision, countItems, findCatalog, findVersion, insertItems, itemMap, itemRow, itemsOf, listCatalogRows, parseStored, versionsOf, versionWithStatus,
} from './repo.js';
import type { CatalogDiff } from './schemas.js';

export const AREA_CODE = '0537';

const versionNotFound = () => notFound('目录版本', 'CATALOG_VERSION_NOT_FOUND');
const notDraft = (status: string) =>
  new AppError(409, 'VERSION_NOT_EDITABLE', status === 'published' || status === 'superseded' ? '已发布的目录版本不能修改，请新建版本' : '目录版本正在审核，不能修改；如需修改请先退回草稿');

export function versionView(v: CatalogVersionTable) {
  return {
    id: v.id, catalogId: v.catalog_id, versionNo: v.version_no, status: v.status, itemCount: v.item_count, note: v.note,
    createdAt: v.created_at, updatedAt: v.updated_at, submittedAt: v.submitted_at, publishedAt: v.published_at, effectiveDate: v.effective_date,
  };
}

export class CatalogService {
  constructor(private readonly deps: Deps, private readonly onPublished: () => void) {}

  private get db() {
    return this.deps.dbh.db;
  }

  private async catalogFor(actor: Actor, catalogId: string) {
    const catalog = await findCatalog(this.db, catalogId);
    if (!catalog) throw notFound('目录', 'CATALOG_NOT_FOUND');
    const region = await this.deps.regions.require(catalog.region_code);
    if (!can(actor, 'catalog.manage', region)) throw forbidden('只有市级管理员可以维护指导目录');
    return catalog;
  }

  private async versionFor(actor: Actor, versionId: string) {
    const version = await findVersion(this.db, versionId);
    if (!version) throw versionNotFound();
    const catalog = await this.catalogFor(actor, version.catalog_id);
    return { version, catalog };
  }

  private async draftFor(actor: Actor, versionId: string) {
    const found = await this.versionFor(actor, versionId);
    if (found.version.status !== 'draft') throw notDraft(found.version.status);
    return found;
  }

  async listCatalogs(actor: Actor) {
    const rows = await listCatalogRows(this.db);
    const out = [];
    for (const c of rows) {
      const region = await this.deps.regions.get(c.region_code);
      if (!region || !can(actor, 'catalog.manage', region)) continue;
      out.push({ id: c.id, level: c.level, name: c.name, regionCode: c.region_code, demonstration: c.demonstration === 1, versions: (await versionsOf(this.db, c.id)).map(versionView) });
    }
    return { items: out };
  }

  async versionItems(actor: Actor, versionId: string, q: { q?: string; page: number; pageSize: number }) {
    const { version, catalog } = await this.versionFor(actor, versionId);
    let rows = await itemsOf(this.db, versionId);
    if (q.q) {
      const needle = q.q.toLowerCase();
      rows = rows.filter((r) => r.rowCode.includes(needle) || displayName(r.item).toLowerCase().includes(needle) || r.item.department.includes(needle));
    }
    const opts = { areaCode: AREA_CODE, level: catalog.level };
    const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((r) => {
      const findings = lintItem(r.item, opts);
      return {
        rowCode: r.rowCode, name: displayName(r.item), type: r.item.type, department: r.item.department,
        errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length,
      };
    });
    return { version: versionView(version), total: rows.length, items: page };
  }

  async versionItem(actor: Actor, versionId: string, code: string) {
    const { version, catalog } = await this.versionFor(actor, versionId);
    const row = await this.db.selectFrom('catalog_items').select('data').where('version_id', '=', versionId).where('row_code', '=', code).executeTakeFirst();
    if (!row) throw notFound('事项', 'ITEM_NOT_FOUND');
    const item = parseStored(row.data);
    return { version: versionView(version), item, lint: lintItem(item, { areaCode: AREA_CODE, level: catalog.level }) };
  }

  /** A new draft: a copy of the published version (or of the latest one when none is published). */
  async createDraft(ctx: RequestContext, actor: Actor, catalogId: string, note: string) {
    const catalog = await this.catalogFor(actor, catalogId);
    return this.db.transaction().execute(async (tx) => {
      const open = await versionWithStatus(tx, catalogId, ['draft', 'review']);
      if (open) throw conflict('DRAFT_EXISTS', `已有未发布的第 ${open.version_no} 版（${open.status === 'draft' ? '草稿' : '审核中'}），请先处理它`);
      const base = (await versionWithStatus(tx, catalogId, ['published'])) ?? (await versionWithStatus(tx, catalogId, ['superseded']));
      const latestNo = (await versionsOf(tx, catalogId))[0]?.version_no ?? 0;
      const now = iso(this.deps.clock.now());
      const id = newId();
      await tx.insertInto('catalog_versions').values({
        id, catalog_id: catalogId, version_no: latestNo + 1, status: 'draft', based_on_id: base?.id ?? null, item_count: base?.item_count ?? 0, note,
        created_at: now, created_by: actor.kind === 'staff' ? actor.id : null, updated_at: now,
        submitted_at: null, submitted_by: null, published_at: null, published_by: null, effective_date: null,
      }).execute();
      if (base) {
        const rows = await tx.selectFrom('catalog_items').selectAll().where('version_id', '=', base.id).execute();
        for (let i = 0; i < rows.length; i += 100) await tx.insertInto('catalog_items').values(rows.slice(i, i + 100).map((r) => ({ ...r, version_id: id }))).execute();
      }
      await recordAudit(tx, ctx, { action: 'catalog.version.create', entityType: 'catalog_version', entityId: id, regionCode: catalog.region_code, summary: { catalog: catalog.name, versionNo: latestNo + 1, basedOn: base?.version_no ?? null } }, this.deps.clock);
      return versionView((await findVersion(tx, id))!);
    });
  }

  async saveItem(ctx: RequestContext, actor: Actor, versionId: string, item: CatalogItem, replacing?: string) {
    const { catalog } = await this.draftFor(actor, versionId);
    const code = rowCode(item);
    await this.db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('catalog_items').select(['row_code', 'sort_order']).where('version_id', '=', versionId).where('row_code', '=', replacing ?? code).executeTakeFirst();
      if (replacing && !existing) throw notFound('事项', 'ITEM_NOT_FOUND');
      if (!replacing && existing) throw conflict('DUPLICATE_CODE', `事项编码 ${code} 已存在`, [{ field: 'baseCode', message: '编码重复' }]);
      if (replacing && code !== replacing) {
        const clash = await tx.selectFrom('catalog_items').select('row_code').where('version_id', '=', versionId).where('row_code', '=', code).executeTakeFirst();
        if (clash) throw conflict('DUPLICATE_CODE', `事项编码 ${code} 已存在`, [{ field: 'baseCode', message: '编码重复' }]);
      }
      if (existing) await tx.deleteFrom('catalog_items').where('version_id', '=', versionId).where('row_code', '=', existing.row_code).execute();
      const sortOrder = existing?.sort_order ?? (await countItems(tx, versionId)) + 1000000;
      await tx.insertInto('catalog_items').values(itemRow(versionId, item, sortOrder)).execute();
      await tx.updateTable('catalog_versions').set({ item_count: await countItems(tx, versionId), updated_at: iso(this.deps.clock.now()) }).where('id', '=', versionId).execute();
      await recordAudit(tx, ctx, { action: replacing ? 'catalog.item.update' : 'catalog.item.create', entityType: 'catalog_version', entityId: versionId, regionCode: catalog.region_code, summary: { rowCode: code, name: displayName(item), replacing: replacing ?? null } }, this.deps.clock);
    });
    return this.versionItem(actor, versionId, code);
  }

  async deleteItem(ctx: RequestContext, actor: Actor, versionId: string, code: string) {
    const { catalog } = await this.draftFor(actor, versionId);
    await this.db.transaction().execute(async (tx) => {
      const res = await tx.deleteFrom('catalog_items').where('version_id', '=', versionId).where('row_code', '=', code).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw notFound('事项', 'ITEM_NOT_FOUND');
      await tx.updateTable('catalog_versions').set({ item_count: await countItems(tx, versionId), updated_at: iso(this.deps.clock.now()) }).where('id', '=', versionId).execute();
      await recordAudit(tx, ctx, { action: 'catalog.item.delete', entityType: 'catalog_version', entityId: versionId, regionCode: catalog.region_code, summary: { rowCode: code } }, this.deps.clock);
    });
  }

  /** Replaces a draft's rows with an imported set, all or nothing. */
  async replaceItems(ctx: RequestContext, actor: Actor, versionId: string, items: CatalogItem[], source: string) {
    const { catalog } = await this.draftFor(actor, versionId);
    const codes = new Set<string>();
    for (const item of items) {
      const code = rowCode(item);
      if (codes.has(code)) throw conflict('DUPLICATE_CODE', `事项编码 ${code} 重复`);
      codes.add(code);
    }
    await withTransactionDeadline(IMPORT_TRANSACTION_MS, () => this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('catalog_items').where('version_id', '=', versionId).execute();
      await insertItems(tx, versionId, items);
      await tx.updateTable('catalog_versions').set({ item_count: items.length, updated_at: iso(this.deps.clock.now()) }).where('id', '=', versionId).execute();
      await recordAudit(tx, ctx, { action: 'catalog.import', entityType: 'catalog_version', entityId: versionId, regionCode: catalog.region_code, summary: { rows: items.length, source } }, this.deps.clock);
    }));
    return versionView((await findVersion(this.db, versionId))!);
  }

  private async transition(ctx: RequestContext, actor: Actor, versionId: string, from: CatalogVersionTable['status'], to: CatalogVersionTable['status'], action: string) {
    const { version, catalog } = await this.versionFor(actor, versionId);
    if (version.status !== from) throw new AppError(409, 'INVALID_VERSION_STATE', `该版本当前状态为「${STATUS_LABELS[version.status]}」，不能执行此操作`);
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const res = await tx.updateTable('catalog_versions')
        .set({ status: to, updated_at: now, ...(to === 'review' ? { submitted_at: now, submitted_by: actor.kind === 'staff' ? actor.id : null } : {}) })
        .where('id', '=', versionId).where('status', '=', from).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'INVALID_VERSION_STATE', '版本状态已被他人更改，请刷新');
      await recordAudit(tx, ctx, { action, entityType: 'catalog_version', entityId: versionId, regionCode: catalog.region_code, summary: { versionNo: version.version_no } }, this.deps.clock);
    });
    return versionView((await findVersion(this.db, versionId))!);
  }

  submit(ctx: RequestContext, actor: Actor, versionId: string) {
    return this.transition(ctx, actor, versionId, 'draft', 'review', 'catalog.version.submit');
  }

  returnToDraft(ctx: RequestContext, actor: Actor, versionId: string) {
    return this.transition(ctx, actor, versionId, 'review', 'draft', 'catalog.version.return');
  }

  async diff(actor: Actor, versionId: string): Promise<{ against: number | null; diff: CatalogDiff }> {
    const { version } = await this.versionFor(actor, versionId);
    const published = await versionWithStatus(this.db, version.catalog_id, ['published']);
    const against = published && published.id !== version.id ? published : version.based_on_id ? await findVersion(this.db, version.based_on_id) : undefined;
    return { against: against?.version_no ?? null, diff: diffCatalogs(await itemMap(this.db, against?.id), await itemMap(this.db, versionId)) };
  }

  async lint(actor: Actor, versionId: string) {
    const { catalog } = await this.versionFor(actor, versionId);
    const rows = await itemsOf(this.db, versionId);
    return lintCatalog(rows.map((r) => ({ rowCode: r.rowCode, name: displayName(r.item), item: r.item })), { areaCode: AREA_CODE, level: catalog.level });
  }

  /** Publishes a reviewed version: it becomes what the portal shows, and the notice records the diff. */
  async publish(ctx: RequestContext, actor: Actor, versionId: string, input: { effectiveDate: string; noticeTitle?: string }) {
    const { version, catalog } = await this.versionFor(actor, versionId);
    if (version.status !== 'review') throw new AppError(409, 'INVALID_VERSION_STATE', '只有审核中的版本可以发布，请先提交审核');
    const report = await this.lint(actor, versionId);
    if (report.errors > 0) throw new AppError(409, 'CATALOG_LINT_ERRORS', `目录有 ${report.errors} 处质量错误，修正后才能发布`, { errors: report.errors });
    const { diff } = await this.diff(actor, versionId);
    const now = iso(this.deps.clock.now());
    const noticeId = newId();
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('catalog_versions').set({ status: 'superseded', updated_at: now }).where('catalog_id', '=', catalog.id).where('status', '=', 'published').execute();
      const res = await tx.updateTable('catalog_versions')
        .set({ status: 'published', published_at: now, published_by: actor.kind === 'staff' ? actor.id : null, effective_date: input.effectiveDate, updated_at: now })
        .where('id', '=', versionId).where('status', '=', 'review').executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, 'INVALID_VERSION_STATE', '版本状态已被他人更改，请刷新');
      await tx.insertInto('catalog_notices').values({
        id: noticeId, catalog_id: catalog.id, version_id: versionId, region_code: catalog.region_code,
        title: input.noticeTitle?.trim() || `关于调整《${catalog.name}》的公示（第 ${version.version_no} 版）`,
        body: noticeBody(catalog.name, version.version_no, input.effectiveDate, diff), diff: JSON.stringify(diff),
        effective_date: input.effectiveDate, published_at: now,
      }).execute();
      await bumpCatalogRevision(tx, now);
      await recordAudit(tx, ctx, {
        action: 'catalog.version.publish', entityType: 'catalog_version', entityId: versionId, regionCode: catalog.region_code,
        summary: { versionNo: version.version_no, effectiveDate: input.effectiveDate, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
      }, this.deps.clock);
    });
    this.onPublished();
    return { version: versionView((await findVersion(this.db, versionId))!), noticeId, diff };
  }

  async exportItems(actor: Actor, versionId: string) {
    const { version, catalog } = await this.versionFor(actor, versionId);
    return { catalog, version, items: (await itemsOf(this.db, versionId)).map((r) => r.item) };
  }
}

export const STATUS_LABELS: Record<CatalogVersionTable['status'], string> = { draft: '草稿', review: '审核中', published: '已发布', superseded: '已被替代' };
