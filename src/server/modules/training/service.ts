/**
 * 培训记录 (issue 17 deliverable 5): the city bureau and the towns record the training they give
 * window clerks, approvers and village 代办员 on the reform — sessions (topic, dates, 学时, trainer,
 * form, organiser), who was on them (staff accounts of the organiser's subtree, read through the
 * accounts module's StaffBriefs; people without an account by name and unit, their phone
 * encrypted), attendance, 学时 credited and assessment — and answer the auditor's "how many hours
 * has each person had": a person's record by year, and year figures per organiser.
 *
 * Scope: training.manage over the organiser's region (a town admin their town's sessions, the city
 * all); a staff account's record is read by those who manage training over its home region, and
 * by its holder (我的培训). Every change is audited in its transaction; a stale version is 409.
 * 学时 are kept as half-hours (integers), so sums are exact on both engines.
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { can, scopePaths, type Actor, type RegionRef } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import { isUniqueViolation } from '../../db/index.js';
import { maskPhone } from '../../../shared/validators.js';
import {
  ASSESSMENTS, ATTENDANCES, TRAINING_FORMS, TRAINING_STATUSES, type Assessment, type Attendance, type TrainingForm, type TrainingStatus,
} from '../../../shared/training.js';
import { noTrainingCases, type TraineeAccount, type TraineeAccounts, type TrainingCases } from './ports.js';
import {
  allSessions, casesOf, deleteCase, deleteParticipant, insertCase, sessionsCiting, touchSession, findParticipant, findSession, insertParticipants, insertSession, listedKeys, listSessions, materialsOf, participantCounts,
  participantsOf, participantsOfSessions, recordOf, recreditFull, updateParticipant, updateSession, yearFigures, type ParticipantRow, type SessionFilter, type SessionRow,
} from './repo.js';
import type { z } from 'zod';
import type {
  ParticipantUpdate, PersonRecord, SessionInput, SessionListQuery, SessionUpdate, SessionView, externalParticipant, sessionExportQuery, summaryQuery,
} from './schemas.js';

/** A session's columns as the API names them (the audit's list of what changed). */
const FIELD_NAMES: Partial<Record<keyof SessionRow, string>> = {
  start_on: 'startOn', end_on: 'endOn', half_hours: 'hours', trainer_unit: 'trainerUnit', region_code: 'regionCode',
};

export const sessionNotFound = () => notFound('培训场次', 'TRAINING_SESSION_NOT_FOUND');
const sessionChanged = () => conflict('TRAINING_SESSION_CHANGED', '这次培训刚被其他人修改过，请刷新后再试');
const participantChanged = () => conflict('TRAINING_PARTICIPANT_CHANGED', '这名参训人员的记录刚被其他人修改过，请刷新后再试');

const toHalf = (h: number) => Math.round(h * 2);
const fromHalf = (n: number | string) => Number(n) / 2;
const staffKey = (id: string) => `staff:${id}`;

/** The file's address for the web app (GET /files/{id}: the files module, FileAccess decides who reads it). */
export const materialUrl = (fileId: string) => `/api/v1/files/${fileId}`;
/** A published 典型案例's page on the portal. */
export const practiceUrl = (practiceId: string) => `/practices/${practiceId}`;
/** At most this many 教学案例 per session. */
const MAX_CASES = 20;

export class TrainingService {
  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'protector'>,
    private readonly accounts: TraineeAccounts,
    private readonly practices: TrainingCases = noTrainingCases,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  private async regionName(code: string): Promise<string> {
    return (await this.deps.regions.get(code))?.shortName ?? code;
  }

  /** The organiser the person may record training for (the city or a town), else 400/403. */
  private async organiser(actor: StaffActor, code: string): Promise<RegionRef & { name: string }> {
    const region = await this.deps.regions.require(code, 'regionCode');
    if (region.level === 'village') throw badRequest('TRAINING_ORGANISER_LEVEL', '培训的组织单位应为市级或镇（街道）', [{ field: 'regionCode', message: '请选择市级或镇（街道）' }]);
    const ref = this.deps.regions.ref(region);
    if (!can(actor, 'training.manage', ref)) throw forbidden(`您不能为「${region.shortName}」登记培训`);
    return { ...ref, name: region.shortName };
  }

