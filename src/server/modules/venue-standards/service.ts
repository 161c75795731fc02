/**
 * Venue standardisation (政务服务场所标准化评估, issue 13 item 5): town centres and village
 * stations assessed against a checklist kept as data, with 基础型 / 标准型 / 标杆型 levels.
 *
 * - Checklists are versions: published by a city administrator (`venue.manage` over the top of the
 *   region tree), never changed after; the current one for a kind is the newest that applies to it.
 * - An assessment starts as a draft with the current checklist of its venue's kind and keeps that
 *   version for good (publishing a newer one changes no assessment already begun). A draft's
 *   scores, day, summary and photos change; finalising scores it (shared/venue-standards.ts
 *   scoreAssessment: the percent of each level and its must-have items) and makes it final, never
 *   to change again: the next assessment supersedes it. One draft per venue at a time.
 * - Who: `venue.manage` over the venue's region (a town administrator for the town's centre and
 *   villages, the city administrator everywhere). Venues and assessments outside it are "not
 *   found", so ids leak nothing. The venues module owns the venues: this module asks its port.
 * - Every write is audited in its transaction; a refused request writes nothing.
 */
import type { DbOrTx } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound, validationFailed, type FieldProblem } from '../../platform/errors.js';
import { findFile, insertFileRow } from '../../platform/files.js';
import { iso, newId } from '../../platform/ids.js';
import { can, canAtTop, scopePaths, type Actor } from '../../platform/permissions.js';
import type { Region } from '../../platform/regions.js';
import type { StaffActor } from '../../platform/request.js';
import {
  ASSESSED_KINDS, checklistItems, checklistMax, isHalfStep, scoreAssessment, VENUE_LEVELS,
  type AssessedKind, type ChecklistContent, type ChecklistSection, type OverviewLevel, type Scores, type Thresholds, type VenueLevel,
} from '../../../shared/venue-standards.js';
import { VENUE_KINDS, type VenueKind } from '../../../shared/venues.js';
import { detectFileType } from '../files/index.js';
import type { AssessedVenue, AssessedVenues } from './ports.js';
import {
  allChecklists, checklistVersions, deleteDraft, draftOf, finaliseDraft, finalsOf, findAssessment, findChecklist, insertAssessment, insertChecklist,
  replacePhotos, setChecklistActive, standingOf, updateDraft,
  type AssessmentRow, type AssessmentSummaryRow, type ChecklistRow,
} from './repo.js';
import type { AssessmentSummary, AssessmentView, ChecklistInput, ChecklistSummary, ChecklistView, OverviewItem, PhotoView } from './schemas.js';

/** Photos per assessment: the signage, each zone, the equipment — and a few more. */
export const MAX_PHOTOS = 30;
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
/** The purpose a photo's file row records (platform/files.ts `meta`): who may read it is decided here. */
const PHOTO_PURPOSE = 'venue-assessment';

interface StoredPhoto {
  fileId: string;
  name: string;
  mime: string;
  size: number;
  at: string;
}

interface Checklist extends ChecklistContent {
  row: ChecklistRow;
  appliesTo: AssessedKind[];
  max: number;
  itemCount: number;
}

