/**
 * 典型案例 (good practices; issue 17 deliverable 7, the reform plan's 总结推广): a town's or a
 * village's way of serving people well, written up by the administrators of its place
 * (practice.submit), reviewed by the city (practice.review), published on the portal and used in
 * staff training.
 *
 * 草稿 → 报送 → 发布 | 退回 (with the city's reasons, which the place sees; fixed, submitted again);
 * a published practice may be 撤下 by the city (with reasons; the place may fix and submit it again)
 * and marked «推荐用于培训» while it is published. The place changes the text and photos only while
 * the practice is its own to change (草稿, 已退回, 已撤下): what waits for the city and what the
 * public reads stay as they were reviewed.
 *
 * Scope: a practice belongs to its town or village; staff see it when they hold practice.submit or
 * practice.review over that place (a town administrator their town's subtree, the city all) — 404
 * for anyone else, with no hint that it exists. Every step carries the version read (409 and nothing
 * written when someone changed it since), is audited in its transaction and recorded in the
 * practice's history. The items concerned are checked against the published catalog (its public
 * face, the PracticeItems port), never its tables.
 */
import type { Deps } from '../../deps.js';
import type { DbOrTx } from '../../db/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound, validationFailed, type FieldProblem } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { can, scopePaths, type Actor } from '../../platform/permissions.js';
import type { Region } from '../../platform/regions.js';
import type { StaffActor } from '../../platform/request.js';
import { PRACTICE_EDITABLE, paragraphsOf, type PracticeStatus } from '../../../shared/practices.js';
import { silentPracticeNotifier, type PracticeDecision, type PracticeItems, type PracticeNotifier, type PracticeTrainingUses } from './ports.js';
import {
  eventsOf, findPractice, insertEvent, insertPractice, listPublished, listRecords, practicesByIds, publishedTowns, trainingChoices, updatePractice, type PracticeRow,
} from './repo.js';
import type { PracticeInput, PracticeRecordView, PublicPracticeList, PublicPracticeView } from './schemas.js';
import type { z } from 'zod';
import type { practiceRecordListQuery, publicPracticeQuery } from './schemas.js';
import { EVENT_LABELS, photoView, placePath, statusLabel, storedItems, storedPhotos, storedTags, type PracticeItemRef } from './views.js';

type Action = PracticeRecordView['actions'][number];

const changed = () => conflict('PRACTICE_CHANGED', '这个案例刚被他人修改或处理过，请刷新后再试');
const wrongStatus = (s: string, what: string) => conflict('PRACTICE_WRONG_STATUS', `案例当前为「${statusLabel(s)}」，不能${what}`);

/** What else a practice needs: the notice of the city's decisions to the place, how often training cites it. */
export interface PracticeParts {
  notifier?: PracticeNotifier;
  trainingUses?: PracticeTrainingUses;
}

export class PracticeService {
  private readonly notifier: PracticeNotifier;
  private readonly trainingUses: PracticeTrainingUses;

  constructor(private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock'>, private readonly items: PracticeItems, parts: PracticeParts = {}) {
    this.notifier = parts.notifier ?? silentPracticeNotifier;
    this.trainingUses = parts.trainingUses ?? { sessionsCiting: async () => 0 };
  }

  private get db() {
    return this.deps.dbh.db;
  }

  private now(): string {
    return iso(this.deps.clock.now());
  }

  /** "钢山街道" or "钢山街道孟庄社区": a practice's place as people read it. */
  async placeName(code: string): Promise<string> {
    const region = await this.deps.regions.get(code);
    if (!region) return code;
    if (region.level !== 'village' || !region.parentCode) return region.shortName;
    const town = await this.deps.regions.get(region.parentCode);
    return `${town?.shortName ?? ''}${region.shortName}`;
  }