  /** The session, if the person manages training where it was organised (404 otherwise: no hint that it exists). */
  private async load(actor: Actor, id: string): Promise<SessionRow> {
    const s = await findSession(this.db, id);
    if (!s || !can(actor, 'training.manage', { code: s.region_code, path: s.region_path })) throw sessionNotFound();
    return s;
  }

  private static checkDates(startOn: string, endOn: string | null | undefined): void {
    if (endOn && endOn < startOn) throw badRequest('TRAINING_END_BEFORE_START', '结束日期不能早于培训日期', [{ field: 'endOn', message: '结束日期不能早于培训日期' }]);
  }

  private async filterOf(actor: StaffActor, q: Omit<SessionListQuery, 'page' | 'pageSize'>): Promise<SessionFilter> {
    const regionPath = q.region ? (await this.deps.regions.require(q.region, 'region')).path : undefined;
    return {
      scopePaths: scopePaths(actor, 'training.manage'), regionPath,
      from: q.year ? `${q.year}-01-01` : q.from, to: q.year ? `${q.year}-12-31` : q.to, form: q.form, status: q.status, q: q.q || undefined,
    };
  }

  private async summaries(rows: SessionRow[]) {
    const counts = await participantCounts(this.db, rows.map((r) => r.id));
    const out = [];
    for (const s of rows) {
      const c = counts.get(s.id) ?? { n: 0, attended: 0 };
      out.push({
        id: s.id, topic: s.topic, startOn: s.start_on, endOn: s.end_on, hours: fromHalf(s.half_hours), trainer: s.trainer, trainerUnit: s.trainer_unit, place: s.place,
        form: s.form as TrainingForm, formLabel: TRAINING_FORMS[s.form as TrainingForm] ?? s.form, regionCode: s.region_code, regionName: await this.regionName(s.region_code),
        status: s.status as TrainingStatus, statusLabel: TRAINING_STATUSES[s.status as TrainingStatus] ?? s.status, participants: c.n, attended: c.attended, version: s.version,
      });
    }
    return out;
  }

  /** GET /training/sessions: the sessions organised where the person manages training, newest first. */
  async list(actor: StaffActor, q: SessionListQuery) {
    const { total, rows } = await listSessions(this.db, await this.filterOf(actor, q), q.page, q.pageSize);
    return { total, items: await this.summaries(rows) };
  }

  /** The sessions and their participants for the Excel export (at most 5,000 sessions). */
  async exportRows(actor: StaffActor, q: z.infer<typeof sessionExportQuery>) {
    const rows = await allSessions(this.db, await this.filterOf(actor, q), 5000);
    const sessions = await this.summaries(rows);
    const participants = await participantsOfSessions(this.db, rows.map((r) => r.id));
    return { sessions, participants: participants.map((p) => this.participantView(p)) };
  }

  private participantView(p: ParticipantRow) {
    return {
      id: p.id, sessionId: p.session_id, kind: p.staff_id ? 'staff' as const : 'external' as const, staffId: p.staff_id, name: p.name,
      username: null as string | null, unit: p.unit,
      phoneMasked: p.phone_enc ? maskPhone(this.deps.protector.decrypt(p.phone_enc)) : null,
      attendance: p.attendance as Attendance, attendanceLabel: ATTENDANCES[p.attendance as Attendance] ?? p.attendance, hours: fromHalf(p.half_hours),
      assessment: (p.assessment as Assessment | null) ?? null, assessmentLabel: p.assessment ? (ASSESSMENTS[p.assessment as Assessment] ?? p.assessment) : null,
      score: p.score, version: p.version,
    };
  }

  /** GET /training/sessions/:id */
  async get(actor: StaffActor, id: string): Promise<SessionView> {
    const s = await this.load(actor, id);
    return this.view(s);
  }

