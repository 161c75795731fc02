/**
 * Notifications (通知): templates kept by the city administrator, in-site messages (站内消息) for
 * citizens and staff, SMS through the pluggable sender's outbox, and the daily time-limit warnings
 * to the staff handling a case.
 *
 * Case events are notified inside the transaction that writes the event (`notices` gives the rows
 * its caller writes), so the message and the queued SMS exist exactly when the case change commits;
 * the SMS leaves after commit (the sender's dispatch job).
 */
import type { Deps } from '../../deps.js';
import type { DbOrTx, WriteQuery } from '../../db/index.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { listOutbox, queueWrite, type SmsMessage } from '../../platform/sms.js';
import type { SmsOutboxTable } from '../../db/types.js';
import { forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { canAtTop, type Actor } from '../../platform/permissions.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/cases.js';
import { citizenStatusLabel, decisionWords } from '../../../shared/case-progress.js';
import type { Action } from '../../../shared/roles.js';
import { scanTimeLimitWarnings, type CaseChange, type CaseNoticeRow, type CaseNotifier, type GroupDone, type TimeLimitWarning } from '../cases/index.js';
import type { RatingInvitation, RatingInviter } from '../ratings/index.js';
import type { StaffContact, StaffDirectory } from './ports.js';
import {
  claimWarning, deleteTemplate, findMessage, insertMessages, listMessages, markAllRead, markRead, templateRows, unreadCount, upsertTemplate,
  type MessageRow, type Recipient,
} from './repo.js';
import {
  CHANNEL_CODES, DEFAULT_TEMPLATES, EVENT_CODES, EVENT_PLACEHOLDERS, NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, PLACEHOLDERS, RECIPIENT_LABELS, WARNING_LABELS,
  checkTemplate, chineseDate, render, sampleValues, smsLength, smsParts, smsSignature, timeLeftText,
  type NotificationChannel, type NotificationEvent, type PlaceholderValues, type TemplateText,
} from './templates.js';

/** The rows that notify case events: site messages and queued SMS. */
export interface CaseNotices {
  messages: MessageRow[];
  sms: SmsOutboxTable[];
}

/**
 * Templates as case notices use them, kept for a few seconds per database (every submission sends
 * notices; templates change a few times a year). A save here drops them at once; another server
 * process uses a saved change within TEMPLATES_TTL_MS.
 */
const TEMPLATES_TTL_MS = 5000;

export interface EffectiveTemplate extends TemplateText {
  enabled: boolean;
  custom: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A case in yellow or red today: the fields of the cases module's TimeLimitWarning that a notice uses. */
export type CaseWarning = Pick<
  TimeLimitWarning,
  'id' | 'caseNo' | 'itemName' | 'applicantName' | 'status' | 'handlingRegionCode' | 'handlingRegionPath' | 'dueDate' | 'daysLeft' | 'warning'
>;

/** What the staff who receive time-limit warnings may do over the case's handling place: they handle cases there. */
const HANDLING_ACTIONS: readonly Action[] = ['case.intake', 'case.decide'];

export interface WarningRunResult {
  day: string;
  /** cases in yellow / in red today (running clocks) */
  yellow: number;
  red: number;
  /** cases warned now (not already warned today at that level) */
  notifiedCases: number;
  messages: number;
  sms: number;
}

/**
 * The values of one text for applications submitted together: the first item's name and number,
 * with how many there are in all (生育登记（新办）等 3 个事项; 办件编号 …00002 等 3 件).
 */
export function togetherValues(each: readonly PlaceholderValues[]): PlaceholderValues {
  const first = each[0]!;
  return { ...first, 事项名称: `${first.事项名称}等 ${each.length} 个事项`, 办件编号: `${first.办件编号}等 ${each.length} 件` };
}

/** The event a case action notifies, if any. */
export function eventForChange(change: Pick<CaseChange, 'action' | 'to'>): NotificationEvent | null {
  switch (change.action) {
    case 'submit':
      return 'case.submitted';
    case 'accept':
      return 'case.accepted';
    case 'request-correction':
      return 'case.correction';
    case 'refuse':
      return 'case.refused';
    case 'approve':
      return change.to === 'approved' ? 'case.decided' : null;
    case 'deny':
      return 'case.decided';
    default:
      return null;
  }
}

const messageNotFound = () => notFound('消息', 'MESSAGE_NOT_FOUND');

export class NotificationService implements CaseNotifier, RatingInviter {
  /** Templates as case notices use them (see TEMPLATES_TTL_MS); one service per process. */
  private readonly templatesCache = new Map<NotificationEvent, { at: number; templates: Promise<Record<NotificationChannel, EffectiveTemplate>> }>();

  constructor(
    private readonly deps: Deps,
    /** staff accounts (the accounts module's): who handles a place, and staff names */
    private readonly staff: StaffDirectory,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** Site facts the templates may mention. */
  site() {
    const { siteName, sitePhone, publicUrl } = this.deps.config;
    return { siteName, sitePhone, trackUrl: `${publicUrl}/track` };
  }

  // ───────────────────────── templates ─────────────────────────

  /** The template in force for each channel of an event: the saved one, else the built-in default. */
  async effectiveTemplates(db: DbOrTx, event: NotificationEvent): Promise<Record<NotificationChannel, EffectiveTemplate>> {
    const rows = await templateRows(db, event);
    const out = {} as Record<NotificationChannel, EffectiveTemplate>;
    for (const channel of CHANNEL_CODES) {
      const row = rows.find((r) => r.channel === channel);
      out[channel] = row
        ? { title: row.title, body: row.body, enabled: row.enabled === 1, custom: true, updatedAt: row.updated_at, updatedBy: row.updated_by }
        : { ...DEFAULT_TEMPLATES[event][channel], enabled: true, custom: false, updatedAt: null, updatedBy: null };
    }
    return out;
  }

  private async requireManager(actor: Actor) {
    const root = await canAtTop(actor, 'notification.manage', this.deps.regions);
    if (!root) throw forbidden('只有市级管理员可以管理通知模板');
    return root;
  }

  private view(event: NotificationEvent, channel: NotificationChannel, t: EffectiveTemplate, names: Map<string, string>) {
    const site = this.site();
    const check = checkTemplate(event, channel, t, site);
    return {
      event, eventLabel: NOTIFICATION_EVENTS[event].label, description: NOTIFICATION_EVENTS[event].description,
      recipient: NOTIFICATION_EVENTS[event].recipient, recipientLabel: RECIPIENT_LABELS[NOTIFICATION_EVENTS[event].recipient],
      channel, channelLabel: NOTIFICATION_CHANNELS[channel],
      title: t.title, body: t.body, enabled: t.enabled, custom: t.custom,
      updatedAt: t.updatedAt, updatedBy: t.updatedBy ? (names.get(t.updatedBy) ?? null) : null,
      placeholders: EVENT_PLACEHOLDERS[event].map((name) => ({ name, description: PLACEHOLDERS[name].description, sample: sampleValues(site)[name] ?? '' })),
      preview: this.renderPreview(event, channel, t),
      warnings: check.warnings,
    };
  }

  private renderPreview(event: NotificationEvent, channel: NotificationChannel, t: TemplateText) {
    void event;
    const values = sampleValues(this.site());
    const body = channel === 'sms' ? smsSignature(this.site().siteName) + render(t.body.trim(), values) : render(t.body.trim(), values);
    return { title: channel === 'site' ? render(t.title.trim(), values) : '', body, length: smsLength(body), parts: channel === 'sms' ? smsParts(body) : null };
  }

  async listTemplates(actor: Actor) {
    await this.requireManager(actor);
    const rows = await templateRows(this.db);
    const names = await this.staff.displayNames([...new Set(rows.map((r) => r.updated_by).filter((x): x is string => !!x))]);
    const items = [];
    for (const event of EVENT_CODES) {
      const t = await this.effectiveTemplates(this.db, event);
      for (const channel of CHANNEL_CODES) items.push(this.view(event, channel, t[channel], names));
    }
    return { signature: smsSignature(this.site().siteName), items };
  }

  async saveTemplate(ctx: RequestContext, actor: StaffActor, event: NotificationEvent, channel: NotificationChannel, input: { title: string; body: string; enabled: boolean }) {
    const root = await this.requireManager(actor);
    const text = { title: channel === 'sms' ? input.title : input.title.trim(), body: input.body.trim() };
    const check = checkTemplate(event, channel, text, this.site());
    if (check.problems.length) throw validationFailed(check.problems, check.problems.map((p) => p.message).join('；'));
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const before = (await this.effectiveTemplates(tx, event))[channel];
      await upsertTemplate(tx, { event, channel, title: channel === 'sms' ? '' : text.title, body: text.body, enabled: input.enabled ? 1 : 0, updated_by: actor.id, updated_at: now });
      await recordAudit(tx, ctx, {
        action: 'notification.template.update', entityType: 'notification_template', entityId: `${event}:${channel}`, regionCode: root.code,
        summary: {
          event, channel,
          enabled: before.enabled === input.enabled ? input.enabled : [before.enabled, input.enabled],
          ...(before.title !== text.title && channel === 'site' ? { title: [before.title, text.title] } : {}),
          ...(before.body !== text.body ? { body: [before.body.slice(0, 200), text.body.slice(0, 200)] } : {}),
        },
      }, this.deps.clock);
    });
    this.forgetTemplates();
    return this.oneTemplate(event, channel);
  }

  async resetTemplate(ctx: RequestContext, actor: StaffActor, event: NotificationEvent, channel: NotificationChannel) {
    const root = await this.requireManager(actor);
    await this.db.transaction().execute(async (tx) => {
      const res = await deleteTemplate(tx, event, channel);
      if (Number(res.numDeletedRows) === 0) return;
      await recordAudit(tx, ctx, { action: 'notification.template.reset', entityType: 'notification_template', entityId: `${event}:${channel}`, regionCode: root.code, summary: { event, channel } }, this.deps.clock);
    });
    this.forgetTemplates();
    return this.oneTemplate(event, channel);
  }

  private async oneTemplate(event: NotificationEvent, channel: NotificationChannel) {
    const t = (await this.effectiveTemplates(this.db, event))[channel];
    return this.view(event, channel, t, await this.staff.displayNames(t.updatedBy ? [t.updatedBy] : []));
  }

  /** Live preview with sample values: what the text would look like, and what is wrong with it. */
  async preview(actor: Actor, input: { event: NotificationEvent; channel: NotificationChannel; title: string; body: string }) {
    await this.requireManager(actor);
    const check = checkTemplate(input.event, input.channel, input, this.site());
    return { ...this.renderPreview(input.event, input.channel, input), problems: check.problems, warnings: check.warnings };
  }

  // ───────────────────────── case events ─────────────────────────

  /** Read through `db` (the caller's transaction: on SQLite another connection would wait for it to end). */
  private recentTemplates(db: DbOrTx, event: NotificationEvent): Promise<Record<NotificationChannel, EffectiveTemplate>> {
    const cache = this.templatesCache;
    const now = Date.now();
    const hit = cache.get(event);
    if (hit && now - hit.at < TEMPLATES_TTL_MS) return hit.templates;
    const templates = this.effectiveTemplates(db, event);
    cache.set(event, { at: now, templates });
    templates.catch(() => cache.delete(event));
    return templates;
  }

  private forgetTemplates(): void {
    this.templatesCache.clear();
  }

  /** CaseNotifier: the inserts of the notices of case events, for the caller to write with the events. */
  async noticeWrites(tx: DbOrTx, changes: readonly CaseChange[]): Promise<{ query: WriteQuery }[]> {
    const notices = await this.notices(tx, changes);
    return [
      ...(notices.messages.length ? [{ query: tx.insertInto('messages').values(notices.messages) }] : []),
      ...(notices.sms.length ? [{ query: queueWrite(tx, notices.sms) }] : []),
    ];
  }

  /**
   * CaseNotifier: the one notice that every case of a 一件事 is decided — a site message (it opens
   * the case decided last) and an SMS, each from its template, with every item's outcome.
   */
  async groupDoneWrites(tx: DbOrTx, done: GroupDone): Promise<{ query: WriteQuery }[]> {
    const templates = await this.recentTemplates(tx, 'case.group_done');
    const { row } = done;
    const values: PlaceholderValues = {
      申请人: row.applicant_name,
      主题名称: done.label,
      事项数: String(done.cases.length),
      各项结果: done.cases.map((c) => `${c.itemName}：${citizenStatusLabel(c.status, c.result)}`).join('；'),
      站点名称: this.deps.config.siteName,
      服务电话: this.deps.config.sitePhone,
    };
    const writes: { query: WriteQuery }[] = [];
    if (templates.site.enabled && row.citizen_id) {
      writes.push({
        query: tx.insertInto('messages').values({
          id: newId(), recipient_kind: 'citizen', recipient_id: row.citizen_id, event: 'case.group_done',
          title: render(templates.site.title, values), body: render(templates.site.body, values),
          case_id: row.id, case_no: row.case_no, created_at: iso(this.deps.clock.now()), read_at: null,
        }),
      });
    }
    if (templates.sms.enabled) {
      const phone = this.deps.protector.decrypt(row.phone_enc);
      writes.push({ query: queueWrite(tx, this.deps.sms.outboxRows([{ phone, template: 'case.group_done', body: smsSignature(this.deps.config.siteName) + render(templates.sms.body, values) }])) });
    }
    return writes;
  }

  /**
   * The ratings module's RatingInviter: the invitation to rate a handled case, from the city's
   * «邀请评价» template — the SMS to the applicant's phone, and a site message when they applied
   * with an account — written in the caller's transaction (the one that records the invitation).
   */
  async invite(tx: DbOrTx, inv: RatingInvitation): Promise<void> {
    const templates = await this.recentTemplates(tx, 'rating.invite');
    const values: PlaceholderValues = {
      申请人: inv.applicantName, 事项名称: inv.itemName, 办件编号: inv.caseNo, 办理地点: inv.handlingPlace,
      评价网址: inv.url, 评价截止日期: chineseDate(inv.until), 站点名称: this.deps.config.siteName, 服务电话: this.deps.config.sitePhone,
    };
    if (templates.site.enabled && inv.citizenId) {
      await insertMessages(tx, [{
        id: newId(), recipient_kind: 'citizen', recipient_id: inv.citizenId, event: 'rating.invite',
        title: render(templates.site.title, values), body: render(templates.site.body, values),
        case_id: inv.caseId, case_no: inv.caseNo, created_at: iso(this.deps.clock.now()), read_at: null,
      }]);
    }
    if (templates.sms.enabled) {
      await this.deps.sms.send(tx, { phone: inv.phone, template: 'rating.invite', body: smsSignature(this.deps.config.siteName) + render(templates.sms.body, values) });
    }
  }

  /** The site messages and SMS that notify case events (rows to insert; nothing is written here). */
  async notices(tx: DbOrTx, changes: readonly CaseChange[]): Promise<CaseNotices> {
    const out: CaseNotices = { messages: [], sms: [] };
    const texts: (Omit<SmsMessage, 'body'> & { values: PlaceholderValues[]; sms: string })[] = [];
    const submittedTogether = new Map<string, PlaceholderValues[]>();
    for (const change of changes) {
      const event = eventForChange(change);
      if (!event) continue;
      const templates = await this.recentTemplates(tx, event);
      if (!templates.site.enabled && !templates.sms.enabled) continue;
      const { row } = change;
      const values = await this.caseValues(event, row, change);
      if (templates.site.enabled && row.citizen_id) {
        out.messages.push({
          id: newId(), recipient_kind: 'citizen', recipient_id: row.citizen_id, event,
          title: render(templates.site.title, values), body: render(templates.site.body, values),
          case_id: row.id, case_no: row.case_no, created_at: iso(this.deps.clock.now()), read_at: null,
        });
      }
      if (templates.sms.enabled) {
        const phone = change.phone ?? this.deps.protector.decrypt(row.phone_enc);
        // Several applications submitted together (a 一件事) are one text to the phone, not one each.
        const together = event === 'case.submitted' ? submittedTogether.get(phone) : undefined;
        if (together) together.push(values);
        else {
          const text = { phone, template: event, values: [values], sms: templates.sms.body };
          texts.push(text);
          if (event === 'case.submitted') submittedTogether.set(phone, text.values);
        }
      }
    }
    out.sms = this.deps.sms.outboxRows(texts.map(({ phone, template, values, sms }) => ({
      phone, template, body: smsSignature(this.deps.config.siteName) + render(sms, values.length > 1 ? togetherValues(values) : values[0]!),
    })));
    return out;
  }

  private async caseValues(event: NotificationEvent, row: CaseNoticeRow, change: CaseChange): Promise<PlaceholderValues> {
    const region = await this.deps.regions.get(row.handling_region_code);
    const status = row.status as CaseStatus;
    const values: PlaceholderValues = {
      申请人: row.applicant_name,
      事项名称: row.item_name,
      办件编号: row.case_no,
      // the applicant's words (已受理，正在办理; 已办结（不予给付）), never the workbench's status names
      状态: citizenStatusLabel(status, row.result, change.itemType),
      办理地点: region?.shortName ?? row.handling_region_code,
      查询网址: `${this.site().trackUrl}?caseNo=${row.case_no}`,
      站点名称: this.deps.config.siteName,
      服务电话: this.deps.config.sitePhone,
    };
    if (event === 'case.accepted') {
      values.办结期限 = chineseDate(row.due_date);
      values.剩余工作日 = row.due_date ? String(Math.max(0, this.deps.calendar.workingDaysBetween(chinaDate(this.deps.clock.now()), row.due_date))) : '';
      // A 即办件 is done on the spot: never "承诺在 0 个工作日内".
      values.办结承诺 = row.promised_days === 0 ? '即办件，当场办结'
        : row.due_date ? `承诺在 ${values.剩余工作日} 个工作日内、${values.办结期限}前办结` : '将按承诺时限办结';
    }
    if (event === 'case.correction') {
      const notice = JSON.parse(row.correction_notice ?? '{"items":[]}') as { items: { name: string; reason: string }[] };
      values.补正内容 = notice.items.map((i) => `${i.name}（${i.reason}）`).join('；');
    }
    if (event === 'case.refused' || event === 'case.decided') values.办理意见 = change.opinion.trim() || '无';
    if (event === 'case.decided') {
      // in the item's own words where its type is known (不予给付, 予以确认), else the neutral 准予办理 / 不予办理
      const words = change.itemType ? decisionWords(change.itemType) : null;
      const approved = words && words.approved !== '准予' ? words.approved : '准予办理';
      values.办理结果 = row.result === 'approved' ? `${approved}${row.result_note ? `（${row.result_note}）` : ''}` : (words?.denied ?? '不予办理');
    }
    return values;
  }

  // ───────────────────────── time-limit warnings ─────────────────────────

  /**
   * One pass over open cases whose clock runs: each in yellow or red gets one warning per level
   * per China day, to every active staff member with case.intake or case.decide over its handling
   * region (site message, and SMS to those with a phone on file). Running it again the same day
   * sends nothing new; a case whose warning is already recorded is skipped in its own transaction.
   */
  async runWarnings(): Promise<WarningRunResult> {
    const today = chinaDate(this.deps.clock.now());
    const warnings = await this.findWarnings(today);
    const templates = await this.effectiveTemplates(this.db, 'case.warning');
    const result: WarningRunResult = { day: today, yellow: 0, red: 0, notifiedCases: 0, messages: 0, sms: 0 };
    const handlers = new Map<string, StaffContact[]>();
    for (const w of warnings) {
      result[w.warning]++;
      if (!templates.site.enabled && !templates.sms.enabled) continue;
      let staff = handlers.get(w.handlingRegionPath);
      if (!staff) {
        staff = await this.staff.nearestHoldersOver({ path: w.handlingRegionPath }, HANDLING_ACTIONS);
        handlers.set(w.handlingRegionPath, staff);
      }
      const sent = await this.warnCase(w, today, staff, templates);
      if (sent) {
        result.notifiedCases++;
        result.messages += sent.messages;
        result.sms += sent.sms;
      }
    }
    this.deps.log.info({ ...result }, 'time-limit warnings scanned');
    return result;
  }

  /**
   * Open cases whose clock runs (accepted, deciding) in yellow or red today, from the cases
   * module's indexed scan. Cases whose clock stands (correction, special procedure) are left out:
   * nobody can act on them until it resumes.
   */
  private async findWarnings(today: string): Promise<CaseWarning[]> {
    return scanTimeLimitWarnings(this.deps, today, { pausedToo: false });
  }

  private async warnCase(
    w: CaseWarning, today: string, staff: readonly StaffContact[], templates: Record<NotificationChannel, EffectiveTemplate>,
  ): Promise<{ messages: number; sms: number } | null> {
    const region = await this.deps.regions.get(w.handlingRegionCode);
    const values: PlaceholderValues = {
      事项名称: w.itemName, 办件编号: w.caseNo, 申请人: w.applicantName, 状态: CASE_STATUSES[w.status] ?? w.status,
      办理地点: region?.shortName ?? w.handlingRegionCode, 办结期限: chineseDate(w.dueDate), 剩余工作日: String(Math.max(0, w.daysLeft)),
      时限情况: timeLeftText(w.daysLeft), 预警等级: WARNING_LABELS[w.warning], 站点名称: this.deps.config.siteName,
    };
    const now = iso(this.deps.clock.now());
    return this.db.transaction().execute(async (tx) => {
      if (!(await claimWarning(tx, { case_id: w.id, level: w.warning, day: today, created_at: now }))) return null;
      const rows: MessageRow[] = templates.site.enabled
        ? staff.map((s) => ({
          id: newId(), recipient_kind: 'staff' as const, recipient_id: s.id, event: 'case.warning',
          title: render(templates.site.title, values), body: render(templates.site.body, values), case_id: w.id, case_no: w.caseNo, created_at: now, read_at: null,
        }))
        : [];
      await insertMessages(tx, rows);
      let sms = 0;
      if (templates.sms.enabled) {
        const body = smsSignature(this.deps.config.siteName) + render(templates.sms.body, values);
        for (const s of staff) {
          if (!s.phone) continue;
          await this.deps.sms.send(tx, { phone: s.phone, template: 'case.warning', body });
          sms++;
        }
      }
      await tx.updateTable('case_warning_notices').set({ recipients: staff.length }).where('case_id', '=', w.id).where('level', '=', w.warning).where('day', '=', today).execute();
      return { messages: rows.length, sms };
    });
  }

  /** The warning run, for administrators (operations and tests). */
  async runWarningsAs(actor: Actor): Promise<WarningRunResult> {
    await this.requireManager(actor);
    return this.runWarnings();
  }

  // ───────────────────────── my messages ─────────────────────────

  private recipient(actor: StaffActor | CitizenActor): Recipient {
    return { kind: actor.kind, id: actor.id };
  }

  private messageView(m: MessageRow) {
    return { id: m.id, event: m.event, title: m.title, body: m.body, caseId: m.case_id, caseNo: m.case_no, createdAt: m.created_at, readAt: m.read_at };
  }

  async myMessages(actor: StaffActor | CitizenActor, q: { page: number; pageSize: number; unread: boolean }) {
    const r = this.recipient(actor);
    const [{ total, rows }, unread] = await Promise.all([listMessages(this.db, r, { page: q.page, pageSize: q.pageSize, unreadOnly: q.unread }), unreadCount(this.db, r)]);
    return { total, unread, items: rows.map((m) => this.messageView(m)) };
  }

  async myUnread(actor: StaffActor | CitizenActor) {
    return { unread: await unreadCount(this.db, this.recipient(actor)) };
  }

  async read(actor: StaffActor | CitizenActor, id: string) {
    const r = this.recipient(actor);
    const m = await findMessage(this.db, r, id);
    if (!m) throw messageNotFound();
    if (!m.read_at) await markRead(this.db, r, id, iso(this.deps.clock.now()));
    return { ...this.messageView((await findMessage(this.db, r, id))!), unread: await unreadCount(this.db, r) };
  }

  async readAll(actor: StaffActor | CitizenActor) {
    const updated = await markAllRead(this.db, this.recipient(actor), iso(this.deps.clock.now()));
    return { updated, unread: 0 };
  }

  // ───────────────────────── SMS outbox (operations) ─────────────────────────

  async outbox(actor: Actor, q: { status?: 'queued' | 'sent' | 'delivered' | 'failed'; template?: string; page: number; pageSize: number }) {
    await this.requireManager(actor);
    const { total, rows, counts } = await listOutbox(this.db, q);
    return {
      total,
      counts: { queued: counts.queued ?? 0, sent: counts.sent ?? 0, delivered: counts.delivered ?? 0, failed: counts.failed ?? 0 },
      items: rows.map((r) => ({
        id: r.id, phoneMasked: r.phone_masked, template: r.template, status: r.status, sender: r.sender, attempts: r.attempts,
        createdAt: r.created_at, sentAt: r.sent_at, deliveredAt: r.delivered_at, nextAttemptAt: r.next_attempt_at, error: r.error,
      })),
    };
  }
}