  private async names(codes: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const code of new Set(codes)) out.set(code, await this.placeName(code));
    return out;
  }

  /** May the person see this practice in the workbench (its place within their practice grants)? */
  static sees(actor: Actor, row: Pick<PracticeRow, 'region_code' | 'region_path'>): boolean {
    const place = placePath(row);
    return can(actor, 'practice.submit', place) || can(actor, 'practice.review', place);
  }

  /** The practice, if the person may see it (404 otherwise: no hint that it exists). */
  private async load(actor: Actor, id: string): Promise<PracticeRow> {
    const row = await findPractice(this.db, id);
    if (!row || !PracticeService.sees(actor, row)) throw notFound('典型案例', 'PRACTICE_NOT_FOUND');
    return row;
  }

  /** What this person may do to the practice now. */
  private actionsOf(actor: Actor, row: PracticeRow): Action[] {
    const place = placePath(row);
    const out: Action[] = [];
    const status = row.status as PracticeStatus;
    if (can(actor, 'practice.submit', place) && PRACTICE_EDITABLE.includes(status)) out.push('edit', 'submit');
    if (can(actor, 'practice.review', place)) {
      if (status === 'submitted') out.push('return', 'publish');
      if (status === 'published') out.push('withdraw', 'training');
    }
    return out;
  }

  // ---- the workbench ----

  /** GET /practice-records: the practices of the person's places (the city's review queue: status=submitted). */
  async list(actor: StaffActor, q: z.infer<typeof practiceRecordListQuery>) {
    const paths = [...new Set([...scopePaths(actor, 'practice.submit'), ...scopePaths(actor, 'practice.review')])];
    const regionPath = q.region ? (await this.deps.regions.require(q.region, 'region')).path : undefined;
    const { total, rows } = await listRecords(this.db, { scopePaths: paths.filter((p) => !paths.some((o) => o !== p && p.startsWith(o))), regionPath, status: q.status, q: q.q }, q.page, q.pageSize);
    const names = await this.names(rows.map((r) => r.region_code));
    return { total, items: rows.map((r) => this.itemView(r, names.get(r.region_code) ?? r.region_code)) };
  }

  private itemView(r: PracticeRow, regionName: string) {
    return {
      id: r.id, title: r.title, summary: r.summary, regionCode: r.region_code, regionName, status: r.status as PracticeStatus, statusLabel: statusLabel(r.status),
      training: r.training === 1, tags: storedTags(r.tags), createdByName: r.created_by_name, updatedAt: r.updated_at, submittedAt: r.submitted_at,
      publishedAt: r.published_at, returnReason: r.status === 'returned' ? r.return_reason : null, version: r.version,
    };
  }

  /** GET /practice-records/{id}: the practice with its photos, its history (the city's reasons included) and what the person may do. */
  async get(actor: StaffActor, id: string): Promise<PracticeRecordView> {
    const r = await this.load(actor, id);
    const [events, trainingSessions] = await Promise.all([eventsOf(this.db, id), this.trainingUses.sessionsCiting(id)]);
    return {
      ...this.itemView(r, await this.placeName(r.region_code)),
      returnReason: r.return_reason,
      body: r.body, items: storedItems(r.items), photos: storedPhotos(r.photos).map(photoView), withdrawReason: r.withdraw_reason, createdAt: r.created_at,
      submittedByName: r.submitted_by_name, reviewedAt: r.reviewed_at, reviewedByName: r.reviewed_by_name, withdrawnAt: r.withdrawn_at,
      history: events.map((e) => ({ action: e.action, actionLabel: EVENT_LABELS[e.action] ?? e.action, note: e.note, by: e.actor_name, at: e.at })),
      actions: this.actionsOf(actor, r),
      trainingSessions,
    };
  }

  /**
   * The rules a form cannot check: the place (a town or village the person may write for) and the
   * items (each in the published catalog, each once). Returns the place and the items with their names.
   */
  private async checked(actor: StaffActor, input: PracticeInput): Promise<{ region: Region; town: string; items: PracticeItemRef[] }> {
    const region = await this.deps.regions.require(input.regionCode, 'regionCode');
    if (!can(actor, 'practice.submit', this.deps.regions.ref(region))) throw forbidden(`您无权报送「${region.shortName}」的典型案例`);
    const problems: FieldProblem[] = [];
    if (region.level !== 'town' && region.level !== 'village') problems.push({ field: 'regionCode', message: '典型案例应属于一个镇（街道）或村（社区）' });
    const codes = [...new Set(input.itemCodes)];
    if (codes.length !== input.itemCodes.length) problems.push({ field: 'itemCodes', message: '同一个事项只需关联一次' });
    const items: PracticeItemRef[] = [];
    for (const [i, code] of codes.entries()) {
      const name = await this.items.itemName(code);
      if (name === null) problems.push({ field: `itemCodes.${i}`, message: `已发布的事项目录中没有事项 ${code}` });
      else items.push({ code, name });
    }
    if (problems.some((p) => p.field.startsWith('itemCodes.'))) {
      throw new AppError(400, 'PRACTICE_ITEM_UNKNOWN', problems.find((p) => p.field.startsWith('itemCodes.'))!.message, problems);
    }
    if (problems.length) throw validationFailed(problems, problems[0]!.message);
    const town = region.level === 'town' ? region.code : region.parentCode!;
    return { region, town, items };
  }

  private async event(tx: DbOrTx, practiceId: string, actor: StaffActor, action: string, at: string, note = ''): Promise<void> {
    await insertEvent(tx, { id: newId(), practice_id: practiceId, action, note, actor_id: actor.id, actor_name: actor.name, at });
  }

  /** POST /practice-records: a new draft of a place the person may write for. */
  async create(ctx: RequestContext, actor: StaffActor, input: PracticeInput): Promise<PracticeRecordView> {
    const { region, town, items } = await this.checked(actor, input);
    const at = this.now();
    const id = newId();
    await this.db.transaction().execute(async (tx) => {
      await insertPractice(tx, {
        id, region_code: region.code, region_path: region.path, town_code: town, title: input.title, summary: input.summary, body: input.body,
        items: JSON.stringify(items), tags: JSON.stringify([...new Set(input.tags)]), photos: '[]', status: 'draft', training: 0, return_reason: null, withdraw_reason: null,
        created_by: actor.id, created_by_name: actor.name, created_at: at, updated_at: at, submitted_at: null, submitted_by_name: null, reviewed_at: null,
        reviewed_by_name: null, published_at: null, withdrawn_at: null, version: 1,
      });
      await this.event(tx, id, actor, 'create', at);
      await recordAudit(tx, ctx, { action: 'practice.create', entityType: 'practice', entityId: id, regionCode: region.code, summary: { title: input.title, relatedItems: items.map((i) => i.code), tags: input.tags } }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** The practice at the version read, in a status that allows `what` (409 otherwise), for a person allowed `action` over its place. */
  private async atVersion(actor: StaffActor, id: string, version: number, action: 'practice.submit' | 'practice.review', from: readonly PracticeStatus[], what: string): Promise<PracticeRow> {
    const row = await this.load(actor, id);
    if (!can(actor, action, placePath(row))) throw forbidden(action === 'practice.review' ? '典型案例由市级审核发布' : `您无权修改「${await this.placeName(row.region_code)}」的典型案例`);
    if (row.version !== version) throw changed();
    if (!from.includes(row.status as PracticeStatus)) throw wrongStatus(row.status, what);
    return row;
  }

  /** One step: the row's change from the version read (409 and nothing written when someone was quicker), its history line and its audit row, together. */
  private async step(ctx: RequestContext, actor: StaffActor, row: PracticeRow, set: Partial<PracticeRow>, event: { action: string; note?: string }, summary: Record<string, unknown>, alongside?: (tx: DbOrTx) => Promise<void>) {
    const at = this.now();
    await this.db.transaction().execute(async (tx) => {
      const done = await updatePractice(tx, row.id, row.version, { ...set, updated_at: at });
      if (Number(done.numUpdatedRows) !== 1) throw changed();
      await this.event(tx, row.id, actor, event.action, at, event.note ?? '');
      await alongside?.(tx);
      await recordAudit(tx, ctx, {
        action: `practice.${event.action}`, entityType: 'practice', entityId: row.id, regionCode: set.region_code ?? row.region_code,
        summary: { title: set.title ?? row.title, from: row.status, to: set.status ?? row.status, ...summary },
      }, this.deps.clock);
    });
    return at;
  }

  /** The notice of the city's decision to the practice's place, written in the decision's transaction (its place's name read before). */
  private async tellPlace(row: PracticeRow, decision: PracticeDecision['decision'], reason: string | null): Promise<(tx: DbOrTx) => Promise<void>> {
    const n: PracticeDecision = { practiceId: row.id, title: row.title, placeName: await this.placeName(row.region_code), regionPath: row.region_path, decision, reason };
    return (tx) => this.notifier.decided(tx, n);
  }

  /** PUT /practice-records/{id}: the text, place, items and tags changed (only while the place may change it). No change: nothing written. */
  async update(ctx: RequestContext, actor: StaffActor, id: string, input: PracticeInput & { version: number }): Promise<PracticeRecordView> {
    const row = await this.atVersion(actor, id, input.version, 'practice.submit', PRACTICE_EDITABLE, '修改');
    const { region, town, items } = await this.checked(actor, input);
    const set: Partial<PracticeRow> = {
      title: input.title, summary: input.summary, body: input.body, region_code: region.code, region_path: region.path, town_code: town,
      items: JSON.stringify(items), tags: JSON.stringify([...new Set(input.tags)]),
    };
    const fields = (Object.keys(set) as (keyof PracticeRow)[]).filter((k) => set[k] !== row[k] && k !== 'region_path' && k !== 'town_code');
    if (fields.length === 0) return this.get(actor, id);
    await this.step(ctx, actor, row, set, { action: 'edit' }, { fields });
    return this.get(actor, id);
  }

  /** POST /practice-records/{id}/submit: 报送 to the city (a draft, or again after a return or a withdrawal). */
  async submit(ctx: RequestContext, actor: StaffActor, id: string, version: number): Promise<PracticeRecordView> {
    const row = await this.atVersion(actor, id, version, 'practice.submit', PRACTICE_EDITABLE, '报送');
    const again = row.status !== 'draft';
    const at = this.now();
    await this.step(ctx, actor, row, { status: 'submitted', submitted_at: at, submitted_by_name: actor.name }, { action: again ? 'resubmit' : 'submit' }, { again });
    return this.get(actor, id);
  }

  /** POST /practice-records/{id}/return: the city sends it back with its reasons (the place sees them, fixes it and submits again). */
  async returnToPlace(ctx: RequestContext, actor: StaffActor, id: string, input: { version: number; reason: string }): Promise<PracticeRecordView> {
    const row = await this.atVersion(actor, id, input.version, 'practice.review', ['submitted'], '退回');
    const at = this.now();
    await this.step(ctx, actor, row, { status: 'returned', return_reason: input.reason, reviewed_at: at, reviewed_by_name: actor.name }, { action: 'return', note: input.reason }, { reason: input.reason },
      await this.tellPlace(row, 'return', input.reason));
    return this.get(actor, id);
  }

  /** POST /practice-records/{id}/publish: on the portal from now (published_at), newest first. */
  async publish(ctx: RequestContext, actor: StaffActor, id: string, version: number): Promise<PracticeRecordView> {
    const row = await this.atVersion(actor, id, version, 'practice.review', ['submitted'], '发布');
    const at = this.now();
    await this.step(ctx, actor, row, { status: 'published', published_at: at, reviewed_at: at, reviewed_by_name: actor.name, withdraw_reason: null, withdrawn_at: null }, { action: 'publish' }, {},
      await this.tellPlace(row, 'publish', null));
    return this.get(actor, id);
  }

  /** POST /practice-records/{id}/withdraw: taken off the portal (and out of training), with the city's reasons. */
  async withdraw(ctx: RequestContext, actor: StaffActor, id: string, input: { version: number; reason: string }): Promise<PracticeRecordView> {
    const row = await this.atVersion(actor, id, input.version, 'practice.review', ['published'], '撤下');
    const at = this.now();
    await this.step(ctx, actor, row, { status: 'withdrawn', withdraw_reason: input.reason, withdrawn_at: at, training: 0, reviewed_at: at, reviewed_by_name: actor.name }, { action: 'withdraw', note: input.reason }, { reason: input.reason },
      await this.tellPlace(row, 'withdraw', input.reason));
    return this.get(actor, id);
  }

  /** PUT /practice-records/{id}/training: «推荐用于培训» on a published practice, or no longer. No change: nothing written. */
  async setTraining(ctx: RequestContext, actor: StaffActor, id: string, input: { version: number; training: boolean }): Promise<PracticeRecordView> {
    const row = await this.atVersion(actor, id, input.version, 'practice.review', ['published'], input.training ? '推荐用于培训' : '取消培训推荐');
    if ((row.training === 1) === input.training) return this.get(actor, id);
    await this.step(ctx, actor, row, { training: input.training ? 1 : 0 }, { action: input.training ? 'training' : 'untraining' }, { training: input.training });
    return this.get(actor, id);
  }

  // ---- training (the training module's TrainingCases port) ----

  private async briefsOf(rows: PracticeRow[]) {
    const names = await this.names(rows.map((r) => r.region_code));
    return rows.map((r) => ({
      id: r.id, title: r.title, regionName: names.get(r.region_code) ?? r.region_code, published: r.status === 'published', recommended: r.status === 'published' && r.training === 1,
    }));
  }

  /** These practices as a training session cites them (any status: one withdrawn since shows as such). */
  async teachingCases(ids: readonly string[]) {
    return this.briefsOf(await practicesByIds(this.db, [...new Set(ids)]));
  }

  /** Published practices for a training session to cite: recommended for training first, then the newest. */
  async teachingCaseChoices(q: string | undefined, limit: number) {
    return this.briefsOf(await trainingChoices(this.db, q, limit));
  }

  // ---- the portal ----

  /** GET /practices: the published practices, newest first, by town and tag; with the towns that have any (the filter). */
  async publicList(q: z.infer<typeof publicPracticeQuery>): Promise<PublicPracticeList> {
    const [{ total, rows }, towns] = await Promise.all([listPublished(this.db, { townCode: q.town, tag: q.tag }, q.page, q.pageSize), publishedTowns(this.db)]);
    const names = await this.names([...rows.flatMap((r) => [r.region_code, r.town_code]), ...towns.map((t) => t.town_code)]);
    return {
      total,
      items: rows.map((r) => {
        const photos = storedPhotos(r.photos);
        return { ...this.publicItem(r, names), cover: photos[0] ? photoView(photos[0]) : null };
      }),
      towns: towns.map((t) => ({ code: t.town_code, name: names.get(t.town_code) ?? t.town_code, count: Number(t.n) }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  }

  private publicItem(r: PracticeRow, names: Map<string, string>) {
    return {
      id: r.id, title: r.title, summary: r.summary, regionName: names.get(r.region_code) ?? r.region_code, townCode: r.town_code, townName: names.get(r.town_code) ?? r.town_code,
      tags: storedTags(r.tags), publishedAt: r.published_at ?? r.updated_at, training: r.training === 1,
    };
  }

  /** GET /practices/{id}: a published practice in full (404 for any other: a draft is nobody's business but its place's). */
  async publicGet(id: string): Promise<PublicPracticeView> {
    const r = await findPractice(this.db, id);
    if (!r || r.status !== 'published') throw notFound('典型案例', 'PRACTICE_NOT_FOUND');
    const names = await this.names([r.region_code, r.town_code]);
    return { ...this.publicItem(r, names), paragraphs: paragraphsOf(r.body), items: storedItems(r.items), photos: storedPhotos(r.photos).map(photoView) };
  }
}
