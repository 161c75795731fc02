/**
 * Building 一件事 themes (issue 16 §3): the city's catalog administrators draft a theme from catalog
 * items, preview it as applicants will see it (the merged form, the deduplicated materials, and
 * what does not fit the items' current forms), and publish it as a new version — kept, like a
 * catalog version, so an application always names the version it was made under. A published theme
 * can be withdrawn (停用): no longer offered, its applications still followed.
 *
 * A theme is the county's (offered everywhere, built by city administrators: catalog.manage over
 * the county) or a town's own (its definition's `regionCode`: offered at that town and its
 * villages, built by that town's administrators or the city's). Which it is is fixed when it is
 * created, so nobody edits a theme out of their reach by moving it.
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, validationFailed } from '../../platform/errors.js';
import { iso } from '../../platform/ids.js';
import { can } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import { THEME_SUBJECTS, categoryLabel, themeDefinitionSchema, type ThemeDefinition } from '../../../shared/themes.js';
import type { ThemeItemGuides } from './ports.js';
import type { ThemeCatalog } from './service.js';

const STATUS_LABELS = { draft: '草稿（未发布）', published: '已发布', withdrawn: '已停用' } as const;
type ThemeStatus = keyof typeof STATUS_LABELS;

export const themeNotFoundForAdmin = () => new AppError(404, 'THEME_NOT_FOUND', '未找到该一件事主题');

export class ThemeAdmin {
  constructor(
    private readonly deps: Deps,
    private readonly catalog: ThemeCatalog,
    private readonly guides: ThemeItemGuides,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** The place a theme is offered (its town, or the county): whose administrators build it. */
  private async placeOf(regionCode: string | undefined) {
    if (regionCode) return this.deps.regions.get(regionCode);
    return (await this.deps.regions.childrenOf(null))?.[0];
  }

  private async mayManage(actor: StaffActor, regionCode: string | undefined): Promise<boolean> {
    const place = await this.placeOf(regionCode);
    return Boolean(place && can(actor, 'catalog.manage', this.deps.regions.ref(place)));
  }

  private async requireManager(actor: StaffActor, regionCode: string | undefined) {
    if (await this.mayManage(actor, regionCode)) return;
    const place = regionCode ? await this.placeOf(regionCode) : undefined;
    throw forbidden(place ? `只有市级管理员或${place.shortName}的管理员可以维护该主题` : '只有市级管理员可以维护全市的一件事主题');
  }

  /** GET /admin/themes: the themes the administrator builds (a town's: its own), published or not, with whether the draft differs from what is published. */
  async list(actor: StaffActor) {
    const rows = await this.db.selectFrom('themes as t')
      .leftJoin('theme_versions as v', (j) => j.onRef('v.theme_code', '=', 't.code').onRef('v.version', '=', 't.version'))
      .select(['t.code', 't.name', 't.subject', 't.category', 't.status', 't.version', 't.draft', 't.updated_at', 'v.definition', 'v.published_at'])
      .orderBy('t.code').execute();
    const items = [];
    for (const r of rows) {
      const draft = JSON.parse(r.draft) as ThemeDefinition;
      if (!(await this.mayManage(actor, draft.regionCode))) continue;
      items.push({
        code: r.code, name: r.name, subject: r.subject, subjectLabel: THEME_SUBJECTS[r.subject as keyof typeof THEME_SUBJECTS] ?? r.subject,
        categoryLabel: categoryLabel(r.subject as keyof typeof THEME_SUBJECTS, r.category), status: r.status as ThemeStatus, statusLabel: STATUS_LABELS[r.status as ThemeStatus],
        version: Number(r.version), publishedAt: r.published_at ?? null, updatedAt: r.updated_at,
        draftChanged: r.definition === null || !sameDefinition(r.draft, r.definition),
        offeredIn: await this.offeredIn(draft.regionCode),
      });
    }
    return { items };
  }

  /** Where a theme is offered, for people: null for the whole county. */
  private async offeredIn(regionCode: string | undefined) {
    if (!regionCode) return null;
    const place = await this.deps.regions.get(regionCode);
    return { code: regionCode, name: place?.shortName ?? regionCode };
  }

  /** GET /admin/themes/:code: the draft being edited, the published versions, the status. */
  async get(actor: StaffActor, code: string) {
    const row = await this.db.selectFrom('themes').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw themeNotFoundForAdmin();
    const draft = JSON.parse(row.draft) as ThemeDefinition;
    await this.requireManager(actor, draft.regionCode);
    const versions = await this.db.selectFrom('theme_versions').select(['version', 'published_at', 'published_by', 'note', 'definition']).where('theme_code', '=', code).orderBy('version', 'desc').execute();
    const current = versions.find((v) => Number(v.version) === Number(row.version));
    return {
      code: row.code, status: row.status as ThemeStatus, statusLabel: STATUS_LABELS[row.status as ThemeStatus], version: Number(row.version), updatedAt: row.updated_at,
      draft,
      offeredIn: await this.offeredIn(draft.regionCode),
      draftChanged: !current || !sameDefinition(row.draft, current.definition),
      versions: versions.map((v) => ({ version: Number(v.version), publishedAt: v.published_at, publishedBy: v.published_by, note: v.note })),
    };
  }

  /**
   * PUT /admin/themes/:code/draft: saves the draft (a new code makes a new theme, status 草稿).
   * The definition's own rules are checked here (a field by its path); whether it fits its items'
   * current guides and forms is what the preview says.
   */
  async saveDraft(ctx: RequestContext, actor: StaffActor, code: string, def: ThemeDefinition) {
    await this.requireOfferedPlace(def.regionCode);
    await this.requireManager(actor, def.regionCode);
    const before = await this.db.selectFrom('themes').select(['draft']).where('code', '=', code).executeTakeFirst();
    if (before) {
      const was = (JSON.parse(before.draft) as ThemeDefinition).regionCode;
      await this.requireManager(actor, was);
      if (was !== def.regionCode) {
        const place = await this.offeredIn(was);
        throw validationFailed([{ field: 'regionCode', message: `适用范围创建后不能修改（本主题为${place ? `${place.name}的主题` : '全市主题'}）；如需在其他范围办理，请新建主题` }], '主题定义有误，请按提示修改');
      }
    }
    const unknown = (await Promise.all(def.items.map(async (item, i) => ((await this.exists(item.itemCode)) ? null : i)))).filter((i): i is number => i !== null);
    if (unknown.length) throw validationFailed(unknown.map((i) => ({ field: `items.${i}.itemCode`, message: `目录中没有事项 ${def.items[i]!.itemCode}` })), '主题定义有误，请按提示修改');
    const now = iso(this.deps.clock.now());
    const draft = JSON.stringify(def);
    await this.db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('themes').select(['code']).where('code', '=', code).executeTakeFirst();
      if (existing) {
        await tx.updateTable('themes').set({ draft, updated_at: now, updated_by: actor.id }).where('code', '=', code).execute();
      } else {
        await tx.insertInto('themes').values({ code, subject: def.subject, category: def.category, name: def.name, status: 'draft', draft, version: 0, created_at: now, updated_at: now, updated_by: actor.id }).execute();
      }
      await recordAudit(tx, ctx, { action: 'theme.draft', entityType: 'theme', entityId: code, regionCode: def.regionCode, summary: { name: def.name, items: def.items.length, created: !existing } }, this.deps.clock);
    });
    return this.get(actor, code);
  }

  /** GET /admin/themes/:code/preview: the draft as applicants would see it (at `regionCode`), with its problems. */
  async preview(actor: StaffActor, code: string, regionCode?: string) {
    const theme = await this.get(actor, code);
    if (regionCode && theme.draft.regionCode) await this.catalog.requireOfferedAt(theme.draft, regionCode, 'region');
    return this.draftView(theme, regionCode ?? theme.draft.regionCode);
  }

  /** The draft as applicants would see it at `regionCode`; a town's theme also lists the items the town does not offer as problems. */
  private async draftView(theme: Awaited<ReturnType<ThemeAdmin['get']>>, regionCode: string | undefined) {
    const view = await this.catalog.view({ code: theme.code, version: theme.version + 1, publishedAt: theme.updatedAt, definition: theme.draft }, regionCode);
    if (theme.draft.regionCode) {
      view.problems.push(...view.items.filter((i) => !i.available).map((i) => `「${i.name}」${regionCode === theme.draft.regionCode ? (theme.offeredIn?.name ?? '') : '此处'}未实施（${i.unavailableReason ?? '不在本地实施清单中'}）`));
    }
    return view;
  }

  /**
   * POST /admin/themes/:code/publish: the draft becomes the next version, offered at once. Refused
   * while the preview finds problems (a shared field with no such item field, a time limit shorter
   * than an item's), or when nothing changed since the published version.
   */
  async publish(ctx: RequestContext, actor: StaffActor, code: string, note: string) {
    const theme = await this.get(actor, code);
    // a town's theme is previewed at the town: every item is one the town offers
    const preview = await this.draftView(theme, theme.draft.regionCode);
    if (preview.problems.length) throw conflict('THEME_HAS_PROBLEMS', `主题与所含事项的当前设置不一致，请先修改：${preview.problems.join('；')}`, { problems: preview.problems });
    if (!theme.draftChanged && theme.status === 'published') throw conflict('THEME_UNCHANGED', `草稿与已发布的第 ${theme.version} 版相同，无需重新发布`);
    const version = theme.version + 1;
    const now = iso(this.deps.clock.now());
    const def = theme.draft;
    await this.db.transaction().execute(async (tx) => {
      // the version read above is the one replaced: a publication meanwhile makes this one fail (primary key)
      await tx.insertInto('theme_versions').values({ theme_code: code, version, definition: JSON.stringify(def), published_at: now, published_by: actor.id, note }).execute();
      await tx.updateTable('themes').set({ version, status: 'published', name: def.name, subject: def.subject, category: def.category, updated_at: now, updated_by: actor.id }).where('code', '=', code).execute();
      await recordAudit(tx, ctx, { action: 'theme.publish', entityType: 'theme', entityId: code, regionCode: def.regionCode, summary: { name: def.name, version, note } }, this.deps.clock);
    }).catch((err: unknown) => {
      if (err instanceof Error && /unique|primary key|duplicate/i.test(err.message)) throw conflict('THEME_PUBLISHED_MEANWHILE', '该主题刚被其他管理员发布，请刷新后再试');
      throw err;
    });
    this.catalog.invalidate();
    return this.get(actor, code);
  }

  /** POST /admin/themes/:code/withdraw: 停用 — no longer listed or applied for; applications made stay. */
  async withdraw(ctx: RequestContext, actor: StaffActor, code: string, reason: string) {
    const theme = await this.get(actor, code);
    if (theme.status !== 'published') throw conflict('THEME_NOT_PUBLISHED', '只有已发布的主题可以停用');
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('themes').set({ status: 'withdrawn', updated_at: iso(this.deps.clock.now()), updated_by: actor.id }).where('code', '=', code).execute();
      await recordAudit(tx, ctx, { action: 'theme.withdraw', entityType: 'theme', entityId: code, regionCode: theme.draft.regionCode, summary: { name: theme.draft.name, version: theme.version, reason } }, this.deps.clock);
    });
    this.catalog.invalidate();
    return this.get(actor, code);
  }

  /** A town's theme names a town (街道/镇) of this county. */
  private async requireOfferedPlace(regionCode: string | undefined) {
    if (!regionCode) return;
    const place = await this.deps.regions.get(regionCode);
    if (!place || place.level !== 'town') throw validationFailed([{ field: 'regionCode', message: `适用范围 ${regionCode} 不是本市的镇（街道）` }], '主题定义有误，请按提示修改');
  }

  private async exists(itemCode: string): Promise<boolean> {
    try {
      await this.guides.guide(itemCode);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return false;
      throw err;
    }
  }
}

/** Two stored definitions are the same theme (key order aside). */
function sameDefinition(a: string, b: string): boolean {
  return JSON.stringify(themeDefinitionSchema.parse(JSON.parse(a))) === JSON.stringify(themeDefinitionSchema.parse(JSON.parse(b)));
}