  private async view(s: SessionRow): Promise<SessionView> {
    const [summary] = await this.summaries([s]);
    const rows = await participantsOf(this.db, s.id);
    const accounts = new Map((await this.accounts.byIds(rows.flatMap((p) => (p.staff_id ? [p.staff_id] : [])))).map((a) => [a.id, a]));
    const materials = await materialsOf(this.db, s.id);
    const cases = await this.casesView(s.id);
    return {
      ...summary!, summary: s.summary, createdAt: s.created_at, updatedAt: s.updated_at,
      participantList: rows.map((p) => {
        const { sessionId: _s, ...v } = this.participantView(p);
        return { ...v, username: p.staff_id ? (accounts.get(p.staff_id)?.username ?? null) : null };
      }),
      materials: materials.map((m) => ({ fileId: m.file_id, name: m.name, mime: m.mime, size: Number(m.size), url: materialUrl(m.file_id), uploadedAt: m.uploaded_at })),
      cases,
    };
  }

  // ---- 教学案例: the published 典型案例 a session cites ----

  /** A session's teaching cases as the practices stand now: a link to the portal while published, 已撤下 once withdrawn. */
  private async casesView(sessionId: string): Promise<SessionView['cases']> {
    const rows = await casesOf(this.db, sessionId);
    if (rows.length === 0) return [];
    const briefs = new Map((await this.practices.teachingCases(rows.map((r) => r.practice_id))).map((b) => [b.id, b]));
    return rows.map((r) => {
      const b = briefs.get(r.practice_id);
      const published = b?.published ?? false;
      return {
        practiceId: r.practice_id, title: b?.title ?? '（案例已不存在）', regionName: b?.regionName ?? '', published, recommended: published && (b?.recommended ?? false),
        statusLabel: published ? '已发布' : '已撤下', url: published ? practiceUrl(r.practice_id) : null,
      };
    });
  }

  /** GET /training/case-choices: published 典型案例 to cite, those the city recommends for training first. */
  async caseChoices(q: string | undefined) {
    const found = await this.practices.teachingCaseChoices(q || undefined, 30);
    return { items: found.map((b) => ({ id: b.id, title: b.title, regionName: b.regionName, recommended: b.recommended })) };
  }

