/**
 * 一件事 themes as the public reads them (issue 16): the published themes by life event and
 * enterprise stage, and one theme as an application — its items (with the place's local details),
 * situation questions, the merged form and the deduplicated materials (shared/themes.ts mergeTheme).
 */
import type { Deps } from '../../deps.js';
import type { RegionRef } from '../../platform/regions.js';
import { RevisionedSnapshot } from '../../platform/snapshot.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { CitizenActor } from '../../platform/request.js';
import {
  CATEGORIES_OF, categoryLabel, mergeTheme, THEME_SUBJECTS, themeDefinitionSchema, type ThemeDefinition, type ThemeItemParts, type ThemeSubject,
} from '../../../shared/themes.js';
import type { ThemeItemForms, ThemeItemGuide, ThemeItemGuides } from './ports.js';

/** Is the theme offered at this place: the county's everywhere, a town's at the town and its villages. */
const offeredAt = (def: ThemeDefinition, place: RegionRef) => !def.regionCode || place.path.includes(`/${def.regionCode}/`);

/** How long another process's publication may take to be seen here (as the catalog's, catalog/public.ts). */
const REFRESH_MS = 30_000;

export const themeNotFound = () => notFound('主题（一件事）', 'THEME_NOT_FOUND');

export interface PublishedTheme {
  code: string;
  version: number;
  publishedAt: string;
  definition: ThemeDefinition;
}

export class ThemeCatalog {
  constructor(
    private readonly deps: Deps,
    private readonly guides: ThemeItemGuides,
    private readonly forms: ThemeItemForms,
  ) {}

  /**
   * Every published theme's current version, by code: few and small, kept in memory while the
   * themes table is unchanged — rebuilt at once after a publish or withdrawal in this process
   * (ThemeAdmin calls invalidate()), and at most REFRESH_MS after one in another.
   */
  private readonly snapshot = new RevisionedSnapshot<Map<string, PublishedTheme>>(() => this.revision(), () => this.load(), REFRESH_MS, 'published themes');
  /** a published version never changes: each is parsed once for the process's life */
  private readonly definitions = new Map<string, { definition: ThemeDefinition; publishedAt: string }>();

  private get db() {
    return this.deps.dbh.db;
  }

  invalidate(): void {
    this.snapshot.invalidate();
  }

  /** Changes with every new theme, draft save, publication and withdrawal (each sets updated_at; a publication also the version). */
  private async revision(): Promise<string> {
    const r = await this.db.selectFrom('themes')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at'), eb.fn.sum<number>('version').as('versions')])
      .executeTakeFirstOrThrow();
    return `${Number(r.n)}|${r.at ?? ''}|${Number(r.versions ?? 0)}`;
  }

  private async load(): Promise<Map<string, PublishedTheme>> {
    const rows = await this.db.selectFrom('themes').select(['code', 'version']).where('status', '=', 'published').orderBy('subject').orderBy('category').orderBy('code').execute();
    const out = new Map<string, PublishedTheme>();
    for (const row of rows) {
      const version = Number(row.version);
      const key = `${row.code}@${version}`;
      let kept = this.definitions.get(key);
      if (!kept) {
        const v = await this.db.selectFrom('theme_versions').select(['definition', 'published_at']).where('theme_code', '=', row.code).where('version', '=', version).executeTakeFirst();
        if (!v) continue;
        kept = { definition: themeDefinitionSchema.parse(JSON.parse(v.definition)), publishedAt: v.published_at };
        this.definitions.set(key, kept);
      }
      out.set(row.code, { code: row.code, version, publishedAt: kept.publishedAt, definition: kept.definition });
    }
    return out;
  }

  /** Every published theme's current definition, by subject, category and code. */
  async published(filter: { subject?: ThemeSubject; category?: string } = {}): Promise<PublishedTheme[]> {
    const all = [...(await this.snapshot.current()).values()];
    return all.filter((t) => (!filter.subject || t.definition.subject === filter.subject) && (!filter.category || t.definition.category === filter.category));
  }

