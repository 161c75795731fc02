/**
 * 帮办代办 help requests (issue 14 §2, §4–§6; DOMAIN.md §5): a citizen asks for help for themself
 * or a relative, or staff type a request in for someone (at a window, from a phone call); it is
 * dispatched at once to a helper covering the person's village; the helper accepts, contacts the
 * person, records progress and completes; the citizen follows it and rates it once. Time limits
 * are counted in working hours (working-hours.ts); a missed one is escalated to the town's
 * coordinator (escalateOverdue, run by jobs.ts).
 *
 * 三不 — free, no delay, no leak of personal data: the person's name, phone and address are
 * encrypted at rest; lists carry the masked name and phone; a helper sees only the requests
 * assigned to them (any other is "not found", like anything outside a caller's scope), and reads
 * the full phone only through an audited action. Every change is made on the version read (409
 * otherwise), with its history rows and its audit entry in the same transaction; an entry made
 * for someone else names them (masked) as `onBehalfOf`.
 *
 * Dispatch: among the helpers covering the village (the roster's HelperDirectory port), the one
 * with the fewest open requests; a tie goes to the one given a request longest ago (never before
 * first), then by id. No helper: the town's coordinators by the same rule. None either: 待分派,
 * which the town's administrators (assist.coordinate) see and assign.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import type { DbOrTx } from '../../db/index.js';
import { recordAudit, type AuditEntry } from '../../platform/audit.js';
import { chinaDate, chinaDayStart } from '../../platform/calendar.js';
import { systemContext, type RequestContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { canSomewhere, helpRequestRoles, mayRegisterHelpRequest, scopePaths, can, type HelpRequestRole } from '../../platform/permissions.js';
import type { Region } from '../../platform/regions.js';
import type { CitizenActor, StaffActor } from '../../platform/request.js';
import {
  HELP_CHANNELS, HELP_DEFAULT_LIMITS, HELP_EVENTS, HELP_FLAGS, HELP_REQUEST_STATUSES, isOpenHelpStatus,
  type HelpChannel, type HelpEventAction, type HelpFlag, type HelpRequestStatus,
} from '../../../shared/assistance.js';
import { maskName, maskPhone } from '../../../shared/validators.js';
import { noCaseStatuses, noEscalationNotices, type AssistItems, type CaseStatuses, type DispatchHelper, type EscalationNotifier, type HelperDirectory } from './ports.js';
import { authorisationView, consentInForce, helpPhotoUrl, mayAuthorise } from './records.js';
import {
  attachPhotos, authorisationsOf, dueForEscalation, eventByClientRef, eventsOf, findByIdempotency, findRequest, helperLoads, insertEvents, insertRequest, lastNumberOf, listRequests,
  photosOf, requestsMadeIn, updateRequest,
  type HelpAuthorisationRow, type HelpEventRow, type HelpRequestRow,
} from './repo.js';
import type { CreateInput, HelpRequestDetail, HelpRequestListItem } from './schemas.js';
import { addWorkingMinutes, workingMinutesBetween } from './working-hours.js';

type SignedIn = StaffActor | CitizenActor;

export interface AssistanceLimits {
  /** working minutes from submission (or from a new assignment) to acceptance */
  acceptMinutes: number;
  /** working minutes from submission to the first contact */
  contactMinutes: number;
}

export interface AssistanceParts {
  helpers: HelperDirectory;
  items: AssistItems;
  notifier?: EscalationNotifier;
  /** where the cases applied for from a request stand (the cases module's) */
  caseStatuses?: CaseStatuses;
  limits?: Partial<AssistanceLimits>;
}

const requestNotFound = () => notFound('帮办代办求助', 'HELP_REQUEST_NOT_FOUND');
const changed = () => conflict('HELP_REQUEST_CHANGED', '该求助刚有新的变化，请刷新后再操作');
const wrongStatus = (status: string, what: string) =>
  conflict('HELP_REQUEST_WRONG_STATUS', `该求助当前为「${HELP_REQUEST_STATUSES[status as HelpRequestStatus] ?? status}」，${what}`, { status });

const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: string }).code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
};

/** JSON with sorted keys: the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The earliest limit not met yet (null when none is waited on). */
function nextDue(r: Pick<HelpRequestRow, 'status' | 'accepted_at' | 'contacted_at' | 'accept_due_at' | 'contact_due_at'>): string | null {
  if (!isOpenHelpStatus(r.status)) return null;
  const waits = [r.accepted_at === null ? r.accept_due_at : null, r.contacted_at === null ? r.contact_due_at : null].filter((d): d is string => d !== null);
  return waits.length ? waits.sort()[0]! : null;
}

/** Who did something, as a history row and the audit name it. */
interface EventActor {
  actor_kind: HelpEventRow['actor_kind'];
  actor_id: string | null;
  actor_name: string;
}
const SYSTEM: EventActor = { actor_kind: 'system', actor_id: null, actor_name: '系统' };

export interface Access {
  row: HelpRequestRow;
  roles: Set<HelpRequestRole>;
}

/** A planned change: the columns, the history rows, the audit entry. */
export interface Change {
  set: Partial<HelpRequestRow>;
  events: { action: HelpEventAction; note?: string; internal?: boolean; to?: HelpRequestStatus; details?: Record<string, unknown> }[];
  audit: { action: string; summary?: Record<string, unknown> };
  /** more writes in the change's transaction (a consent row, a file row); `firstSeq` is the first new history row's */
  alongside?: (tx: DbOrTx, firstSeq: number) => Promise<void>;
}

/** What a helper's record carries besides its note (schemas.ts recordFields). */
export interface RecordMeta {
  /** when it happened (ISO), if earlier than now */
  at?: string;
  photoIds?: readonly string[];
  /** the device's id for the record: sent again, it records nothing new */
  clientRef?: string;
}