const venueNotFound = () => new AppError(404, 'VENUE_NOT_FOUND', '没有找到这个办事地点，或不在您的管理范围内');
const assessmentNotFound = () => notFound('评估记录', 'ASSESSMENT_NOT_FOUND');
const isFinal = () => conflict('ASSESSMENT_FINAL', '这次评估已定稿，不能再修改；如需重新评估，请新建一次评估');
const stateChanged = () => conflict('ASSESSMENT_STATE_CHANGED', '这次评估刚被其他人修改过，请刷新页面后再操作');
const isUniqueViolation = (err: unknown) => {
  const code = String((err as { code?: unknown }).code ?? '');
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
};
const isAssessed = (kind: VenueKind): kind is AssessedKind => (ASSESSED_KINDS as readonly string[]).includes(kind);
const fileName = (name: string, ext: string) =>
  Array.from(name, (ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 120) || `photo.${ext}`;

export class VenueStandardsService {
  /** Parsed checklists by id: a version never changes once written. */
  private readonly checklistCache = new Map<string, Checklist>();
  private readonly regionNames = new Map<string, string>();

  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'files'>,
    private readonly venues: AssessedVenues,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  // ───────────────────────── checklists ─────────────────────────

  private parse(row: ChecklistRow): Checklist {
    let c = this.checklistCache.get(row.id);
    if (!c) {
      const sections = JSON.parse(row.sections) as ChecklistSection[];
      c = { row, sections, thresholds: JSON.parse(row.thresholds) as Thresholds, appliesTo: JSON.parse(row.applies_to) as AssessedKind[], max: checklistMax({ sections }), itemCount: checklistItems({ sections }).length };
      this.checklistCache.set(row.id, c);
    }
    return c;
  }

  private async checklistById(id: string): Promise<Checklist> {
    const cached = this.checklistCache.get(id);
    if (cached) return cached;
    const row = await findChecklist(this.db, id);
    if (!row) throw notFound('评估标准', 'CHECKLIST_NOT_FOUND');
    return this.parse(row);
  }

  /** The current checklist of each kind: the newest version applying to it. */
  private static currentIds(rows: Pick<ChecklistRow, 'id' | 'version' | 'applies_to'>[]): Map<AssessedKind, string> {
    const current = new Map<AssessedKind, { id: string; version: number }>();
    for (const r of rows) {
      for (const kind of JSON.parse(r.applies_to) as AssessedKind[]) {
        const had = current.get(kind);
        if (!had || r.version > had.version) current.set(kind, { id: r.id, version: r.version });
      }
    }
    return new Map([...current].map(([k, v]) => [k, v.id]));
  }

  private async currentFor(kind: AssessedKind): Promise<Checklist> {
    const id = VenueStandardsService.currentIds(await checklistVersions(this.db)).get(kind);
    if (!id) throw conflict('NO_CHECKLIST', `还没有适用于${VENUE_KINDS[kind]}的评估标准，请市级管理员先发布`);
    return this.checklistById(id);
  }

  private summaryOf(c: Checklist, current: Map<AssessedKind, string>): ChecklistSummary {
    const r = c.row;
    return {
      id: r.id, name: r.name, version: r.version, appliesTo: c.appliesTo, note: r.note, maxPoints: c.max, itemCount: c.itemCount,
      currentFor: ASSESSED_KINDS.filter((k) => current.get(k) === r.id), createdAt: r.created_at, createdByName: r.created_by_name,
    };
  }

  private viewOf(c: Checklist, current: Map<AssessedKind, string>): ChecklistView {
    return { ...this.summaryOf(c, current), sections: c.sections, thresholds: c.thresholds };
  }

  /** GET /venue-standards/checklists: every version, newest first. */
  async checklists(): Promise<{ items: ChecklistSummary[] }> {
    const rows = await allChecklists(this.db);
    const current = VenueStandardsService.currentIds(rows);
    return { items: rows.map((r) => this.summaryOf(this.parse(r), current)) };
  }

  /** GET /venue-standards/checklists/{id}: one version in full. */
  async checklist(id: string): Promise<ChecklistView> {
    const c = await this.checklistById(id);
    return this.viewOf(c, VenueStandardsService.currentIds(await checklistVersions(this.db)));
  }

  /** GET /venue-standards/checklists/current?kind=: the checklist a new assessment of that kind is made with. */
  async current(kind: AssessedKind): Promise<ChecklistView> {
    const c = await this.currentFor(kind);
    return this.viewOf(c, VenueStandardsService.currentIds(await checklistVersions(this.db)));
  }

  /**
   * POST /venue-standards/checklists: a new version (the schema checked it whole: unique codes,
   * positive points, rising thresholds, must-haves that exist). City administrators only.
   * Assessments already begun keep the version they were made with.
   */
  async publishChecklist(ctx: RequestContext, actor: StaffActor, input: ChecklistInput): Promise<ChecklistView> {
    const top = await canAtTop(actor, 'venue.manage', this.deps.regions);
    if (!top) throw forbidden('只有市级管理员可以发布评估标准');
    const id = newId();
    const now = iso(this.deps.clock.now());
    try {
      await this.db.transaction().execute(async (tx) => {
        const versions = await checklistVersions(tx);
        const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
        const row: ChecklistRow = {
          id, name: input.name, version, applies_to: JSON.stringify(input.appliesTo), sections: JSON.stringify(input.sections), thresholds: JSON.stringify(input.thresholds),
          note: input.note, active: 1, created_by: actor.id, created_by_name: actor.name, created_at: now,
        };
        await insertChecklist(tx, row);
        // `active` marks the versions that are still current for some kind
        const current = new Set(VenueStandardsService.currentIds([...versions, row]).values());
        const retired = versions.filter((v) => v.active === 1 && !current.has(v.id)).map((v) => v.id);
        if (retired.length) await setChecklistActive(tx, retired, 0);
        await recordAudit(tx, ctx, {
          action: 'venue_standard.checklist_publish', entityType: 'assessment_checklist', entityId: id, regionCode: top.code,
          summary: { checklist: input.name, version, appliesTo: input.appliesTo, itemCount: checklistItems(input).length, maxPoints: checklistMax(input), retired: retired.length },
        }, this.deps.clock);
      });
    } catch (err) {
      // two publishers at once took the same version number: the second is told to try again
      if (isUniqueViolation(err)) throw conflict('CHECKLIST_STATE_CHANGED', '评估标准刚有新版本发布，请刷新后再试');
      throw err;
    }
    return this.checklist(id);
  }

  // ───────────────────────── access ─────────────────────────

  private async regionOf(code: string): Promise<Region | undefined> {
    return this.deps.regions.get(code);
  }

  private mayManage(actor: Actor, region: Region | undefined): region is Region {
    return region !== undefined && can(actor, 'venue.manage', this.deps.regions.ref(region));
  }

  /** A venue the administrator may assess (a centre or station in their area); any other is not found, or not assessed. */
  private async assessable(actor: StaffActor, venueId: string): Promise<AssessedVenue & { kind: AssessedKind }> {
    const venue = await this.venues.venue(venueId);
    if (!venue || !this.mayManage(actor, await this.regionOf(venue.regionCode))) throw venueNotFound();
    if (!isAssessed(venue.kind)) throw new AppError(400, 'VENUE_NOT_ASSESSED', '标准化评估只针对镇（街道）为民服务中心和村（社区）便民服务站');
    return { ...venue, kind: venue.kind };
  }

  /** An assessment of a place the administrator manages (its venue's region when it began); any other is not found. */
  private async visible(actor: StaffActor, id: string): Promise<AssessmentRow> {
    const row = await findAssessment(this.db, id);
    if (!row || !this.mayManage(actor, await this.regionOf(row.region_code))) throw assessmentNotFound();
    return row;
  }

  private async editable(actor: StaffActor, id: string, version?: number): Promise<AssessmentRow> {
    const row = await this.visible(actor, id);
    if (row.status === 'final') throw isFinal();
    if (version !== undefined && row.version !== version) throw stateChanged();
    return row;
  }

  /** After a guarded update changed nothing: finalised meanwhile, or changed by someone else. */
  private async lostRace(tx: DbOrTx, id: string): Promise<never> {
    const now = await findAssessment(tx, id);
    if (!now) throw assessmentNotFound();
    throw now.status === 'final' ? isFinal() : stateChanged();
  }

  /** The town (and village) as the map names places: 钢山街道孟庄社区. */
  private async regionName(code: string): Promise<string> {
    let name = this.regionNames.get(code);
    if (name === undefined) {
      const chain = await this.deps.regions.ancestors(code);
      name = chain.filter((r) => r.level !== 'county').map((r) => r.shortName).join('') || (chain.at(-1)?.shortName ?? '');
      this.regionNames.set(code, name);
    }
    return name;
  }

  private today(): string {
    return chinaDate(this.deps.clock.now());
  }

  private dayProblem(day: string): FieldProblem | null {
    if (day > this.today()) return { field: 'assessedOn', message: '评估日期不能晚于今天' };
    if (day < '2000-01-01') return { field: 'assessedOn', message: '评估日期不能早于 2000 年' };
    return null;
  }

  // ───────────────────────── one venue ─────────────────────────

  private summaryOfRow(r: AssessmentSummaryRow, c: Checklist): AssessmentSummary {
    return {
      id: r.id, status: r.status, assessedOn: r.assessed_on, assessorName: r.assessor_name, level: r.level,
      total: r.total, max: r.max_points, percent: r.percent, checklistId: c.row.id, checklistName: c.row.name, checklistVersion: c.row.version,
      photoCount: (JSON.parse(r.photos) as StoredPhoto[]).length, updatedAt: r.updated_at, finalisedAt: r.finalised_at,
    };
  }

  /** GET /venue-standards/venues/{venueId}: the venue, the checklist a new assessment uses, its draft and its history. */
  async standing(actor: StaffActor, venueId: string) {
    const venue = await this.assessable(actor, venueId);
    const checklist = await this.currentFor(venue.kind);
    const [draft, finals, versions] = await Promise.all([draftOf(this.db, venueId), finalsOf(this.db, venueId), checklistVersions(this.db)]);
    const summary = async (r: AssessmentSummaryRow) => this.summaryOfRow(r, await this.checklistById(r.checklist_id));
    return {
      venue: { id: venue.id, name: venue.name, kind: venue.kind, kindLabel: VENUE_KINDS[venue.kind], regionCode: venue.regionCode, regionName: await this.regionName(venue.regionCode) },
      checklist: this.summaryOf(checklist, VenueStandardsService.currentIds(versions)),
      draft: draft ? await summary(draft) : null,
      history: await Promise.all(finals.map(summary)),
    };
  }

  /**
   * POST /venue-standards/venues/{venueId}/assessments: a new draft with the current checklist of
   * the venue's kind, dated the visit's day (today by default). 409 while another draft is open.
   */
  async start(ctx: RequestContext, actor: StaffActor, venueId: string, input: { assessedOn?: string }): Promise<AssessmentView> {
    const venue = await this.assessable(actor, venueId);
    const assessedOn = input.assessedOn ?? this.today();
    const problem = this.dayProblem(assessedOn);
    if (problem) throw validationFailed([problem]);
    const open = await draftOf(this.db, venueId);
    const draftExists = (id: string) => conflict('ASSESSMENT_DRAFT_EXISTS', `${venue.name}已有一次未定稿的评估，请继续完成或删除后再新建`, { assessmentId: id });
    if (open) throw draftExists(open.id);
    const checklist = await this.currentFor(venue.kind);
    const id = newId();
    const now = iso(this.deps.clock.now());
    try {
      await this.db.transaction().execute(async (tx) => {
        await insertAssessment(tx, {
          id, venue_id: venue.id, venue_name: venue.name, venue_kind: venue.kind, region_code: venue.regionCode, checklist_id: checklist.row.id,
          assessed_on: assessedOn, assessor_id: actor.id, assessor_name: actor.name, scores: '{}', photos: '[]', summary: '',
          total: null, max_points: null, percent: null, level: null, status: 'draft', version: 1, created_at: now, updated_at: now, finalised_at: null,
        });
        await recordAudit(tx, ctx, {
          action: 'venue_assessment.start', entityType: 'venue_assessment', entityId: id, regionCode: venue.regionCode,
          summary: { venue: venue.name, assessedOn, checklistVersion: checklist.row.version },
        }, this.deps.clock);
      });
    } catch (err) {
      // another administrator opened one at the same moment (the one-draft index)
      if (isUniqueViolation(err)) {
        const other = await draftOf(this.db, venueId);
        throw draftExists(other?.id ?? '');
      }
      throw err;
    }
    return this.view((await findAssessment(this.db, id))!);
  }

  /** GET /venue-standards/assessments/{id}: one assessment with its checklist version, scores, photos and result. */
  async assessment(actor: StaffActor, id: string): Promise<AssessmentView> {
    return this.view(await this.visible(actor, id));
  }

  private async view(row: AssessmentRow): Promise<AssessmentView> {
    const checklist = await this.checklistById(row.checklist_id);
    const scores = JSON.parse(row.scores) as Scores;
    const computed = scoreAssessment(checklist, scores);
    // a final one answers as it was finalised (the same numbers: its checklist never changes)
    const result = row.status === 'final'
      ? { ...computed, total: row.total ?? computed.total, max: row.max_points ?? computed.max, percent: row.percent ?? computed.percent, level: row.level ?? computed.level }
      : computed;
    return {
      id: row.id, venueId: row.venue_id, venueName: row.venue_name, venueKind: row.venue_kind as AssessedKind, regionCode: row.region_code,
      regionName: await this.regionName(row.region_code),
      checklist: this.viewOf(checklist, VenueStandardsService.currentIds(await checklistVersions(this.db))),
      assessedOn: row.assessed_on, assessorName: row.assessor_name, status: row.status, version: row.version, scores, summary: row.summary,
      photos: (JSON.parse(row.photos) as StoredPhoto[]).map(photoView),
      result: { total: result.total, max: result.max, percent: result.percent, level: result.level, unscored: computed.unscored, levels: computed.levels },
      createdAt: row.created_at, updatedAt: row.updated_at, finalisedAt: row.finalised_at,
    };
  }

  /** Each score names an item of the checklist and is 0 to the item's points, in half points: every problem at once. */
  private scoreProblems(checklist: Checklist, scores: Scores): FieldProblem[] {
    const items = new Map(checklistItems(checklist).map((i) => [i.code, i]));
    const problems: FieldProblem[] = [];
    for (const [code, s] of Object.entries(scores)) {
      const item = items.get(code);
      const field = `scores.${code}`;
      if (!item) problems.push({ field, message: `评估标准（第 ${checklist.row.version} 版）中没有编码为「${code}」的评估项` });
      else if (s.points < 0 || s.points > item.points) problems.push({ field: `${field}.points`, message: `「${item.title}」的得分应在 0 到 ${item.points} 分之间` });
      else if (!isHalfStep(s.points)) problems.push({ field: `${field}.points`, message: `「${item.title}」的得分最小单位为 0.5 分` });
    }
    return problems;
  }

  /** PUT /venue-standards/assessments/{id}: a draft's day, scores (replacing all) and summary, from the version read. */
  async save(ctx: RequestContext, actor: StaffActor, id: string, input: { version: number; assessedOn: string; scores: Scores; summary: string }): Promise<AssessmentView> {
    const row = await this.editable(actor, id, input.version);
    const checklist = await this.checklistById(row.checklist_id);
    const problems = this.scoreProblems(checklist, input.scores);
    const day = this.dayProblem(input.assessedOn);
    if (day) problems.unshift(day);
    if (problems.length) throw validationFailed(problems, `评分有 ${problems.length} 处问题，请修改后再保存`);
    const now = iso(this.deps.clock.now());
    const running = scoreAssessment(checklist, input.scores);
    await this.db.transaction().execute(async (tx) => {
      const done = await updateDraft(tx, id, input.version, { assessed_on: input.assessedOn, scores: JSON.stringify(input.scores), summary: input.summary, updated_at: now });
      if (Number(done.numUpdatedRows) !== 1) await this.lostRace(tx, id);
      await recordAudit(tx, ctx, {
        action: 'venue_assessment.save', entityType: 'venue_assessment', entityId: id, regionCode: row.region_code,
        summary: { venue: row.venue_name, assessedOn: input.assessedOn, scored: Object.keys(input.scores).length, of: running.itemCount, total: running.total },
      }, this.deps.clock);
    });
    return this.view((await findAssessment(this.db, id))!);
  }

  /**
   * POST /venue-standards/assessments/{id}/finalise: every item scored, then the total, the
   * percent and the level (must-haves included) against the assessment's own checklist version;
   * final from then on.
   */
  async finalise(ctx: RequestContext, actor: StaffActor, id: string, input: { version: number }): Promise<AssessmentView> {
    const row = await this.editable(actor, id, input.version);
    const checklist = await this.checklistById(row.checklist_id);
    const scores = JSON.parse(row.scores) as Scores;
    const result = scoreAssessment(checklist, scores);
    if (result.unscored.length) {
      const titles = new Map(checklistItems(checklist).map((i) => [i.code, i.title]));
      throw new AppError(400, 'ASSESSMENT_INCOMPLETE', `还有 ${result.unscored.length} 个评估项没有评分，全部评分后才能定稿`,
        result.unscored.map((code) => ({ field: `scores.${code}`, message: `「${titles.get(code)}」还没有评分` })));
    }
    const day = this.dayProblem(row.assessed_on);
    if (day) throw validationFailed([day]);
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const done = await finaliseDraft(tx, id, input.version, { total: result.total, max_points: result.max, percent: result.percent, level: result.level, finalised_at: now, updated_at: now });
      if (Number(done.numUpdatedRows) !== 1) await this.lostRace(tx, id);
      await recordAudit(tx, ctx, {
        action: 'venue_assessment.finalise', entityType: 'venue_assessment', entityId: id, regionCode: row.region_code,
        summary: { venue: row.venue_name, assessedOn: row.assessed_on, level: result.level, total: result.total, max: result.max, percent: result.percent, checklistVersion: checklist.row.version },
      }, this.deps.clock);
    });
    return this.view((await findAssessment(this.db, id))!);
  }

  /** DELETE /venue-standards/assessments/{id}: a draft given up (its photos' files stay, unreferenced). */
  async discard(ctx: RequestContext, actor: StaffActor, id: string): Promise<void> {
    const row = await this.editable(actor, id);
    await this.db.transaction().execute(async (tx) => {
      const done = await deleteDraft(tx, id);
      if (Number(done.numDeletedRows) !== 1) await this.lostRace(tx, id);
      await recordAudit(tx, ctx, {
        action: 'venue_assessment.discard', entityType: 'venue_assessment', entityId: id, regionCode: row.region_code,
        summary: { venue: row.venue_name, assessedOn: row.assessed_on },
      }, this.deps.clock);
    });
  }

  // ───────────────────────── photos ─────────────────────────

  /**
   * POST /venue-standards/assessments/{id}/photos: a photo of the visit (JPG or PNG, checked by
   * content), stored privately like application materials and attached to the draft.
   */
  async addPhoto(ctx: RequestContext, actor: StaffActor, id: string, upload: { fileName: string; data: Buffer }): Promise<PhotoView> {
    const row = await this.editable(actor, id);
    const type = detectFileType(upload.data, upload.fileName);
    if (!type || (type.ext !== 'jpg' && type.ext !== 'png')) {
      throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', '现场照片只能是 JPG 或 PNG 图片（按文件内容判断，而非文件名）');
    }
    const tooMany = (r: AssessmentRow) => {
      if ((JSON.parse(r.photos) as StoredPhoto[]).length >= MAX_PHOTOS) throw conflict('TOO_MANY_PHOTOS', `每次评估最多上传 ${MAX_PHOTOS} 张照片`);
    };
    tooMany(row);
    const stored = await this.deps.files.put(upload.data);
    const now = iso(this.deps.clock.now());
    const photo: StoredPhoto = { fileId: newId(), name: fileName(upload.fileName, type.ext), mime: type.mime, size: upload.data.length, at: now };
    await this.changePhotos(actor, id, row, (current) => {
      tooMany(current);
      return [...(JSON.parse(current.photos) as StoredPhoto[]), photo];
    }, async (tx) => {
      await insertFileRow(tx, this.deps.clock, {
        id: photo.fileId, name: photo.name, mime: photo.mime, size: photo.size, sha256: stored.sha256, storageKey: stored.key, kind: 'upload',
        meta: { purpose: PHOTO_PURPOSE, assessmentId: id }, isPublic: false, createdBy: actor.id,
      });
      await recordAudit(tx, ctx, {
        action: 'venue_assessment.photo_add', entityType: 'venue_assessment', entityId: id, regionCode: row.region_code,
        summary: { venue: row.venue_name, fileId: photo.fileId, name: photo.name, size: photo.size, mime: photo.mime },
      }, this.deps.clock);
    });
    return photoView(photo);
  }

  /** DELETE /venue-standards/assessments/{id}/photos/{fileId}: a photo taken off a draft. */
  async removePhoto(ctx: RequestContext, actor: StaffActor, id: string, fileId: string): Promise<void> {
    const row = await this.editable(actor, id);
    let name = '';
    await this.changePhotos(actor, id, row, (current) => {
      const photos = JSON.parse(current.photos) as StoredPhoto[];
      const photo = photos.find((p) => p.fileId === fileId);
      if (!photo) throw notFound('照片', 'PHOTO_NOT_FOUND');
      name = photo.name;
      return photos.filter((p) => p !== photo);
    }, async (tx) => {
      await recordAudit(tx, ctx, {
        action: 'venue_assessment.photo_remove', entityType: 'venue_assessment', entityId: id, regionCode: row.region_code,
        summary: { venue: row.venue_name, fileId, name },
      }, this.deps.clock);
    });
  }

  /**
   * A draft's photo list changed from the list read, with the rest of the change (file row, audit)
   * in the same transaction. Photos go up one by one, several at once from one phone: when another
   * upload changed the list meanwhile, the change is made again on the new list (a few times), so
   * no photo is lost and nobody is asked to retry.
   */
  private async changePhotos(actor: StaffActor, id: string, row: AssessmentRow, next: (current: AssessmentRow) => StoredPhoto[], alongside: (tx: DbOrTx) => Promise<void>): Promise<void> {
    let current = row;
    for (let attempt = 1; ; attempt++) {
      const after = JSON.stringify(next(current));
      const now = iso(this.deps.clock.now());
      const written = await this.db.transaction().execute(async (tx) => {
        const done = await replacePhotos(tx, id, current.photos, after, now);
        if (Number(done.numUpdatedRows) !== 1) return false;
        await alongside(tx);
        return true;
      });
      if (written) return;
      if (attempt >= 5) throw stateChanged();
      // finalised or discarded meanwhile: 409 / 404 from here
      current = await this.editable(actor, id);
    }
  }

  /**
   * For the files module (FileAccess.mayRead, wired in app.ts): a photo of an assessment may be
   * read by staff who may see that assessment, while it is one of its photos.
   */
  async mayReadPhoto(actor: Actor, fileId: string): Promise<boolean> {
    if (actor.kind !== 'staff') return false;
    const file = await findFile(this.db, fileId);
    if (!file || file.kind !== 'upload') return false;
    const meta = JSON.parse(file.meta) as { purpose?: string; assessmentId?: string };
    if (meta.purpose !== PHOTO_PURPOSE || !meta.assessmentId) return false;
    const row = await findAssessment(this.db, meta.assessmentId);
    if (!row || !(JSON.parse(row.photos) as StoredPhoto[]).some((p) => p.fileId === fileId)) return false;
    return this.mayManage(actor, await this.regionOf(row.region_code));
  }

  // ───────────────────────── the overview ─────────────────────────

  /**
   * GET /venue-standards/overview: every town centre and village station in the administrator's
   * area with its latest finalised level (or 未评估) and any assessment under way; counts per level
   * per town (the town, kind and words filters apply to them, the level filter does not).
   */
  async overview(actor: StaffActor, q: { town?: string; level?: OverviewLevel; kind?: AssessedKind; q?: string; page: number; pageSize: number }) {
    if (q.town) {
      const town = await this.deps.regions.require(q.town, 'town');
      if (town.level !== 'town') throw validationFailed([{ field: 'town', message: `${town.shortName}不是镇（街道）` }]);
    }
    const roots = scopePaths(actor, 'venue.manage').map((p) => p.split('/').filter(Boolean).at(-1)!);
    const kinds = q.kind ? [q.kind] : ASSESSED_KINDS;
    const found = new Map<string, AssessedVenue>();
    for (const root of roots) for (const v of await this.venues.venuesIn(root, kinds)) if (isAssessed(v.kind)) found.set(v.id, v);
    const words = q.q?.trim();
    const venues: (AssessedVenue & { kind: AssessedKind; town: Region })[] = [];
    for (const v of found.values()) {
      const region = await this.regionOf(v.regionCode);
      if (!this.mayManage(actor, region)) continue;
      const town = region.level === 'town' ? region : region.level === 'village' && region.parentCode ? await this.regionOf(region.parentCode) : undefined;
      if (!town || (q.town && town.code !== q.town)) continue;
      if (words && !v.name.includes(words)) continue;
      venues.push({ ...v, kind: v.kind as AssessedKind, town });
    }
    const { latest, drafts } = await standingOf(this.db, venues.map((v) => v.id));

    const zero = () => ({ benchmark: 0, standard: 0, basic: 0, below: 0, none: 0, total: 0 });
    const towns = new Map<string, { regionCode: string; regionName: string; counts: ReturnType<typeof zero> }>();
    const totals = zero();
    const items: OverviewItem[] = [];
    for (const v of venues) {
      const last = latest.get(v.id);
      const level: OverviewLevel = last?.level ?? 'none';
      let town = towns.get(v.town.code);
      if (!town) towns.set(v.town.code, (town = { regionCode: v.town.code, regionName: v.town.shortName, counts: zero() }));
      town.counts[level]++;
      town.counts.total++;
      totals[level]++;
      totals.total++;
      if (q.level && q.level !== level) continue;
      items.push({
        venueId: v.id, venueName: v.name, kind: v.kind, kindLabel: VENUE_KINDS[v.kind], regionCode: v.regionCode, regionName: await this.regionName(v.regionCode),
        townCode: v.town.code, townName: v.town.shortName, level, assessmentId: last?.id ?? null, assessedOn: last?.assessed_on ?? null,
        total: last?.total ?? null, max: last?.max_points ?? null, percent: last?.percent ?? null, draftId: drafts.get(v.id)?.id ?? null,
      });
    }
    // by town, the centre before its stations, then by place
    items.sort((a, b) => a.townCode.localeCompare(b.townCode) || (a.kind === b.kind ? 0 : a.kind === 'town_centre' ? -1 : 1) || a.regionCode.localeCompare(b.regionCode) || a.venueName.localeCompare(b.venueName, 'zh-CN'));
    const start = (q.page - 1) * q.pageSize;
    return {
      towns: [...towns.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
      totals,
      total: items.length,
      items: items.slice(start, start + q.pageSize),
    };
  }

  /**
   * GET /venue-standards/levels?venue=: for the public pages, the level each venue's latest
   * finalised assessment reached (venues not assessed, or below 基础型, are left out).
   */
  async publicLevels(venueIds: string[]): Promise<{ items: { venueId: string; level: VenueLevel; levelLabel: string; assessedOn: string }[] }> {
    const { latest } = await standingOf(this.db, venueIds);
    const items = [];
    for (const id of venueIds) {
      const last = latest.get(id);
      if (!last?.level || last.level === 'below') continue;
      items.push({ venueId: id, level: last.level, levelLabel: VENUE_LEVELS[last.level], assessedOn: last.assessed_on });
    }
    return { items };
  }
}

function photoView(p: StoredPhoto): PhotoView {
  return { fileId: p.fileId, name: p.name, mime: p.mime, size: p.size, uploadedAt: p.at, url: `/api/v1/files/${p.fileId}` };
}