  async publishedTheme(code: string): Promise<PublishedTheme> {
    const theme = (await this.snapshot.current()).get(code);
    if (!theme) throw themeNotFound();
    return theme;
  }

  /** GET /themes: the published themes (API-CONTRACT: code, name, itemCodes) with what browsing needs, and the categories that have some. */
  async list(filter: { subject?: ThemeSubject; category?: string; region?: string }) {
    const place = filter.region ? this.deps.regions.ref(await this.deps.regions.require(filter.region, 'region')) : null;
    const all = (await this.published({ subject: filter.subject })).filter((t) => !place || offeredAt(t.definition, place));
    const themes = filter.category ? all.filter((t) => t.definition.category === filter.category) : all;
    const items = await Promise.all(themes.map(async (t) => ({
      ...(await this.heading(t)),
      itemCodes: t.definition.items.map((i) => i.itemCode),
      items: await Promise.all(t.definition.items.map(async (i) => ({ code: i.itemCode, name: (await this.genericGuide(i.itemCode))?.name ?? i.itemCode }))),
    })));
    const categories = (Object.keys(THEME_SUBJECTS) as ThemeSubject[])
      .filter((s) => !filter.subject || s === filter.subject)
      .map((subject) => ({
        subject, label: THEME_SUBJECTS[subject],
        categories: Object.entries(CATEGORIES_OF[subject]).map(([code, label]) => ({ code, label, count: all.filter((t) => t.definition.subject === subject && t.definition.category === code).length })),
      }));
    return { items, categories };
  }

  /** GET /themes/:code: one theme as an application (with `region`, each item as that place offers it). */
  async get(code: string, regionCode?: string) {
    const theme = await this.publishedTheme(code);
    if (regionCode) await this.requireOfferedAt(theme.definition, regionCode, 'region');
    return this.view(theme, regionCode);
  }

  /** A theme's definition as applicants see it: its items as the place offers them, merged (also an administrator's preview of a draft). */
  async view(theme: PublishedTheme, regionCode?: string) {
    const def = theme.definition;
    const items = await Promise.all(def.items.map(async (item) => {
      const { guide, unavailable } = await this.itemGuide(item.itemCode, regionCode);
      const fields = guide ? (await this.forms.recentSettings(item.itemCode)).definition.fields : [];
      const question = item.when ? def.questions.find((q) => q.key === item.when!.question) : undefined;
      return {
        item, guide, fields, unavailable,
        view: {
          code: item.itemCode,
          name: guide?.name ?? item.itemCode,
          note: item.note,
          department: guide?.department ?? '',
          implementingBody: guide?.implementingBody ?? '',
          promisedDays: guide?.promisedDays ?? null,
          onlineApplication: guide?.onlineApplication.allowed ?? false,
          available: !unavailable,
          unavailableReason: unavailable,
          when: item.when && question ? {
            question: item.when.question, questionText: question.text, anyOf: item.when.anyOf,
            answers: item.when.anyOf.map((v) => question.options.find((o) => o.value === v)?.label ?? v),
          } : null,
          guidePath: guide?.path ?? `/items/${item.itemCode}`,
          situations: (guide?.situations ?? []).map((q) => ({ id: q.id, question: q.question, options: q.options.map((o) => ({ id: o.id, label: o.label })) })),
        },
      };
    }));
    const parts: ThemeItemParts[] = items.filter((i) => i.guide).map((i) => ({
      code: i.item.itemCode, name: i.guide!.name, implementingBody: i.guide!.implementingBody, promisedDays: i.guide!.promisedDays, materials: i.guide!.materials, fields: i.fields,
    }));
    const merged = mergeTheme(def, parts);
    const nameOf = new Map(items.map((i) => [i.item.itemCode, i.view.name]));
    return {
      ...(await this.heading(theme)),
      version: theme.version,
      publishedAt: theme.publishedAt,
      region: regionCode ?? null,
      questions: def.questions,
      items: items.map((i) => i.view),
      sharedFields: merged.sharedFields,
      itemFields: merged.itemFields.map((f) => ({ ...f, itemName: nameOf.get(f.itemCode) ?? f.itemCode })),
      materials: merged.materials.map((m) => ({ ...m, usedBy: m.usedBy.map((u) => ({ ...u, itemName: nameOf.get(u.itemCode) ?? u.itemCode })) })),
      counts: merged.counts,
      problems: merged.problems,
    };
  }

