/**
 * 改革任务 (issue 17 §4): the reform plan's tasks as the city's 行政审批服务局 decomposes them, with
 * a lead unit and lead region (the city or one town), a deadline, progress reports with evidence
 * from the lead region, acceptance by the city, and the supervisor's view of who is behind.
 *
 * - Who sees a task: staff holding reform.report or reform.manage over its lead region (a town
 *   admin sees the tasks their town leads, with the titles of the tasks above them; the city sees
 *   all). Anyone else gets 404: ids leak nothing.
 * - A task with sub-tasks is not reported on: its status and progress summarise its sub-tasks
 *   (computed when read, so they never drift): progress the average of theirs; 已完成 when all are,
 *   待验收 when all are done or awaiting, 未开始 when none has started, else 推进中.
 * - 未开始/推进中 → a report → 推进中, or 待验收 at 100 %; the city accepts (已完成, who and when) or
 *   returns it with the reason (推进中 again).
 * - Flags as of the clock's China date: 超期 when the deadline has passed and the task is not done —
 *   except one reported done by its deadline and waiting for the city (the town is not behind);
 *   临期 when not done and the deadline is within REFORM_DUE_SOON_WORKING_DAYS working days.
 * Every change is audited in its transaction; a stale version is 409.
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate, isValidDate } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { findFile, insertFileRow, safeFileName } from '../../platform/files.js';
import { iso, newId } from '../../platform/ids.js';
import { can, canSomewhere, type Actor } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import type { UploadedFile } from '../../platform/uploads.js';
import {
  REFORM_DUE_SOON_WORKING_DAYS, REFORM_EVENTS, REFORM_MAX_DEPTH, REFORM_STATUSES, type ReformEventKind, type ReformStatus,
} from '../../../shared/reform.js';
import { detectFileType } from '../files/index.js';
import type { ReformNotifier } from './ports.js';
import {
  allTasks, attachEvidence, eventsOf, evidenceOf, findEvidence, findTask, insertEvent, insertEvidence, insertTask, nextSeq, unattachedEvidence, updateTask,
  type EvidenceRow, type TaskRow,
} from './repo.js';
import type { LeadSummary, ReportInput, TaskDetail, TaskInput, TaskList, TaskListQuery, TaskSummary } from './schemas.js';

export const REFORM_EVIDENCE_PURPOSE = 'reform-evidence';

const taskNotFound = () => notFound('改革任务', 'REFORM_TASK_NOT_FOUND');
const taskChanged = () => conflict('REFORM_TASK_CHANGED', '这项任务刚被其他人修改过，请刷新后再试');

/** A task with what is computed from the tree: its summarised state and flags. */
interface Derived {
  row: TaskRow;
  children: Derived[];
  status: ReformStatus;
  progress: number;
  overdue: boolean;
  dueSoon: boolean;
}

type Action = TaskDetail['actions'][number];