const photosUnavailable = () =>
  conflict('HELP_PHOTOS_UNAVAILABLE', '照片已用于另一条记录或不属于这条求助，请重新拍照上传');

export class AssistanceService {
  private readonly helpers: HelperDirectory;
  private readonly items: AssistItems;
  private readonly notifier: EscalationNotifier;
  private readonly caseStatuses: CaseStatuses;
  readonly limits: AssistanceLimits;

  constructor(private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock' | 'calendar' | 'protector'>, parts: AssistanceParts) {
    this.helpers = parts.helpers;
    this.items = parts.items;
    this.notifier = parts.notifier ?? noEscalationNotices;
    this.caseStatuses = parts.caseStatuses ?? noCaseStatuses;
    this.limits = { ...HELP_DEFAULT_LIMITS, ...parts.limits };
  }

  private get db() {
    return this.deps.dbh.db;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  // ───────────────────────── create ─────────────────────────

  /** POST /help-requests: made, dispatched and audited in one transaction; a retry with the same Idempotency-Key gets the same request. */
  async create(ctx: RequestContext, actor: SignedIn, input: CreateInput, idempotencyKey?: string): Promise<{ created: boolean; request: HelpRequestDetail }> {
    const idemKey = idempotencyKey ? `${actor.kind}:${actor.id}:${idempotencyKey}` : null;
    const hash = createHash('sha256').update(canonical(input)).digest('hex');
    if (idemKey) {
      const replay = await this.replay(actor, idemKey, hash);
      if (replay) return { created: false, request: replay };
    }
    const village = await this.village(input.villageCode);
    const town = await this.deps.regions.get(village.parentCode ?? '');
    if (!town) throw new Error(`village ${village.code} has no town`);
    const ref = this.deps.regions.ref(village);

    let channel: HelpChannel;
    if (actor.kind === 'staff') {
      if (!mayRegisterHelpRequest(actor, ref)) throw forbidden(`您无权为「${village.shortName}」的群众登记帮办代办求助`);
      if (input.forSelf !== undefined) throw validationFailed([{ field: 'forSelf', message: '工作人员代为登记时不填写此项' }]);
      channel = input.channel ?? 'window';
    } else {
      if (input.channel !== undefined) throw validationFailed([{ field: 'channel', message: '仅工作人员代为登记时填写' }]);
      channel = input.forSelf === false ? 'relative' : 'online';
    }
    let itemName: string | null = null;
    if (input.itemCode) {
      itemName = await this.items.itemName(input.itemCode);
      if (itemName === null) throw validationFailed([{ field: 'itemCode', message: '未找到该事项（请从办事指南中选择，或直接用文字说明需要办什么）' }]);
    }

    // The roster is asked before the transaction (its own queries); the loads are read inside it.
    const [covering, coordinators] = await Promise.all([this.helpers.coveringVillage(village.code), this.helpers.coordinatorsOf(town.code)]);
    const cal = await this.deps.calendar.fresh();
    const nowDate = this.now();
    const now = iso(nowDate);
    const acceptDue = iso(addWorkingMinutes(cal, nowDate, this.limits.acceptMinutes));
    const contactDue = iso(addWorkingMinutes(cal, nowDate, this.limits.contactMinutes));
    const flags = [...new Set(input.flags)];
    const { protector } = this.deps;
    const who = this.eventActor(actor);
    const onBehalfOf = this.onBehalfOf(channel, input.name);

    for (let attempt = 0; ; attempt++) {
      const id = newId();
      try {
        const row = await this.db.transaction().execute(async (tx) => {
          const helper = (await this.pick(tx, covering)) ?? (await this.pick(tx, coordinators));
          const status: HelpRequestStatus = helper ? 'assigned' : 'unassigned';
          const requestNo = await this.nextNumber(tx, nowDate);
          const row: HelpRequestRow = {
            id, request_no: requestNo, citizen_id: actor.kind === 'citizen' ? actor.id : null, channel, created_by: actor.kind === 'staff' ? actor.id : null,
            subject_name_enc: protector.encrypt(input.name), subject_name_masked: maskName(input.name),
            subject_phone_enc: protector.encrypt(input.phone), subject_phone_masked: maskPhone(input.phone), subject_phone_hash: protector.lookupHash(input.phone),
            address_enc: protector.encrypt(input.address),
            village_code: village.code, village_path: village.path, town_code: town.code,
            item_code: input.itemCode ?? null, item_name: itemName, need: input.need, preferred_time: input.preferredTime,
            home_visit: input.homeVisit ? 1 : 0, flags: JSON.stringify(flags), priority: flags.length ? 1 : 0,
            status, helper_id: helper?.helperId ?? null, helper_name: helper?.name ?? null, assigned_at: helper ? now : null,
            accept_due_at: acceptDue, contact_due_at: contactDue, next_due_at: null,
            accept_escalated_at: null, contact_escalated_at: null, accepted_at: null, contacted_at: null, contact_method: null,
            completed_at: null, result_note: null, cancelled_at: null, cancel_reason: null, rating: null, rating_comment: null, rated_at: null,
            idem_key: idemKey, idem_hash: idemKey ? hash : null, version: 1, event_count: 2, created_at: now, updated_at: now,
          };
          row.next_due_at = nextDue(row);
          await insertRequest(tx, row);
          await insertEvents(tx, [
            this.event(row, 1, now, who, { action: 'submit', note: '', details: { channel } }),
            this.event(row, 2, now, SYSTEM, helper
              ? { action: 'assign', to: 'assigned', note: `已分派给帮办代办员 ${helper.name}`, details: { helperId: helper.helperId, by: covering.some((h) => h.helperId === helper.helperId) ? 'village' : 'coordinator' } }
              : { action: 'assign', to: 'unassigned', note: '暂无帮办代办员覆盖该村（社区），等待镇（街道）分派', details: { helperId: null } }),
          ]);
          await recordAudit(tx, ctx, {
            action: 'help_request.create', entityType: 'help_request', entityId: id, regionCode: village.code, onBehalfOf,
            summary: {
              requestNo, channel, village: village.shortName, item: input.itemCode ?? null, flags, homeVisit: input.homeVisit,
              name: row.subject_name_masked, phone: row.subject_phone_masked, helper: helper?.name ?? null, status,
            },
          }, this.deps.clock);
          return row;
        });
        return { created: true, request: await this.present(actor, { row, roles: this.rolesOf(actor, row, null) }) };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        if (idemKey) {
          const replay = await this.replay(actor, idemKey, hash);
          if (replay) return { created: false, request: replay };
        }
        // two requests took the same number of the day: take the next one
        if (attempt >= 4) throw err;
      }
    }
  }

  private async replay(actor: SignedIn, idemKey: string, hash: string): Promise<HelpRequestDetail | null> {
    const previous = await findByIdempotency(this.db, idemKey);
    if (!previous) return null;
    if (previous.idem_hash !== hash) throw conflict('IDEMPOTENCY_KEY_REUSED', '同一个 Idempotency-Key 已用于另一条不同的求助；新的求助请使用新的 Key');
    return this.present(actor, await this.access(actor, previous));
  }

  /** The person's village: a village (村/社区) of the region tree; 400 naming villageCode otherwise. */
  private async village(code: string): Promise<Region> {
    const region = await this.deps.regions.require(code, 'villageCode');
    if (region.level !== 'village') {
      throw new AppError(400, 'HELP_VILLAGE_REQUIRED', '请选择求助人所在的村（社区）', [{ field: 'villageCode', message: `「${region.shortName}」不是村（社区），请选择具体的村（社区）` }]);
    }
    return region;
  }

  /** BB + China date + the day's next 4-digit number. */
  private async nextNumber(tx: DbOrTx, now: Date): Promise<string> {
    const prefix = `BB${chinaDate(now).replaceAll('-', '')}`;
    const last = await lastNumberOf(tx, prefix);
    const n = last ? Number(last.slice(prefix.length)) + 1 : 1;
    return `${prefix}${String(n).padStart(4, '0')}`;
  }

  /** Dispatch's choice: the fewest open requests; then given one longest ago (never first); then by id. */
  private async pick(tx: DbOrTx, candidates: readonly DispatchHelper[], except: string | null = null): Promise<DispatchHelper | null> {
    const unique = [...new Map(candidates.filter((c) => c.helperId !== except).map((c) => [c.helperId, c])).values()];
    if (unique.length === 0) return null;
    const loads = await helperLoads(tx, unique.map((c) => c.helperId));
    const load = (h: DispatchHelper) => loads.get(h.helperId) ?? { open: 0, lastAssignedAt: '' };
    const sorted = [...unique].sort((a, b) => load(a).open - load(b).open || load(a).lastAssignedAt.localeCompare(load(b).lastAssignedAt) || a.helperId.localeCompare(b.helperId));
    return sorted[0]!;
  }

  // ───────────────────────── access ─────────────────────────

  /** The roster record of a staff member who helps (null for anyone else). */
  private async helperIdOf(actor: SignedIn): Promise<string | null> {
    if (actor.kind !== 'staff' || !canSomewhere(actor, 'assist.act')) return null;
    return (await this.helpers.helperOfStaff(actor.id))?.helperId ?? null;
  }

  private rolesOf(actor: SignedIn, row: HelpRequestRow, helperId: string | null): Set<HelpRequestRole> {
    return helpRequestRoles(actor, {
      citizenId: row.citizen_id,
      registeredBy: row.created_by,
      assignedToActor: row.helper_id !== null && helperId === row.helper_id,
      village: { code: row.village_code, path: row.village_path },
    });
  }

  private async access(actor: SignedIn, row: HelpRequestRow): Promise<Access> {
    return { row, roles: this.rolesOf(actor, row, await this.helperIdOf(actor)) };
  }

  /** A request the caller may see; any other (or none) is not found. (Also for the module's photos.ts and consent.ts.) */
  async visible(actor: SignedIn, id: string): Promise<Access> {
    const row = await findRequest(this.db, id);
    if (!row) throw requestNotFound();
    const a = await this.access(actor, row);
    if (a.roles.size === 0) throw requestNotFound();
    return a;
  }

  // ───────────────────────── reads ─────────────────────────

  /** GET /help-requests/{id}: with its history (the citizen sees only what is meant for them). */
  async get(actor: SignedIn, id: string): Promise<HelpRequestDetail> {
    return this.present(actor, await this.visible(actor, id));
  }

  /** GET /help-requests/mine: the citizen's requests, open first. */
  async mine(actor: CitizenActor, q: { page: number; pageSize: number }): Promise<{ total: number; items: HelpRequestListItem[] }> {
    const { total, rows } = await listRequests(this.db, { citizenId: actor.id }, q.page, q.pageSize);
    return { total, items: await Promise.all(rows.map((r) => this.listItem(r))) };
  }

  /**
   * GET /help-requests: a coordinator (assist.coordinate) sees the requests of their area, with
   * filters; a helper their own. Anyone else has no such list (403).
   */
  async list(actor: StaffActor, q: { status?: HelpRequestStatus; overdue?: boolean; village?: string; helperId?: string; page: number; pageSize: number }) {
    const overdueAt = q.overdue ? iso(this.now()) : undefined;
    let filter;
    if (canSomewhere(actor, 'assist.coordinate')) {
      filter = { scopePaths: scopePaths(actor, 'assist.coordinate'), status: q.status, overdueAt, villageCode: q.village, byHelper: q.helperId };
    } else if (canSomewhere(actor, 'assist.act')) {
      const helperId = await this.helperIdOf(actor);
      if (!helperId) return { total: 0, items: [] };
      filter = { helperId, status: q.status, overdueAt, villageCode: q.village };
    } else {
      throw forbidden('只有帮办代办员和镇（街道）协调人可以查看帮办代办求助');
    }
    const { total, rows } = await listRequests(this.db, filter, q.page, q.pageSize);
    return { total, items: await Promise.all(rows.map((r) => this.listItem(r))) };
  }

  /** POST /help-requests/{id}/phone: the assigned helper reads the person's full phone to call them; audited. */
  async revealPhone(ctx: RequestContext, actor: StaffActor, id: string): Promise<{ requestNo: string; phone: string }> {
    const { row, roles } = await this.visible(actor, id);
    if (!roles.has('helper')) throw forbidden('只有被分派的帮办代办员可以查看求助人的完整电话');
    if (!['assigned', 'accepted', 'contacted'].includes(row.status)) throw wrongStatus(row.status, '不能再查看求助人电话');
    const phone = this.deps.protector.decrypt(row.subject_phone_enc);
    await this.db.transaction().execute(async (tx) => {
      await recordAudit(tx, ctx, {
        action: 'help_request.phone_view', entityType: 'help_request', entityId: row.id, regionCode: row.village_code,
        onBehalfOf: `求助人 ${row.subject_name_masked}`, summary: { requestNo: row.request_no, phone: row.subject_phone_masked },
      }, this.deps.clock);
    });
    return { requestNo: row.request_no, phone };
  }

  // ───────────────────────── changes ─────────────────────────

  /**
   * A change on the request as read (version `expected`, when the page sent it), with its history
   * and audit in one transaction. A helper's record (`record`) puts its device id, time and photos
   * on the first history row: a device id already recorded on this request answers with the
   * request as it is, nothing written (checked before the version, which the first sending moved).
   * (Also for the module's consent.ts.)
   */
  async change(ctx: RequestContext, actor: SignedIn, id: string, expected: number | undefined, plan: (a: Access) => Change | Promise<Change>, record: RecordMeta = {}): Promise<HelpRequestDetail> {
    const a = await this.visible(actor, id);
    const { row } = a;
    if (record.clientRef && (await eventByClientRef(this.db, id, record.clientRef))) return this.present(actor, a);
    if (expected !== undefined && expected !== row.version) throw changed();
    const p = await plan(a);
    const now = iso(this.now());
    const occurredAt = this.occurredAt(row, record.at);
    const photoIds = [...new Set(record.photoIds ?? [])];
    const next: HelpRequestRow = { ...row, ...p.set, updated_at: now, event_count: row.event_count + p.events.length, version: row.version + 1 };
    next.next_due_at = nextDue(next);
    const who = this.eventActor(actor);
    const firstSeq = row.event_count + 1;
    try {
      await this.db.transaction().execute(async (tx) => {
        const { id: _id, version: _v, ...set } = next;
        const done = await updateRequest(tx, id, row.version, set);
        if (Number(done.numUpdatedRows) !== 1) throw changed();
        await insertEvents(tx, p.events.map((e, i) => ({
          ...this.event(next, firstSeq + i, now, who, { ...e, from: row.status }),
          ...(i === 0 ? { client_ref: record.clientRef ?? null, occurred_at: occurredAt } : {}),
        })));
        if (photoIds.length) {
          const attached = await attachPhotos(tx, id, photoIds, firstSeq);
          if (Number(attached.numUpdatedRows) !== photoIds.length) throw photosUnavailable();
        }
        await p.alongside?.(tx, firstSeq);
        await recordAudit(tx, ctx, this.auditEntry(next, p.audit.action, {
          requestNo: row.request_no, from: row.status, to: next.status, ...p.audit.summary,
          ...(photoIds.length ? { photos: photoIds.length } : {}), ...(occurredAt ? { occurredAt } : {}),
        }, actor), this.deps.clock);
      });
    } catch (err) {
      // the same record sent twice at once: the other sending recorded it
      if (record.clientRef && isUniqueViolation(err) && (await eventByClientRef(this.db, id, record.clientRef))) return this.get(actor, id);
      throw err;
    }
    return this.present(actor, { row: next, roles: a.roles });
  }

  /** When a record says it happened: null for now; not in the future (2 minutes of clock skew allowed), not before the request. */
  private occurredAt(row: HelpRequestRow, at: string | undefined): string | null {
    if (at === undefined) return null;
    const when = new Date(at);
    if (when.getTime() > this.now().getTime() + 2 * 60_000) throw validationFailed([{ field: 'at', message: '记录的时间不能晚于现在，请检查手机的时间' }]);
    if (iso(when) < row.created_at) throw validationFailed([{ field: 'at', message: '记录的时间不能早于求助提交的时间' }]);
    return iso(when);
  }

  private requireHelper(a: Access, what: string): void {
    if (!a.roles.has('helper')) throw forbidden(`只有被分派的帮办代办员可以${what}`);
  }

  /** POST …/accept: the assigned helper takes it on. Accepting again what they have accepted answers with the request as it is (a retried tap). */
  async accept(ctx: RequestContext, actor: StaffActor, id: string, version?: number) {
    const peek = await this.visible(actor, id);
    if (peek.roles.has('helper') && (peek.row.status === 'accepted' || peek.row.status === 'contacted')) return this.present(actor, peek);
    return this.change(ctx, actor, id, version, (a) => {
      this.requireHelper(a, '接单');
      if (a.row.status !== 'assigned') throw wrongStatus(a.row.status, '不能接单');
      return {
        set: { status: 'accepted', accepted_at: iso(this.now()) },
        events: [{ action: 'accept', to: 'accepted', note: `帮办代办员 ${a.row.helper_name ?? ''}已接单，将尽快与您联系` }],
        audit: { action: 'help_request.accept' },
      };
    });
  }

  /** POST …/contact: the first contact with the person (by phone or a visit), with a note for the staff. */
  contact(ctx: RequestContext, actor: StaffActor, id: string, input: { method: 'phone' | 'visit'; note: string; version?: number } & RecordMeta) {
    return this.change(ctx, actor, id, input.version, (a) => {
      this.requireHelper(a, '记录联系');
      if (a.row.status === 'assigned') throw conflict('HELP_REQUEST_NOT_ACCEPTED', '请先接单，再记录与求助人的联系');
      if (a.row.status !== 'accepted') throw wrongStatus(a.row.status, '不能再记录首次联系（后续情况请填写办理进展）');
      const method = input.method === 'phone' ? '电话联系' : '上门走访';
      return {
        // a contact recorded without signal counts from when it happened
        set: { status: 'contacted', contacted_at: a.row.contacted_at ?? (input.at ? iso(new Date(input.at)) : iso(this.now())), contact_method: input.method },
        events: [
          { action: 'contact', to: 'contacted', note: `帮办代办员已${method}求助人`, details: { method: input.method } },
          { action: 'contact', note: input.note, internal: true, details: { method: input.method } },
        ],
        audit: { action: 'help_request.contact', summary: { method: input.method } },
      };
    }, input);
  }

  /** POST …/progress: a note the citizen sees, or a home visit (上门走访) after the first contact; the status stays. */
  progress(ctx: RequestContext, actor: StaffActor, id: string, input: { note: string; visit?: boolean; version?: number } & RecordMeta) {
    return this.change(ctx, actor, id, input.version, (a) => {
      this.requireHelper(a, '记录办理进展');
      if (!['accepted', 'contacted'].includes(a.row.status)) throw wrongStatus(a.row.status, a.row.status === 'assigned' ? '请先接单' : '不能再记录办理进展');
      const action = input.visit ? 'visit' : 'progress';
      return { set: {}, events: [{ action, note: input.note }], audit: { action: `help_request.${action}` } };
    }, input);
  }

  /** POST …/complete: done, with the result the citizen reads (after the first contact). */
  complete(ctx: RequestContext, actor: StaffActor, id: string, input: { note: string; version?: number } & RecordMeta) {
    return this.change(ctx, actor, id, input.version, (a) => {
      this.requireHelper(a, '办结');
      if (a.row.status === 'accepted' || a.row.status === 'assigned') throw conflict('HELP_REQUEST_NOT_CONTACTED', '请先记录与求助人的首次联系，再办结');
      if (a.row.status !== 'contacted') throw wrongStatus(a.row.status, '不能办结');
      return {
        set: { status: 'completed', completed_at: iso(this.now()), result_note: input.note },
        events: [{ action: 'complete', to: 'completed', note: input.note }],
        audit: { action: 'help_request.complete' },
      };
    }, input);
  }

  /**
   * POST …/assign: a coordinator gives the request to a helper covering its village (or a
   * coordinator of its town). The new helper accepts again, with a new accept limit from now;
   * the first-contact limit stays the one promised at submission.
   */
  async assign(ctx: RequestContext, actor: StaffActor, id: string, input: { helperId: string; note: string; version?: number }) {
    const peek = await this.visible(actor, id);
    if (!peek.roles.has('coordinator')) throw forbidden('只有镇（街道）协调人可以分派求助');
    const [covering, coordinators] = await Promise.all([this.helpers.coveringVillage(peek.row.village_code), this.helpers.coordinatorsOf(peek.row.town_code)]);
    const helper = [...covering, ...coordinators].find((h) => h.helperId === input.helperId);
    if (!helper) throw validationFailed([{ field: 'helperId', message: '该帮办代办员不负责求助人所在的村（社区），请从本村（社区）或本镇（街道）的帮办代办员中选择' }]);
    const cal = await this.deps.calendar.fresh();
    return this.change(ctx, actor, id, input.version, (a) => {
      if (!a.roles.has('coordinator')) throw forbidden('只有镇（街道）协调人可以分派求助');
      if (!isOpenHelpStatus(a.row.status)) throw wrongStatus(a.row.status, '不能再分派');
      if (a.row.helper_id === helper.helperId) throw validationFailed([{ field: 'helperId', message: '该求助已由这位帮办代办员负责' }]);
      const nowDate = this.now();
      return {
        set: {
          status: 'assigned', helper_id: helper.helperId, helper_name: helper.name, assigned_at: iso(nowDate), accepted_at: null,
          accept_due_at: iso(addWorkingMinutes(cal, nowDate, this.limits.acceptMinutes)), accept_escalated_at: null,
        },
        events: [
          { action: 'assign', to: 'assigned', note: `已改由帮办代办员 ${helper.name} 负责`, details: { helperId: helper.helperId, fromHelperId: a.row.helper_id } },
          ...(input.note ? [{ action: 'assign' as const, note: input.note, internal: true }] : []),
        ],
        audit: { action: 'help_request.assign', summary: { fromHelper: a.row.helper_name, toHelper: helper.name } },
      };
    });
  }

  /** POST …/cancel: the citizen who asked (their own, before it is done) or a coordinator; with a reason. */
  cancel(ctx: RequestContext, actor: SignedIn, id: string, input: { reason: string; version?: number }) {
    return this.change(ctx, actor, id, input.version, (a) => {
      if (!a.roles.has('requester') && !a.roles.has('coordinator')) throw forbidden('只有求助人本人或镇（街道）协调人可以取消求助');
      if (!isOpenHelpStatus(a.row.status)) throw wrongStatus(a.row.status, '不能取消');
      return {
        set: { status: 'cancelled', cancelled_at: iso(this.now()), cancel_reason: input.reason },
        events: [{ action: 'cancel', to: 'cancelled', note: input.reason }],
        audit: { action: 'help_request.cancel', summary: { reason: input.reason } },
      };
    });
  }

  /** POST …/rating: the citizen who asked rates a completed request, once. */
  rate(ctx: RequestContext, actor: CitizenActor, id: string, input: { stars: number; comment: string }) {
    return this.change(ctx, actor, id, undefined, (a) => {
      if (!a.roles.has('requester')) throw requestNotFound();
      if (a.row.rating !== null) throw conflict('HELP_REQUEST_ALREADY_RATED', '您已经评价过这次帮办代办，每次求助只能评价一次');
      if (a.row.status !== 'completed') throw conflict('HELP_REQUEST_NOT_COMPLETED', '帮办代办办结后才能评价');
      return {
        set: { rating: input.stars, rating_comment: input.comment || null, rated_at: iso(this.now()) },
        events: [{ action: 'rate', note: input.comment, details: { stars: input.stars } }],
        audit: { action: 'help_request.rate', summary: { stars: input.stars } },
      };
    });
  }

  // ───────────────────────── escalation ─────────────────────────

  /**
   * The escalation job (jobs.ts): every request past its accept limit without acceptance, or past
   * its contact limit without a first contact, is reported once per limit — marked, recorded in
   * its history (internal) and the audit log, and the coordinator told (EscalationNotifier). One
   * never accepted goes to the town's coordinator (dispatch's rule among them). Each request in
   * its own transaction on the version read; one changed meanwhile is looked at again next run.
   */
  async escalateOverdue(now: Date = this.now()): Promise<{ accept: number; contact: number }> {
    const at = iso(now);
    const due = await dueForEscalation(this.db, at);
    const done = { accept: 0, contact: 0 };
    const coordinatorsByTown = new Map<string, DispatchHelper[]>();
    for (const { id } of due) {
      const row = await findRequest(this.db, id);
      if (!row) continue;
      let coordinators = coordinatorsByTown.get(row.town_code);
      if (!coordinators) {
        coordinators = await this.helpers.coordinatorsOf(row.town_code);
        coordinatorsByTown.set(row.town_code, coordinators);
      }
      const r = await this.escalateOne(row, at, coordinators);
      done.accept += r.accept;
      done.contact += r.contact;
    }
    return done;
  }

  private async escalateOne(row: HelpRequestRow, at: string, coordinators: DispatchHelper[]): Promise<{ accept: number; contact: number }> {
    if (!isOpenHelpStatus(row.status)) return { accept: 0, contact: 0 };
    const missedAccept = row.accepted_at === null && row.accept_escalated_at === null && row.accept_due_at <= at;
    const missedContact = row.contacted_at === null && row.contact_escalated_at === null && row.contact_due_at <= at;
    if (!missedAccept && !missedContact) return { accept: 0, contact: 0 };
    try {
      await this.db.transaction().execute(async (tx) => {
        const coordinator = (coordinators.find((c) => c.helperId === row.helper_id) ?? null) || (await this.pick(tx, coordinators, row.helper_id));
        const next: HelpRequestRow = { ...row, updated_at: at, version: row.version + 1 };
        const events: { action: HelpEventAction; note?: string; internal?: boolean; to?: HelpRequestStatus; details?: Record<string, unknown> }[] = [];
        const notices: ('accept' | 'contact')[] = [];
        if (missedAccept) {
          next.accept_escalated_at = at;
          notices.push('accept');
          const missedBy = row.helper_name;
          events.push({
            action: 'escalate_accept', internal: true,
            note: coordinator ? `超过接单时限（${row.accept_due_at}）未接单，已上报协调人 ${coordinator.name}` : '超过接单时限未接单；本镇（街道）暂无协调人，请镇（街道）管理员分派',
            details: { dueAt: row.accept_due_at, helperId: row.helper_id, coordinatorId: coordinator?.helperId ?? null },
          });
          if (coordinator && coordinator.helperId !== row.helper_id) {
            Object.assign(next, { status: 'assigned', helper_id: coordinator.helperId, helper_name: coordinator.name, assigned_at: at });
            events.push({ action: 'assign', to: 'assigned', note: `已改由帮办代办员 ${coordinator.name} 负责`, details: { helperId: coordinator.helperId, fromHelperId: row.helper_id, by: 'escalation', missedBy } });
          }
        }
        if (missedContact) {
          next.contact_escalated_at = at;
          notices.push('contact');
          events.push({
            action: 'escalate_contact', internal: true,
            note: coordinator ? `超过首次联系时限（${row.contact_due_at}）未联系求助人，已上报协调人 ${coordinator.name}` : '超过首次联系时限未联系求助人；本镇（街道）暂无协调人，请镇（街道）管理员督办',
            details: { dueAt: row.contact_due_at, helperId: row.helper_id, coordinatorId: coordinator?.helperId ?? null },
          });
        }
        next.event_count = row.event_count + events.length;
        next.next_due_at = nextDue(next);
        const { id: _id, version: _v, ...set } = next;
        const updated = await updateRequest(tx, row.id, row.version, set);
        if (Number(updated.numUpdatedRows) !== 1) throw changed();
        await insertEvents(tx, events.map((e, i) => this.event(next, row.event_count + i + 1, at, SYSTEM, { ...e, from: row.status })));
        await recordAudit(tx, systemContext, this.auditEntry(next, 'help_request.escalate', {
          requestNo: row.request_no, limits: notices.join('、'), helper: row.helper_name, coordinator: coordinator?.name ?? null, to: next.helper_name,
        }, null), { now: () => new Date(at) });
        for (const limit of notices) {
          await this.notifier.escalated(tx, {
            requestId: row.id, requestNo: row.request_no, townCode: row.town_code, villageCode: row.village_code, limit,
            coordinator: coordinator ? { helperId: coordinator.helperId, staffId: coordinator.staffId, name: coordinator.name } : null, helperName: row.helper_name,
          });
        }
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'HELP_REQUEST_CHANGED') return { accept: 0, contact: 0 };
      throw err;
    }
    return { accept: missedAccept ? 1 : 0, contact: missedContact ? 1 : 0 };
  }

  // ───────────────────────── figures ─────────────────────────

  /**
   * 帮办代办 activity under a place in [from, to) (ISO instants), for the supervision dashboard's
   * HelperFigures: requests made, completed, with a home visit, still open past a limit, and the
   * average of the ratings people gave.
   */
  async activity(regionPath: string, from: string, to: string) {
    const rows = await requestsMadeIn(this.db, [regionPath], from, to);
    const now = iso(this.now());
    const rated = rows.filter((r) => r.rating !== null);
    return {
      requests: rows.length,
      completed: rows.filter((r) => r.status === 'completed').length,
      homeVisits: rows.filter((r) => r.home_visit === 1).length,
      overdue: rows.filter((r) => isOpenHelpStatus(r.status) && r.next_due_at !== null && r.next_due_at <= now).length,
      averageRating: rated.length ? Math.round((rated.reduce((a, r) => a + r.rating!, 0) / rated.length) * 10) / 10 : null,
    };
  }

  /** GET /help-requests/stats: a month's requests of a town (or all the caller coordinates). */
  async stats(actor: StaffActor, q: { town?: string; month?: string }) {
    const nowDate = this.now();
    const month = q.month ?? chinaDate(nowDate).slice(0, 7);
    let paths = scopePaths(actor, 'assist.coordinate');
    let town: { code: string; name: string } | null = null;
    if (q.town) {
      const region = await this.deps.regions.require(q.town, 'town');
      if (region.level !== 'town') throw validationFailed([{ field: 'town', message: '请选择镇（街道）' }]);
      if (!can(actor, 'assist.coordinate', this.deps.regions.ref(region))) throw forbidden(`您无权查看「${region.shortName}」的帮办代办统计`);
      paths = [region.path];
      town = { code: region.code, name: region.shortName };
    }
    const [y, m] = month.split('-').map(Number);
    const nextMonth = m === 12 ? `${y! + 1}-01` : `${y}-${String(m! + 1).padStart(2, '0')}`;
    const rows = await requestsMadeIn(this.db, paths, chinaDayStart(`${month}-01`), chinaDayStart(`${nextMonth}-01`));
    const now = iso(nowDate);
    const cal = await this.deps.calendar.fresh();
    const byStatus = Object.fromEntries(Object.keys(HELP_REQUEST_STATUSES).map((s) => [s, 0])) as Record<string, number>;
    const acceptHours: number[] = [];
    const contactHours: number[] = [];
    const ratings: number[] = [];
    const perHelper = new Map<string, { helperId: string; name: string; total: number; open: number; completed: number; ratings: number[] }>();
    let overdue = 0;
    let escalated = 0;
    for (const r of rows) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (isOpenHelpStatus(r.status) && r.next_due_at !== null && r.next_due_at <= now) overdue++;
      if (r.accept_escalated_at || r.contact_escalated_at) escalated++;
      const made = new Date(r.created_at);
      if (r.accepted_at) acceptHours.push(workingMinutesBetween(cal, made, new Date(r.accepted_at)) / 60);
      if (r.contacted_at) contactHours.push(workingMinutesBetween(cal, made, new Date(r.contacted_at)) / 60);
      if (r.rating !== null) ratings.push(r.rating);
      if (r.helper_id) {
        const h = perHelper.get(r.helper_id) ?? { helperId: r.helper_id, name: r.helper_name ?? '', total: 0, open: 0, completed: 0, ratings: [] };
        h.total++;
        if (isOpenHelpStatus(r.status)) h.open++;
        if (r.status === 'completed') h.completed++;
        if (r.rating !== null) h.ratings.push(r.rating);
        perHelper.set(r.helper_id, h);
      }
    }
    const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
    return {
      month, town, total: rows.length, byStatus, overdue, escalated,
      avgAcceptHours: avg(acceptHours), avgContactHours: avg(contactHours), averageRating: avg(ratings), rated: ratings.length,
      helpers: [...perHelper.values()]
        .sort((a, b) => b.open - a.open || b.total - a.total || a.name.localeCompare(b.name, 'zh-CN') || a.helperId.localeCompare(b.helperId))
        .map(({ ratings: rs, ...h }) => ({ ...h, averageRating: avg(rs) })),
    };
  }

  // ───────────────────────── words ─────────────────────────

  private eventActor(actor: SignedIn): EventActor {
    return actor.kind === 'staff'
      ? { actor_kind: 'staff', actor_id: actor.id, actor_name: actor.name }
      : { actor_kind: 'citizen', actor_id: actor.id, actor_name: '求助人' };
  }

  /** Whom an entry is made for, named masked: the person helped, unless a citizen asks for themself. */
  private onBehalfOf(channel: string, name: string): string | null {
    if (channel === 'online') return null;
    return `${channel === 'relative' ? '亲属' : '求助人'} ${maskName(name)}`;
  }

  private auditEntry(row: HelpRequestRow, action: string, summary: Record<string, unknown>, actor: SignedIn | null): AuditEntry {
    const forSomeone = actor?.kind === 'staff' || row.channel === 'relative';
    return {
      action, entityType: 'help_request', entityId: row.id, regionCode: row.village_code,
      onBehalfOf: forSomeone || actor === null ? `求助人 ${row.subject_name_masked}` : null, summary,
    };
  }

  private event(
    row: Pick<HelpRequestRow, 'id'>, seq: number, at: string, who: EventActor,
    e: { action: HelpEventAction; note?: string; internal?: boolean; to?: HelpRequestStatus; from?: string; details?: Record<string, unknown> },
  ): HelpEventRow {
    return {
      request_id: row.id, seq, at, action: e.action, from_status: e.from ?? null, to_status: e.to ?? null, ...who,
      note: e.note ?? '', visibility: e.internal ? 'internal' : 'citizen', details: JSON.stringify(e.details ?? {}), client_ref: null, occurred_at: null,
    };
  }

  private async places(row: HelpRequestRow): Promise<{ villageName: string; townName: string }> {
    const [village, town] = await Promise.all([this.deps.regions.get(row.village_code), this.deps.regions.get(row.town_code)]);
    return { villageName: village?.shortName ?? row.village_code, townName: town?.shortName ?? row.town_code };
  }

  private async listItem(row: HelpRequestRow): Promise<HelpRequestListItem> {
    const now = iso(this.now());
    const flags = JSON.parse(row.flags) as HelpFlag[];
    return {
      id: row.id, requestNo: row.request_no, status: row.status as HelpRequestStatus, statusLabel: HELP_REQUEST_STATUSES[row.status as HelpRequestStatus] ?? row.status,
      channel: row.channel, channelLabel: HELP_CHANNELS[row.channel as HelpChannel] ?? row.channel,
      subjectName: row.subject_name_masked, subjectPhone: row.subject_phone_masked,
      villageCode: row.village_code, townCode: row.town_code, ...(await this.places(row)),
      itemCode: row.item_code, itemName: row.item_name, need: row.need, homeVisit: row.home_visit === 1,
      flags: flags.map((f) => ({ code: f, label: HELP_FLAGS[f] ?? f })), priority: row.priority === 1,
      helperId: row.helper_id, helperName: row.helper_name,
      acceptDueAt: row.accept_due_at, contactDueAt: row.contact_due_at, nextDueAt: row.next_due_at,
      overdue: isOpenHelpStatus(row.status) && row.next_due_at !== null && row.next_due_at <= now,
      escalated: row.accept_escalated_at !== null || row.contact_escalated_at !== null,
      rating: row.rating, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
    };
  }

  private async present(actor: SignedIn, { row, roles }: Access): Promise<HelpRequestDetail> {
    const staffView = roles.has('helper') || roles.has('coordinator');
    const full = staffView || roles.has('requester');
    const [allEvents, photos, consents] = await Promise.all([eventsOf(this.db, row.id), staffView ? photosOf(this.db, row.id) : [], authorisationsOf(this.db, row.id)]);
    const events = allEvents.filter((e) => staffView || e.visibility === 'citizen');
    const photosOfEvent = (seq: number) => photos.filter((p) => p.event_seq === seq && p.purpose === 'visit').map((p) => ({ id: p.id, url: helpPhotoUrl(p.id) }));
    const now = iso(this.now());
    const consentView = (c: HelpAuthorisationRow) => authorisationView(c, staffView);
    // a helper applies only with a consent given to them (not to the helper before a reassignment)
    const usable = (c: HelpAuthorisationRow) => !roles.has('helper') || c.helper_staff_id === actor.id;
    const inForce = consents.find((c) => consentInForce(c, now) && usable(c)) ?? null;
    const used = consents.filter((c) => c.case_id !== null && c.used_at !== null);
    const statusOf = full && used.length ? await this.caseStatuses.statusLabels(used.map((c) => c.case_id!)) : new Map<string, string>();
    const open = isOpenHelpStatus(row.status);
    const escalations = [row.accept_escalated_at, row.contact_escalated_at].filter((d): d is string => d !== null).sort();
    return {
      ...(await this.listItem(row)),
      subjectName: full ? this.deps.protector.decrypt(row.subject_name_enc) : row.subject_name_masked,
      address: full ? this.deps.protector.decrypt(row.address_enc) : '',
      preferredTime: row.preferred_time,
      escalatedAt: escalations[0] ?? null,
      assignedAt: row.assigned_at, acceptedAt: row.accepted_at, contactedAt: row.contacted_at, contactMethod: row.contact_method,
      completedAt: row.completed_at, resultNote: row.result_note, cancelledAt: row.cancelled_at, cancelReason: row.cancel_reason,
      ratingComment: row.rating_comment, ratedAt: row.rated_at,
      events: events.map((e) => ({
        seq: e.seq, at: e.at, action: e.action, actionLabel: HELP_EVENTS[e.action as HelpEventAction] ?? e.action,
        actorName: e.actor_name, note: e.note, fromStatus: e.from_status, toStatus: e.to_status, internal: e.visibility === 'internal',
        occurredAt: e.occurred_at, photos: photosOfEvent(e.seq),
      })),
      authorisation: full && inForce ? consentView(inForce) : null,
      cases: full ? used.map((c) => ({ caseId: c.case_id!, caseNo: c.case_no, itemName: c.item_name, statusLabel: statusOf.get(c.case_id!) ?? null, authorisation: consentView(c) })) : [],
      can: {
        accept: roles.has('helper') && row.status === 'assigned',
        contact: roles.has('helper') && row.status === 'accepted',
        progress: roles.has('helper') && ['accepted', 'contacted'].includes(row.status),
        complete: roles.has('helper') && row.status === 'contacted',
        revealPhone: roles.has('helper') && open && row.status !== 'unassigned',
        assign: roles.has('coordinator') && open,
        cancel: (roles.has('coordinator') || roles.has('requester')) && open,
        rate: actor.kind === 'citizen' && roles.has('requester') && row.status === 'completed' && row.rating === null,
        authorise: roles.has('helper') && mayAuthorise(row.status),
        applyOnBehalf: roles.has('helper') && mayAuthorise(row.status) && inForce !== null,
      },
    };
  }
}
