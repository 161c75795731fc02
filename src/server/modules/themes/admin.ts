/**
 * Building 一件事 themes (issue 16 §3): the city's catalog administrators draft a theme from catalog
 * items, preview it as applicants will see it (the merged form, the deduplicated materials, and
 * what does not fit the items' current forms), and publish it as a new version — kept, like a
 * catalog version, so an application always names the version it was made under. A published theme
 * can be withdrawn (停用): no longer offered, its applications still followed.
 *
 * Themes are the county's: only a city administrator (catalog.manage over the county) builds them.
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

  /** Themes are the county's: its catalog administrators build them. */
  private async requireManager(actor: StaffActor) {
    const county = (await this.deps.regions.childrenOf(null))?.[0];
    if (!county || !can(actor, 'catalog.manage', county)) throw forbidden('只有市级管理员可以维护一件事主题');
  }

  /** GET /admin/themes: every theme, published or not, with whether its draft differs from what is published. */
  async list(actor: StaffActor) {
    await this.requireManager(actor);
    const rows = await this.db.selectFrom('themes as t')
      .leftJoin('theme_versions as v', (j) => j.onRef('v.theme_code', '=', 't.code').onRef('v.version', '=', 't.version'))
      .select(['t.code', 't.name', 't.subject', 't.category', 't.status', 't.version', 't.draft', 't.updated_at', 'v.definition', 'v.published_at'])
      .orderBy('t.code').execute();
    return {
      items: rows.map((r) => ({
        code: r.code, name: r.name, subject: r.subject, subjectLabel: THEME_SUBJECTS[r.subject as keyof typeof THEME_SUBJECTS] ?? r.subject,
        categoryLabel: categoryLabel(r.subject as keyof typeof THEME_SUBJECTS, r.category), status: r.status as ThemeStatus, statusLabel: STATUS_LABELS[r.status as ThemeStatus],
        version: Number(r.version), publishedAt: r.published_at ?? null, updatedAt: r.updated_at,
        draftChanged: r.definition === null || !sameDefinition(r.draft, r.definition),
      })),
    };
  }

  /** GET /admin/themes/:code: the draft being edited, the published versions, the status. */
  async get(actor: StaffActor, code: string) {
    await this.requireManager(actor);
    const row = await this.db.selectFrom('themes').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw themeNotFoundForAdmin();
    const versions = await this.db.selectFrom('theme_versions').select(['version', 'published_at', 'published_by', 'note', 'definition']).where('theme_code', '=', code).orderBy('version', 'desc').execute();
    const current = versions.find((v) => Number(v.version) === Number(row.version));
    return {
      code: row.code, status: row.status as ThemeStatus, statusLabel: STATUS_LABELS[row.status as ThemeStatus], version: Number(row.version), updatedAt: row.updated_at,
      draft: JSON.parse(row.draft) as ThemeDefinition,
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
    await this.requireManager(actor);
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
      await recordAudit(tx, ctx, { action: 'theme.draft', entityType: 'theme', entityId: code, summary: { name: def.name, items: def.items.length, created: !existing } }, this.deps.clock);
    });
    return this.get(actor, code);
  }

  /** GET /admin/themes/:code/preview: the draft as applicants would see it (at `regionCode`), with its problems. */
  async preview(actor: StaffActor, code: string, regionCode?: string) {
    const theme = await this.get(actor, code);
    return this.catalog.view({ code, version: theme.version + 1, publishedAt: theme.updatedAt, definition: theme.draft }, regionCode);
  }

  /**
   * POST /admin/themes/:code/publish: the draft becomes the next version, offered at once. Refused
   * while the preview finds problems (a shared field with no such item field, a time limit shorter
   * than an item's), or when nothing changed since the published version.
   */
  async publish(ctx: RequestContext, actor: StaffActor, code: string, note: string) {
    const theme = await this.get(actor, code);
    const preview = await this.catalog.view({ code, version: theme.version + 1, publishedAt: theme.updatedAt, definition: theme.draft });
    if (preview.problems.length) throw conflict('THEME_HAS_PROBLEMS', `主题与所含事项的当前设置不一致，请先修改：${preview.problems.join('；')}`, { problems: preview.problems });
    if (!theme.draftChanged && theme.status === 'published') throw conflict('THEME_UNCHANGED', `草稿与已发布的第 ${theme.version} 版相同，无需重新发布`);
    const version = theme.version + 1;
    const now = iso(this.deps.clock.now());
    const def = theme.draft;
    await this.db.transaction().execute(async (tx) => {
      // the version read above is the one replaced: a publication meanwhile makes this one fail (primary key)
      await tx.insertInto('theme_versions').values({ theme_code: code, version, definition: JSON.stringify(def), published_at: now, published_by: actor.id, note }).execute();
      await tx.updateTable('themes').set({ version, status: 'published', name: def.name, subject: def.subject, category: def.category, updated_at: now, updated_by: actor.id }).where('code', '=', code).execute();
      await recordAudit(tx, ctx, { action: 'theme.publish', entityType: 'theme', entityId: code, summary: { name: def.name, version, note } }, this.deps.clock);
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
      await recordAudit(tx, ctx, { action: 'theme.withdraw', entityType: 'theme', entityId: code, summary: { name: theme.draft.name, version: theme.version, reason } }, this.deps.clock);
    });
    this.catalog.invalidate();
    return this.get(actor, code);
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