export class ReformService {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'calendar' | 'files'>, private readonly notifier: ReformNotifier) {}

  private get db() {
    return this.deps.dbh.db;
  }

  private today(): string {
    return chinaDate(this.deps.clock.now());
  }

  /** May the person see the task (its lead region is in their reform.report or reform.manage subtree)? */
  private static sees(actor: Actor, row: TaskRow): boolean {
    const place = { code: row.lead_region_code, path: row.lead_region_path };
    return can(actor, 'reform.report', place) || can(actor, 'reform.manage', place);
  }

  private static manages(actor: Actor, row: TaskRow): boolean {
    return can(actor, 'reform.manage', { code: row.lead_region_code, path: row.lead_region_path });
  }

  private async placeName(code: string): Promise<string> {
    return (await this.deps.regions.get(code))?.shortName ?? code;
  }

  /** The whole tree, each task with its summarised status, progress and flags as of `today`. */
  private async tree(today: string): Promise<Map<string, Derived>> {
    const rows = await allTasks(this.db);
    const byId = new Map<string, Derived>(rows.map((row) => [row.id, { row, children: [], status: 'not_started', progress: 0, overdue: false, dueSoon: false }]));
    for (const d of byId.values()) if (d.row.parent_id) byId.get(d.row.parent_id)?.children.push(d);
    const soonUntil = this.deps.calendar.addWorkingDays(today, REFORM_DUE_SOON_WORKING_DAYS);
    const done = new Set<string>();
    const derive = (d: Derived): void => {
      if (done.has(d.row.id)) return;
      done.add(d.row.id);
      let inTime: boolean;
      if (d.children.length === 0) {
        d.status = d.row.status as ReformStatus;
        d.progress = d.row.progress;
        inTime = d.status === 'awaiting' && d.row.submitted_at !== null && chinaDate(new Date(d.row.submitted_at)) <= d.row.deadline;
      } else {
        d.children.forEach(derive);
        const s = d.children.map((c) => c.status);
        d.progress = Math.round(d.children.reduce((n, c) => n + c.progress, 0) / d.children.length);
        d.status = s.every((x) => x === 'done') ? 'done'
          : s.every((x) => x === 'done' || x === 'awaiting') ? 'awaiting'
            : s.every((x) => x === 'not_started') ? 'not_started' : 'in_progress';
        inTime = d.status === 'awaiting' && d.children.every((c) => !c.overdue);
      }
      d.overdue = d.status !== 'done' && today > d.row.deadline && !inTime;
      d.dueSoon = d.status !== 'done' && d.status !== 'awaiting' && today <= d.row.deadline && d.row.deadline <= soonUntil;
    };
    byId.forEach(derive);
    return byId;
  }

  private pathOf(tree: Map<string, Derived>, row: TaskRow): TaskRow[] {
    const out: TaskRow[] = [];
    for (let p = row.parent_id ? tree.get(row.parent_id) : undefined; p; p = p.row.parent_id ? tree.get(p.row.parent_id) : undefined) out.unshift(p.row);
    return out;
  }

  private async summary(tree: Map<string, Derived>, d: Derived): Promise<TaskSummary> {
    const r = d.row;
    return {
      id: r.id, parentId: r.parent_id, depth: r.depth, title: r.title, source: r.source, path: this.pathOf(tree, r).map((p) => p.title),
      leadUnit: r.lead_unit, leadRegion: { code: r.lead_region_code, name: await this.placeName(r.lead_region_code) },
      cooperating: JSON.parse(r.cooperating) as string[], deadline: r.deadline,
      status: d.status, statusLabel: REFORM_STATUSES[d.status], progress: d.progress, overdue: d.overdue, dueSoon: d.dueSoon,
      returnedReason: d.children.length === 0 && d.status === 'in_progress' ? r.returned_reason : null,
      subtasks: d.children.length, lastReportOn: r.last_report_on, version: r.version,
    };
  }

  /**
   * GET /reform-tasks: the tasks the person sees, in the plan's order (each after its parent),
   * filtered; and the summary by lead unit and region over the tasks without sub-tasks (the ones
   * reported on), unfiltered, the worst first.
   */
  async list(actor: StaffActor, q: TaskListQuery): Promise<TaskList> {
    const today = this.today();
    const tree = await this.tree(today);
    const visible = [...tree.values()].filter((d) => ReformService.sees(actor, d.row));
    // the plan's order: depth first, siblings by seq
    const order: Derived[] = [];
    const walk = (ds: Derived[]) => {
      for (const d of [...ds].sort((a, b) => a.row.seq - b.row.seq || a.row.id.localeCompare(b.row.id))) {
        order.push(d);
        walk(d.children);
      }
    };
    walk([...tree.values()].filter((d) => !d.row.parent_id));
    const seen = new Set(visible.map((d) => d.row.id));
    const needle = q.q?.toLowerCase();
    const items = order.filter((d) => seen.has(d.row.id)
      && (!q.status || d.status === q.status)
      && (!q.region || d.row.lead_region_code === q.region)
      && (q.overdue === undefined || d.overdue === q.overdue)
      && (q.dueSoon === undefined || d.dueSoon === q.dueSoon)
      && (!needle || [d.row.title, d.row.lead_unit, d.row.source, d.row.requirement].some((s) => s.toLowerCase().includes(needle))));
    return {
      today,
      summary: await this.leadSummary(visible.filter((d) => d.children.length === 0)),
      items: await Promise.all(items.map((d) => this.summary(tree, d))),
      canManage: canSomewhere(actor, 'reform.manage'),
    };
  }

  private async leadSummary(leaves: Derived[]): Promise<LeadSummary[]> {
    const groups = new Map<string, Derived[]>();
    for (const d of leaves) {
      const key = `${d.row.lead_region_code}\u0000${d.row.lead_unit}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    const out: LeadSummary[] = [];
    for (const ds of groups.values()) {
      const r = ds[0]!.row;
      const n = (s: ReformStatus) => ds.filter((d) => d.status === s).length;
      out.push({
        leadUnit: r.lead_unit, leadRegion: { code: r.lead_region_code, name: await this.placeName(r.lead_region_code) },
        tasks: ds.length, done: n('done'), inProgress: n('in_progress'), awaiting: n('awaiting'), notStarted: n('not_started'),
        overdue: ds.filter((d) => d.overdue).length, dueSoon: ds.filter((d) => d.dueSoon).length,
        avgProgress: Math.round((ds.reduce((s, d) => s + d.progress, 0) / ds.length) * 10) / 10,
      });
    }
    // who is behind: the most overdue first, then the most due soon, then the least progress
    return out.sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.avgProgress - b.avgProgress || a.leadUnit.localeCompare(b.leadUnit, 'zh-CN'));
  }

  /** The task if the person may see it (404 otherwise), with the tree it sits in. */
  private async load(actor: Actor, id: string): Promise<{ d: Derived; tree: Map<string, Derived>; today: string }> {
    const today = this.today();
    const tree = await this.tree(today);
    const d = tree.get(id);
    if (!d || !ReformService.sees(actor, d.row)) throw taskNotFound();
    return { d, tree, today };
  }

  private actionsOf(actor: Actor, d: Derived): Action[] {
    const manage = ReformService.manages(actor, d.row);
    const leaf = d.children.length === 0;
    const report = can(actor, 'reform.report', { code: d.row.lead_region_code, path: d.row.lead_region_path });
    const out: Action[] = [];
    if (report && leaf && (d.status === 'not_started' || d.status === 'in_progress')) out.push('report');
    if (manage) out.push('edit');
    if (manage && d.row.depth < REFORM_MAX_DEPTH && (leaf ? d.status === 'not_started' || d.status === 'in_progress' : d.status !== 'done')) out.push('decompose');
    if (manage && leaf && d.status === 'awaiting') out.push('accept', 'return');
    if (manage && d.status !== 'done') out.push('remind');
    return out;
  }

  private static evidenceView(e: Pick<EvidenceRow, 'file_id' | 'name' | 'mime' | 'size'>) {
    return { id: e.file_id, name: e.name, mime: e.mime, size: Number(e.size), url: `/api/v1/files/${e.file_id}` };
  }

  /** GET /reform-tasks/:id: the task, the tasks above it (titles), its sub-tasks, its timeline with evidence. */
  async get(actor: StaffActor, id: string): Promise<TaskDetail> {
    const { d, tree } = await this.load(actor, id);
    const [events, evidence] = await Promise.all([eventsOf(this.db, id), evidenceOf(this.db, id)]);
    const r = d.row;
    const children = [...d.children].sort((a, b) => a.row.seq - b.row.seq).filter((c) => ReformService.sees(actor, c.row));
    return {
      ...(await this.summary(tree, d)),
      requirement: r.requirement,
      ancestors: this.pathOf(tree, r).map((p) => ({ id: p.id, title: p.title, visible: ReformService.sees(actor, p) })),
      children: await Promise.all(children.map((c) => this.summary(tree, c))),
      submittedAt: r.submitted_at, acceptedAt: r.accepted_at, acceptedBy: r.accepted_by, remindedAt: r.reminded_at, createdAt: r.created_at,
      timeline: events.map((e) => ({
        id: e.id, kind: e.kind as ReformEventKind, kindLabel: REFORM_EVENTS[e.kind as ReformEventKind] ?? e.kind, at: e.at, by: e.by_name,
        reportedOn: e.reported_on, percent: e.percent === null ? null : Number(e.percent), done: e.done_text, problems: e.problems, nextSteps: e.next_steps, note: e.note,
        evidence: evidence.filter((x) => x.event_id === e.id).map(ReformService.evidenceView),
      })),
      pendingEvidence: evidence.filter((x) => x.event_id === null && x.uploaded_by === actor.id).map(ReformService.evidenceView),
      actions: this.actionsOf(actor, d),
    };
  }

  /** The lead region: the city or one of its towns (400 otherwise), and whether the person may manage tasks there. */
  private async leadPlace(actor: StaffActor, code: string) {
    const region = await this.deps.regions.require(code, 'leadRegion');
    if (region.level === 'village') throw badRequest('REFORM_LEAD_REGION_INVALID', '牵头地区应为市级或某个镇街', [{ field: 'leadRegion', message: '牵头地区应为市级或某个镇街' }]);
    const ref = this.deps.regions.ref(region);
    if (!can(actor, 'reform.manage', ref)) throw forbidden('改革任务由市行政审批服务局分解和管理');
    return ref;
  }

  private static checkDeadline(deadline: string): void {
    if (!isValidDate(deadline)) throw badRequest('REFORM_DEADLINE_INVALID', '完成时限不是有效的日期', [{ field: 'deadline', message: '完成时限不是有效的日期' }]);
  }

  /** POST /reform-tasks: a top task, or (parentId) a sub-task decomposed from one. */
  async create(ctx: RequestContext, actor: StaffActor, input: TaskInput): Promise<TaskDetail> {
    ReformService.checkDeadline(input.deadline);
    const lead = await this.leadPlace(actor, input.leadRegion);
    let depth = 1;
    if (input.parentId) {
      const { d: parent } = await this.load(actor, input.parentId);
      if (!ReformService.manages(actor, parent.row)) throw forbidden('改革任务由市行政审批服务局分解和管理');
      if (parent.row.depth >= REFORM_MAX_DEPTH) throw conflict('REFORM_TOO_DEEP', `任务最多分解为 ${REFORM_MAX_DEPTH} 级`);
      const closed = parent.children.length === 0 ? parent.status === 'awaiting' || parent.status === 'done' : parent.status === 'done';
      if (closed) throw conflict('REFORM_PARENT_CLOSED', `上级任务为「${REFORM_STATUSES[parent.status]}」，不能再分解`);
      if (input.deadline > parent.row.deadline) {
        throw badRequest('REFORM_DEADLINE_AFTER_PARENT', `子任务的完成时限不能晚于上级任务（${parent.row.deadline}）`, [{ field: 'deadline', message: `不能晚于 ${parent.row.deadline}` }]);
      }
      depth = parent.row.depth + 1;
    }
    const now = iso(this.deps.clock.now());
    const id = newId();
    await this.db.transaction().execute(async (tx) => {
      await insertTask(tx, {
        id, parent_id: input.parentId ?? null, depth, seq: await nextSeq(tx, input.parentId ?? null), title: input.title, requirement: input.requirement, source: input.source,
        lead_unit: input.leadUnit, lead_region_code: lead.code, lead_region_path: lead.path, cooperating: JSON.stringify([...new Set(input.cooperating)]), deadline: input.deadline,
        status: 'not_started', progress: 0, last_report_on: null, submitted_at: null, accepted_at: null, accepted_by: null, returned_at: null, returned_reason: null,
        reminded_at: null, created_at: now, created_by: actor.id, updated_at: now, version: 1,
      });
      await insertEvent(tx, { ...ReformService.blankEvent(), id: newId(), task_id: id, kind: 'create', at: now, by_id: actor.id, by_name: actor.name, note: input.parentId ? '分解自上级任务' : null });
      await recordAudit(tx, ctx, {
        action: input.parentId ? 'reform.decompose' : 'reform.create', entityType: 'reform_task', entityId: id, regionCode: lead.code,
        summary: { title: input.title, parentId: input.parentId ?? null, leadUnit: input.leadUnit, deadline: input.deadline },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  private static blankEvent() {
    return { reported_on: null, percent: null, done_text: null, problems: null, next_steps: null, note: null };
  }

  /** PATCH /reform-tasks/:id: title, requirement, source, lead unit and region, cooperating units, deadline. */
  async edit(ctx: RequestContext, actor: StaffActor, id: string, input: Omit<TaskInput, 'parentId'> & { version: number }): Promise<TaskDetail> {
    ReformService.checkDeadline(input.deadline);
    const { d, tree } = await this.load(actor, id);
    if (!ReformService.manages(actor, d.row)) throw forbidden('改革任务由市行政审批服务局分解和管理');
    const lead = await this.leadPlace(actor, input.leadRegion);
    if (d.row.version !== input.version) throw taskChanged();
    const parent = d.row.parent_id ? tree.get(d.row.parent_id) : undefined;
    if (parent && input.deadline > parent.row.deadline) {
      throw badRequest('REFORM_DEADLINE_AFTER_PARENT', `子任务的完成时限不能晚于上级任务（${parent.row.deadline}）`, [{ field: 'deadline', message: `不能晚于 ${parent.row.deadline}` }]);
    }
    const now = iso(this.deps.clock.now());
    const latest = d.children.reduce<string | null>((m, c) => (m === null || c.row.deadline > m ? c.row.deadline : m), null);
    if (latest && input.deadline < latest) {
      throw badRequest('REFORM_DEADLINE_BEFORE_SUBTASKS', `完成时限不能早于子任务的完成时限（最晚 ${latest}）`, [{ field: 'deadline', message: `不能早于 ${latest}` }]);
    }
    const before: Record<string, string> = { title: d.row.title, requirement: d.row.requirement, source: d.row.source, leadUnit: d.row.lead_unit, deadline: d.row.deadline, leadRegion: d.row.lead_region_code };
    const after: Record<string, string> = { title: input.title, requirement: input.requirement, source: input.source, leadUnit: input.leadUnit, deadline: input.deadline, leadRegion: lead.code };
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    await this.db.transaction().execute(async (tx) => {
      const done = await updateTask(tx, id, input.version, {
        title: input.title, requirement: input.requirement, source: input.source, lead_unit: input.leadUnit, lead_region_code: lead.code, lead_region_path: lead.path,
        cooperating: JSON.stringify([...new Set(input.cooperating)]), deadline: input.deadline, updated_at: now,
      });
      if (done.numUpdatedRows !== 1n) throw taskChanged();
      await insertEvent(tx, { ...ReformService.blankEvent(), id: newId(), task_id: id, kind: 'edit', at: now, by_id: actor.id, by_name: actor.name, note: d.row.deadline !== input.deadline ? `完成时限 ${d.row.deadline} → ${input.deadline}` : null });
      await recordAudit(tx, ctx, {
        action: 'reform.edit', entityType: 'reform_task', entityId: id, regionCode: lead.code,
        summary: { title: input.title, changed, deadline: input.deadline, leadRegion: lead.code },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** The task a report or evidence is for: visible, reported on by this person's region, without sub-tasks, open. */
  private async reportable(actor: StaffActor, id: string) {
    const loaded = await this.load(actor, id);
    const { d } = loaded;
    if (!can(actor, 'reform.report', { code: d.row.lead_region_code, path: d.row.lead_region_path })) throw forbidden('只有牵头地区的工作人员可以填报进展');
    if (d.children.length > 0) throw conflict('REFORM_TASK_HAS_SUBTASKS', '这项任务已分解为子任务，请在子任务中填报进展');
    if (d.status !== 'not_started' && d.status !== 'in_progress') throw conflict('REFORM_TASK_WRONG_STATUS', `任务为「${REFORM_STATUSES[d.status]}」，不能填报进展`);
    return loaded;
  }

  /**
   * POST /reform-tasks/:id/evidence: one evidence file (证明材料: PDF, JPG/PNG, Word, Excel or OFD,
   * by its bytes), uploaded before the report that names it. Stored private (files, kind upload,
   * meta.purpose reform-evidence); who may read it: whoever sees the task (mayRead), and the uploader.
   */
  async uploadEvidence(ctx: RequestContext, actor: StaffActor, id: string, upload: UploadedFile) {
    const { d } = await this.reportable(actor, id);
    const type = detectFileType(upload.data, upload.fileName);
    if (!type) {
      throw badRequest('REFORM_EVIDENCE_TYPE', '证明材料应为 PDF、JPG、PNG、Word（doc/docx）、Excel（xls/xlsx）或 OFD 文件（按文件内容识别）');
    }
    const stored = await this.deps.files.put(upload.data);
    const base = upload.fileName.replace(/\.[^.]*$/, '');
    const name = safeFileName(`${base}.${type.ext}`, `证明材料.${type.ext}`);
    const now = iso(this.deps.clock.now());
    const fileId = newId();
    await this.db.transaction().execute(async (tx) => {
      await insertFileRow(tx, this.deps.clock, {
        id: fileId, name, mime: type.mime, size: upload.data.length, sha256: stored.sha256, storageKey: stored.key, kind: 'upload', isPublic: false, createdBy: actor.id,
        meta: { purpose: REFORM_EVIDENCE_PURPOSE, taskId: id },
      });
      await insertEvidence(tx, { file_id: fileId, task_id: id, event_id: null, name, mime: type.mime, size: upload.data.length, uploaded_by: actor.id, created_at: now });
      await recordAudit(tx, ctx, {
        action: 'reform.evidence_upload', entityType: 'reform_task', entityId: id, regionCode: d.row.lead_region_code,
        summary: { title: d.row.title, fileId, fileName: name, mime: type.mime, size: upload.data.length },
      }, this.deps.clock);
    });
    return ReformService.evidenceView({ file_id: fileId, name, mime: type.mime, size: upload.data.length });
  }

  /** POST /reform-tasks/:id/reports: a progress report; 100 % submits the task for the city's acceptance (待验收). */
  async report(ctx: RequestContext, actor: StaffActor, id: string, input: ReportInput): Promise<TaskDetail> {
    const today = this.today();
    if (!isValidDate(input.reportedOn) || input.reportedOn > today) {
      throw badRequest('REFORM_REPORT_DATE_INVALID', `填报日期应为有效日期，且不晚于今天（${today}）`, [{ field: 'reportedOn', message: '填报日期不正确' }]);
    }
    const { d } = await this.reportable(actor, id);
    if (d.row.version !== input.version) throw taskChanged();
    const fileIds = [...new Set(input.evidence)];
    const evidence = await unattachedEvidence(this.db, id, actor.id, fileIds);
    if (evidence.length !== fileIds.length) {
      throw badRequest('REFORM_EVIDENCE_UNKNOWN', '有证明材料不属于这项任务或已在之前的填报中提交，请重新上传', [{ field: 'evidence', message: '证明材料不正确' }]);
    }
    const now = iso(this.deps.clock.now());
    const submitted = input.percent === 100;
    const eventId = newId();
    await this.db.transaction().execute(async (tx) => {
      const done = await updateTask(tx, id, input.version, {
        status: submitted ? 'awaiting' : 'in_progress', progress: input.percent, submitted_at: submitted ? now : null,
        last_report_on: d.row.last_report_on && d.row.last_report_on > input.reportedOn ? d.row.last_report_on : input.reportedOn,
        ...(submitted ? { returned_reason: null } : {}), updated_at: now,
      });
      if (done.numUpdatedRows !== 1n) throw taskChanged();
      await insertEvent(tx, {
        ...ReformService.blankEvent(), id: eventId, task_id: id, kind: 'report', at: now, by_id: actor.id, by_name: actor.name,
        reported_on: input.reportedOn, percent: input.percent, done_text: input.done, problems: input.problems, next_steps: input.nextSteps,
      });
      if (fileIds.length) {
        const attached = await attachEvidence(tx, eventId, fileIds);
        if (Number(attached.numUpdatedRows) !== fileIds.length) throw taskChanged();
      }
      await recordAudit(tx, ctx, {
        action: submitted ? 'reform.submit' : 'reform.report', entityType: 'reform_task', entityId: id, regionCode: d.row.lead_region_code,
        summary: { title: d.row.title, reportedOn: input.reportedOn, progress: input.percent, evidence: fileIds.length, from: d.row.status, to: submitted ? 'awaiting' : 'in_progress' },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** The city's decision on a task reported done. */
  private async decide(ctx: RequestContext, actor: StaffActor, id: string, version: number, kind: 'accept' | 'return', note: string): Promise<TaskDetail> {
    const { d } = await this.load(actor, id);
    if (!ReformService.manages(actor, d.row)) throw forbidden('改革任务由市行政审批服务局验收');
    if (d.children.length > 0) throw conflict('REFORM_TASK_HAS_SUBTASKS', '这项任务已分解为子任务，请逐项验收子任务');
    if (d.row.version !== version) throw taskChanged();
    if (d.status !== 'awaiting') throw conflict('REFORM_TASK_WRONG_STATUS', `任务为「${REFORM_STATUSES[d.status]}」，只有待验收的任务可以${kind === 'accept' ? '验收' : '退回'}`);
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const set: Partial<TaskRow> = kind === 'accept'
        ? { status: 'done', accepted_at: now, accepted_by: actor.name, updated_at: now }
        : { status: 'in_progress', returned_at: now, returned_reason: note, submitted_at: null, updated_at: now };
      if ((await updateTask(tx, id, version, set)).numUpdatedRows !== 1n) throw taskChanged();
      await insertEvent(tx, { ...ReformService.blankEvent(), id: newId(), task_id: id, kind, at: now, by_id: actor.id, by_name: actor.name, note: note || null });
      await recordAudit(tx, ctx, {
        action: `reform.${kind}`, entityType: 'reform_task', entityId: id, regionCode: d.row.lead_region_code,
        summary: { title: d.row.title, from: 'awaiting', to: set.status, ...(kind === 'return' ? { reason: note } : {}) },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** POST /reform-tasks/:id/accept: 验收通过 (已完成, who and when). */
  accept(ctx: RequestContext, actor: StaffActor, id: string, input: { note: string; version: number }) {
    return this.decide(ctx, actor, id, input.version, 'accept', input.note);
  }

  /** POST /reform-tasks/:id/return: 退回 with the reason (推进中 again). */
  return(ctx: RequestContext, actor: StaffActor, id: string, input: { reason: string; version: number }) {
    return this.decide(ctx, actor, id, input.version, 'return', input.reason);
  }

  /** POST /reform-tasks/:id/remind: 督办 — a site message to the lead region's reporters, on the timeline. */
  async remind(ctx: RequestContext, actor: StaffActor, id: string, input: { message: string; version: number }): Promise<TaskDetail> {
    const { d } = await this.load(actor, id);
    if (!ReformService.manages(actor, d.row)) throw forbidden('督办由市行政审批服务局发出');
    if (d.row.version !== input.version) throw taskChanged();
    if (d.status === 'done') throw conflict('REFORM_TASK_WRONG_STATUS', '任务已完成，无需督办');
    const now = iso(this.deps.clock.now());
    const message = input.message || (d.overdue ? `任务已超过完成时限（${d.row.deadline}），请抓紧推进并及时填报进展。` : `请按完成时限（${d.row.deadline}）推进并及时填报进展。`);
    await this.db.transaction().execute(async (tx) => {
      if ((await updateTask(tx, id, input.version, { reminded_at: now, updated_at: now })).numUpdatedRows !== 1n) throw taskChanged();
      await insertEvent(tx, { ...ReformService.blankEvent(), id: newId(), task_id: id, kind: 'remind', at: now, by_id: actor.id, by_name: actor.name, note: message });
      await this.notifier.remind(tx, {
        taskId: id, title: d.row.title, leadUnit: d.row.lead_unit, leadRegionPath: d.row.lead_region_path, deadline: d.row.deadline, overdue: d.overdue, message, from: actor.name,
      });
      await recordAudit(tx, ctx, {
        action: 'reform.remind', entityType: 'reform_task', entityId: id, regionCode: d.row.lead_region_code, summary: { title: d.row.title, overdue: d.overdue },
      }, this.deps.clock);
    });
    return this.get(actor, id);
  }

  /** For the files module (FileAccess.mayRead): whoever sees a task reads its evidence. */
  async mayRead(actor: Actor, fileId: string): Promise<boolean> {
    if (actor.kind !== 'staff') return false;
    const file = await findFile(this.db, fileId);
    if (file?.kind !== 'upload' || (JSON.parse(file.meta) as { purpose?: unknown }).purpose !== REFORM_EVIDENCE_PURPOSE) return false;
    const e = await findEvidence(this.db, fileId);
    const task = e ? await findTask(this.db, e.task_id) : undefined;
    return Boolean(task && ReformService.sees(actor, task));
  }
}