  /**
   * POST /training/sessions/:id/cases: cite a published 典型案例 (400 TRAINING_CASE_NOT_PUBLISHED
   * for an unknown, unpublished or withdrawn one). Made on the session's version, which it moves
   * (409 when it changed); one already cited is left as it was.
   */
  async addCase(ctx: RequestContext, actor: StaffActor, id: string, input: { practiceId: string; version: number }): Promise<SessionView> {
    const s = await this.load(actor, id);
    if (s.version !== input.version) throw sessionChanged();
    const [brief] = await this.practices.teachingCases([input.practiceId]);
    if (!brief || !brief.published) {
      throw badRequest('TRAINING_CASE_NOT_PUBLISHED', '只能选用已在门户发布的典型案例', [{ field: 'practiceId', message: '没有这个已发布的典型案例' }]);
    }
    const cited = await casesOf(this.db, id);
    if (cited.some((c) => c.practice_id === input.practiceId)) return this.view(s);
    if (cited.length >= MAX_CASES) throw badRequest('TRAINING_CASES_TOO_MANY', `一次培训最多选用 ${MAX_CASES} 个教学案例`, [{ field: 'practiceId', message: `最多 ${MAX_CASES} 个` }]);
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      if ((await touchSession(tx, id, input.version, now)).numUpdatedRows !== 1n) throw sessionChanged();
      await insertCase(tx, { session_id: id, practice_id: input.practiceId, position: Math.max(0, ...cited.map((c) => c.position)) + 1, added_at: now, added_by: actor.id });
      await recordAudit(tx, ctx, {
        action: 'training.case_add', entityType: 'training_session', entityId: id, regionCode: s.region_code,
        summary: { topic: s.topic, practiceId: input.practiceId, practice: brief.title },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** DELETE /training/sessions/:id/cases/:practiceId?version=: no longer cited (404 when it was not). */
  async removeCase(ctx: RequestContext, actor: StaffActor, id: string, practiceId: string, version: number): Promise<SessionView> {
    const s = await this.load(actor, id);
    if (s.version !== version) throw sessionChanged();
    const cited = await casesOf(this.db, id);
    if (!cited.some((c) => c.practice_id === practiceId)) throw notFound('教学案例', 'TRAINING_CASE_NOT_FOUND');
    const [brief] = await this.practices.teachingCases([practiceId]);
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      if ((await touchSession(tx, id, version, now)).numUpdatedRows !== 1n) throw sessionChanged();
      await deleteCase(tx, id, practiceId);
      await recordAudit(tx, ctx, {
        action: 'training.case_remove', entityType: 'training_session', entityId: id, regionCode: s.region_code,
        summary: { topic: s.topic, practiceId, practice: brief?.title ?? null },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** How many sessions cite a practice as a teaching case (the practices module's PracticeTrainingUses). */
  async sessionsCiting(practiceId: string): Promise<number> {
    return sessionsCiting(this.db, practiceId);
  }

  /** POST /training/sessions */
  async create(ctx: RequestContext, actor: StaffActor, input: SessionInput): Promise<SessionView> {
    const place = await this.organiser(actor, input.regionCode);
    TrainingService.checkDates(input.startOn, input.endOn);
    const now = iso(this.deps.clock.now());
    const row: SessionRow = {
      id: newId(), topic: input.topic, start_on: input.startOn, end_on: input.endOn && input.endOn !== input.startOn ? input.endOn : null, half_hours: toHalf(input.hours),
      trainer: input.trainer, trainer_unit: input.trainerUnit ?? '', place: input.place ?? '', form: input.form, region_code: place.code, region_path: place.path,
      summary: input.summary ?? '', status: input.status, created_at: now, created_by: actor.id, updated_at: now, version: 1,
    };
    await this.db.transaction().execute(async (tx) => {
      await insertSession(tx, row);
      await recordAudit(tx, ctx, {
        action: 'training.create', entityType: 'training_session', entityId: row.id, regionCode: place.code,
        summary: { topic: row.topic, startOn: row.start_on, hours: input.hours, form: row.form },
      }, this.deps.clock);
    });
    return this.view(row);
  }

  /**
   * PUT /training/sessions/:id: the whole session as corrected. Moving it to another organiser
   * needs training.manage over both; when the 学时 change, those credited the old 学时 in full get
   * the new.
   */
  async update(ctx: RequestContext, actor: StaffActor, id: string, input: SessionUpdate): Promise<SessionView> {
    const s = await this.load(actor, id);
    const place = input.regionCode === s.region_code ? { code: s.region_code, path: s.region_path } : await this.organiser(actor, input.regionCode);
    TrainingService.checkDates(input.startOn, input.endOn);
    if (s.version !== input.version) throw sessionChanged();
    const set: Partial<SessionRow> = {
      topic: input.topic, start_on: input.startOn, end_on: input.endOn && input.endOn !== input.startOn ? input.endOn : null, half_hours: toHalf(input.hours),
      trainer: input.trainer, trainer_unit: input.trainerUnit ?? '', place: input.place ?? '', form: input.form, region_code: place.code, region_path: place.path,
      summary: input.summary ?? '', status: input.status, updated_at: iso(this.deps.clock.now()),
    };
    const changed = (Object.keys(set) as (keyof SessionRow)[]).filter((k) => k !== 'updated_at' && k !== 'region_path' && set[k] !== s[k]).map((k) => FIELD_NAMES[k] ?? k);
    await this.db.transaction().execute(async (tx) => {
      if ((await updateSession(tx, id, input.version, set)).numUpdatedRows !== 1n) throw sessionChanged();
      if (set.half_hours !== s.half_hours) await recreditFull(tx, id, s.half_hours, set.half_hours!);
      await recordAudit(tx, ctx, {
        action: 'training.update', entityType: 'training_session', entityId: id, regionCode: place.code, summary: { topic: set.topic, changed },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** GET /training/candidates: staff accounts of an organiser's subtree to pick from (by name or username). */
  async candidates(actor: StaffActor, regionCode: string, q: string | undefined) {
    const place = await this.organiser(actor, regionCode);
    const found = await this.accounts.search([place.path], q || undefined, 30);
    return { items: found.map((a) => ({ id: a.id, name: a.name, username: a.username, regionName: a.regionName })) };
  }

  /**
   * POST /training/sessions/:id/participants: several at once. Staff accounts must be at home in
   * the organiser's subtree (others, or unknown ids, refuse the whole request: nothing is added);
   * people already listed are left as they were and named in `alreadyListed`. New rows start as
   * attended with the session's 学时.
   */
  async addParticipants(ctx: RequestContext, actor: StaffActor, id: string, input: { staffIds: string[]; externals: z.infer<typeof externalParticipant>[] }) {
    const s = await this.load(actor, id);
    const place = { code: s.region_code, path: s.region_path };
    const found = new Map((await this.accounts.byIds(input.staffIds)).map((a) => [a.id, a]));
    const outside = [...new Set(input.staffIds)].filter((sid) => {
      const a = found.get(sid);
      return !a || !a.regionPath.startsWith(place.path) || !can(actor, 'training.manage', { code: a.regionCode, path: a.regionPath });
    });
    if (outside.length > 0) {
      throw badRequest('TRAINING_PARTICIPANT_OUT_OF_SCOPE', `有 ${outside.length} 个账号不属于「${await this.regionName(s.region_code)}」，不能列为这次培训的参训人员`, outside.map((sid) => ({ field: 'staffIds', message: sid })));
    }
    const now = iso(this.deps.clock.now());
    const candidates: ParticipantRow[] = [];
    const base = { session_id: id, attendance: 'attended', half_hours: s.half_hours, assessment: null, score: null, created_at: now, created_by: actor.id, version: 1 };
    for (const a of [...found.values()] as TraineeAccount[]) {
      candidates.push({ ...base, id: newId(), person_key: staffKey(a.id), staff_id: a.id, name: a.name, unit: a.regionName, phone_enc: null, region_code: a.regionCode, region_path: a.regionPath });
    }
    for (const e of input.externals) {
      candidates.push({
        ...base, id: newId(), person_key: this.externalKey(e.name, e.unit), staff_id: null, name: e.name, unit: e.unit,
        phone_enc: e.phone ? this.deps.protector.encrypt(e.phone) : null, region_code: s.region_code, region_path: s.region_path,
      });
    }
    // the same person twice in one request counts once
    const unique = [...new Map(candidates.map((c) => [c.person_key, c])).values()];
    const listed = await listedKeys(this.db, id, unique.map((c) => c.person_key));
    const fresh = unique.filter((c) => !listed.has(c.person_key));
    const alreadyListed = unique.filter((c) => listed.has(c.person_key)).map((c) => c.name);
    if (fresh.length > 0) {
      try {
        await this.db.transaction().execute(async (tx) => {
          await insertParticipants(tx, fresh);
          await recordAudit(tx, ctx, {
            action: 'training.participants_add', entityType: 'training_session', entityId: id, regionCode: s.region_code,
            summary: { topic: s.topic, added: fresh.length, staff: fresh.filter((c) => c.staff_id).length, externals: fresh.filter((c) => !c.staff_id).length },
          }, this.deps.clock);
        });
      } catch (err) {
        // someone added the same person at this moment: ask again
        if (isUniqueViolation(err)) throw conflict('TRAINING_PARTICIPANT_CHANGED', '参训名单刚被其他人修改过，请刷新后再试');
        throw err;
      }
    }
    return { added: fresh.length, alreadyListed, session: await this.view(s) };
  }

  /** An outsider is known by name and unit (keyed hash: the same 代办员 on two sessions is one person). */
  private externalKey(name: string, unit: string): string {
    return `ext:${this.deps.protector.lookupHash(`${name.replace(/\s+/g, '')}|${unit.replace(/\s+/g, '')}`)}`;
  }

  /** PUT /training/sessions/:id/participants/:participantId: attendance, 学时 credited, assessment. */
  async updateParticipant(ctx: RequestContext, actor: StaffActor, id: string, participantId: string, input: ParticipantUpdate): Promise<SessionView> {
    const s = await this.load(actor, id);
    const p = await findParticipant(this.db, id, participantId);
    if (!p) throw notFound('参训人员', 'TRAINING_PARTICIPANT_NOT_FOUND');
    if (p.version !== input.version) throw participantChanged();
    const attended = input.attendance === 'attended';
    const half = attended ? (input.hours === undefined ? s.half_hours : toHalf(input.hours)) : 0;
    if (half > s.half_hours) throw badRequest('TRAINING_HOURS_OVER_SESSION', `计入学时不能超过这次培训的学时（${fromHalf(s.half_hours)}）`, [{ field: 'hours', message: '超过培训学时' }]);
    const set: Partial<ParticipantRow> = {
      attendance: input.attendance, half_hours: half, assessment: attended ? (input.assessment ?? null) : null, score: attended ? (input.score ?? null) : null,
    };
    await this.db.transaction().execute(async (tx) => {
      if ((await updateParticipant(tx, participantId, input.version, set)).numUpdatedRows !== 1n) throw participantChanged();
      await recordAudit(tx, ctx, {
        action: 'training.attendance', entityType: 'training_session', entityId: id, regionCode: s.region_code,
        summary: { topic: s.topic, participant: p.staff_id ? p.name : `${p.name}（${p.unit}）`, attendance: set.attendance, hours: fromHalf(half), assessment: set.assessment, score: set.score },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** DELETE /training/sessions/:id/participants/:participantId: taken off the list (listed by mistake). */
  async removeParticipant(ctx: RequestContext, actor: StaffActor, id: string, participantId: string): Promise<SessionView> {
    const s = await this.load(actor, id);
    const p = await findParticipant(this.db, id, participantId);
    if (!p) throw notFound('参训人员', 'TRAINING_PARTICIPANT_NOT_FOUND');
    await this.db.transaction().execute(async (tx) => {
      await deleteParticipant(tx, participantId);
      await recordAudit(tx, ctx, {
        action: 'training.participant_remove', entityType: 'training_session', entityId: id, regionCode: s.region_code,
        summary: { topic: s.topic, participant: p.staff_id ? p.name : `${p.name}（${p.unit}）` },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** For the materials (materials.ts): the session, if the person manages it. */
  async managed(actor: Actor, id: string): Promise<SessionRow> {
    return this.load(actor, id);
  }

  /** May the person read a material of this session (the files module's FileAccess)? Its managers. */
  async mayManage(actor: Actor, id: string): Promise<boolean> {
    try {
      await this.load(actor, id);
      return true;
    } catch (err) {
      if (err instanceof AppError) return false;
      throw err;
    }
  }

  /** GET /training/people/:staffId: a staff member's record, for those who manage training over their home. */
  async person(actor: StaffActor, staffId: string): Promise<PersonRecord> {
    const [a] = await this.accounts.byIds([staffId]);
    if (!a || !can(actor, 'training.manage', { code: a.regionCode, path: a.regionPath })) throw notFound('人员', 'TRAINING_PERSON_NOT_FOUND');
    return this.record(a);
  }

  /** GET /me/training: 我的培训, every staff member's own record. */
  async mine(actor: StaffActor): Promise<PersonRecord> {
    const [a] = await this.accounts.byIds([actor.id]);
    if (!a) throw notFound('人员', 'TRAINING_PERSON_NOT_FOUND');
    return this.record(a);
  }

  /** A person's sessions, with the 学时 of held sessions they attended per year. */
  async record(a: TraineeAccount): Promise<PersonRecord> {
    const rows = await recordOf(this.db, staffKey(a.id));
    const years = new Map<number, { sessions: number; half: number }>();
    let total = 0;
    const sessions = [];
    for (const r of rows) {
      const counts = r.status === 'held' && r.attendance === 'attended';
      if (counts) {
        const y = Number(r.start_on.slice(0, 4));
        const entry = years.get(y) ?? { sessions: 0, half: 0 };
        entry.sessions++;
        entry.half += Number(r.half_hours);
        years.set(y, entry);
        total += Number(r.half_hours);
      }
      sessions.push({
        sessionId: r.session_id, topic: r.topic, startOn: r.start_on, endOn: r.end_on, form: r.form as TrainingForm, formLabel: TRAINING_FORMS[r.form as TrainingForm] ?? r.form,
        organiser: await this.regionName(r.region_code), trainer: r.trainer, status: r.status as TrainingStatus, statusLabel: TRAINING_STATUSES[r.status as TrainingStatus] ?? r.status,
        attendance: r.attendance as Attendance, attendanceLabel: ATTENDANCES[r.attendance as Attendance] ?? r.attendance, hours: fromHalf(r.half_hours),
        assessmentLabel: r.assessment ? (ASSESSMENTS[r.assessment as Assessment] ?? r.assessment) : null, score: r.score,
      });
    }
    return {
      person: { id: a.id, name: a.name, username: a.username, regionName: a.regionName },
      years: [...years.entries()].sort((x, y) => y[0] - x[0]).map(([year, v]) => ({ year, sessions: v.sessions, hours: fromHalf(v.half) })),
      totalHours: fromHalf(total), sessions,
    };
  }

  /**
   * GET /training/summary: a year's figures per organiser under the person's scope (or the region
   * asked): sessions, held, their 学时, people trained (each once per organiser; once in the
   * totals) and 学时 credited.
   */
  async summary(actor: StaffActor, q: z.infer<typeof summaryQuery>) {
    const year = q.year ?? Number(chinaDate(this.deps.clock.now()).slice(0, 4));
    const scope = scopePaths(actor, 'training.manage');
    let paths = scope;
    let regionCode: string;
    let regionName: string;
    if (q.region) {
      const r = await this.deps.regions.require(q.region, 'region');
      paths = scope.filter((p) => r.path.startsWith(p)).length > 0 ? [r.path] : scope.filter((p) => p.startsWith(r.path));
      regionCode = r.code;
      regionName = r.shortName;
    } else {
      const top = scope.length === 1 ? await this.deps.regions.get(scope[0]!.split('/').filter(Boolean).pop()!) : undefined;
      regionCode = top?.code ?? '';
      regionName = top?.shortName ?? '全部';
    }
    const { sessions, people } = await yearFigures(this.db, paths, `${year}-01-01`, `${year}-12-31`);
    const rows = new Map<string, { regionCode: string; regionName: string; path: string; sessions: number; held: number; half: number; people: Set<string>; personHalf: number }>();
    for (const s of sessions) {
      rows.set(s.region_code, {
        regionCode: s.region_code, regionName: await this.regionName(s.region_code), path: s.region_path, sessions: Number(s.n), held: Number(s.held ?? 0), half: Number(s.half_hours ?? 0),
        people: new Set(), personHalf: 0,
      });
    }
    const everyone = new Set<string>();
    let personHalf = 0;
    for (const p of people) {
      const row = rows.get(p.region_code);
      row?.people.add(p.person_key);
      if (row) row.personHalf += Number(p.half_hours);
      everyone.add(p.person_key);
      personHalf += Number(p.half_hours);
    }
    const list = [...rows.values()].sort((a, b) => a.path.localeCompare(b.path)).map((r) => ({
      regionCode: r.regionCode, regionName: r.regionName, sessions: r.sessions, held: r.held, hours: fromHalf(r.half), people: r.people.size, personHours: fromHalf(r.personHalf),
    }));
    return {
      year, regionCode, regionName,
      totals: {
        sessions: list.reduce((n, r) => n + r.sessions, 0), held: list.reduce((n, r) => n + r.held, 0), hours: list.reduce((n, r) => n + r.hours, 0),
        people: everyone.size, personHours: fromHalf(personHalf),
      },
      rows: list,
    };
  }
}