  /**
   * GET /themes/:code/prefill: the shared fields and each item's own fields as the applicant's
   * 实名信息 and recent applications answer them (each field's own prefill setting decides).
   */
  async prefill(actor: CitizenActor, code: string) {
    const def = (await this.publishedTheme(code)).definition;
    const filled = new Set(def.sharedFields.flatMap((f) => f.mapsTo.map((m) => `${m.itemCode}.${m.fieldKey}`)));
    const shared = await this.forms.prefillFields(actor, def.sharedFields.map(({ mapsTo: _mapsTo, ...field }) => field));
    const items = await Promise.all(def.items.map(async ({ itemCode }) => {
      const fields = (await this.forms.recentSettings(itemCode)).definition.fields.filter((f) => !filled.has(`${itemCode}.${f.key}`));
      return [itemCode, await this.forms.prefillFields(actor, fields)] as const;
    }));
    return { shared, items: Object.fromEntries(items) };
  }

  private async heading(t: PublishedTheme) {
    const d = t.definition;
    return {
      code: t.code, name: d.name, subject: d.subject, subjectLabel: THEME_SUBJECTS[d.subject], category: d.category, categoryLabel: categoryLabel(d.subject, d.category),
      summary: d.summary, leadBody: d.leadBody, promisedDays: d.promisedDays, itemCount: d.items.length, path: `/themes/${t.code}`,
      offeredIn: await this.offeredIn(d),
    };
  }

  /** 适用范围 for people: the town of a town's theme, null for the county's. */
  async offeredIn(def: ThemeDefinition): Promise<{ code: string; name: string } | null> {
    if (!def.regionCode) return null;
    return { code: def.regionCode, name: (await this.deps.regions.get(def.regionCode))?.shortName ?? def.regionCode };
  }

  /** A town's theme is applied for (and shown) at that town and its villages only: elsewhere 400 THEME_NOT_OFFERED_HERE at `field`. */
  async requireOfferedAt(def: ThemeDefinition, regionCode: string, field: string): Promise<void> {
    if (!def.regionCode) return;
    const place = this.deps.regions.ref(await this.deps.regions.require(regionCode, field));
    if (offeredAt(def, place)) return;
    const town = (await this.offeredIn(def))!.name;
    const message = `「${def.name}」是${town}的一件事，仅在${town}及其村（社区）办理；请选择${town}的办理地点`;
    throw new AppError(400, 'THEME_NOT_OFFERED_HERE', message, [{ field, message }]);
  }

  private async genericGuide(code: string): Promise<ThemeItemGuide | null> {
    try {
      return await this.guides.guide(code);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    }
  }

  /** The item as the place offers it; when it does not (or its list is not published), the catalog's guide and why. */
  private async itemGuide(code: string, regionCode?: string): Promise<{ guide: ThemeItemGuide | null; unavailable: string | null }> {
    if (!regionCode) {
      const guide = await this.genericGuide(code);
      return { guide, unavailable: guide ? null : '目录中暂无该事项' };
    }
    try {
      return { guide: await this.guides.guide(code, regionCode), unavailable: null };
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 404 || err.code === 'REGION_NOT_FOUND') throw err;
      const guide = await this.genericGuide(code);
      return { guide, unavailable: err.message };
    }
  }
}
