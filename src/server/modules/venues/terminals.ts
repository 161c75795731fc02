/**
 * Self-service terminals (自助终端, issue 13 §2): the kiosks' heartbeats, and the administrators'
 * status board, heartbeat tokens and maintenance log.
 *
 * A kiosk proves itself with a token of its own (32 random bytes, base64url), issued in the
 * workbench and shown once; only its SHA-256 is kept (like session tokens: the token is random, so
 * an unkeyed hash is enough, and a database copy holds nothing a kiosk could send). A wrong token,
 * none, or an unknown terminal id get the same 401 and write nothing. A heartbeat writes only the
 * terminal's last-seen time and what the kiosk said (never `updated_at`: the map's snapshot
 * fingerprint reads it); a change of what it says is logged in `terminal_events`.
 *
 * Administrators (`venue.manage`) see and change the terminals of venues in their subtree; any
 * other terminal is "not found", so ids leak nothing. Every change is audited in its transaction.
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { randomToken, safeEqual, sha256Hex } from '../../platform/crypto.js';
import { AppError, conflict, notFound, terminalUnauthorized, validationFailed } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { can, scopePaths } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import type { ReportedStatus, TerminalEventKind, TerminalStatus } from '../../../shared/terminals.js';
import {
  insertTerminalEvent, recordHeartbeat, setTerminalInService, setTerminalToken, terminalBoard, terminalCredentials, terminalEvents, terminalWithPlace, terminalWithVenue,
  type BoardRow, type TerminalEventRow,
} from './repo.js';
import type { TerminalBoardItem, TerminalEventView } from './schemas.js';
import { HEARTBEAT_WINDOW_MS, terminalStatus } from './service.js';

/** A kiosk reports every minute; a few retries are fine, a flood is not. */
export const HEARTBEATS_PER_TERMINAL_PER_MINUTE = 12;
/**
 * Per client address, whatever the token (routes.ts, through the platform's limiter): the kiosks
 * of a 24-hour area may share one address behind a router, a forger gets no more.
 */
export const HEARTBEATS_PER_IP_PER_MINUTE = 120;

/** Compared against when there is no hash to compare with (unknown id, no token issued), so the time taken tells nothing. */
const NO_HASH = '0'.repeat(64);

interface EventDetails {
  byName?: string;
  from?: ReportedStatus | null;
  to?: ReportedStatus;
  version?: string | null;
}

const terminalNotFound = () => notFound('自助终端', 'TERMINAL_NOT_FOUND');
const staffName = (actor: StaffActor) => `${actor.name}(${actor.username})`;

export class TerminalService {
  /** Heartbeats per terminal in the current minute (of the app's clock). Process memory, like the platform's limits. */
  private readonly turns = new Map<string, { minute: number; n: number }>();

  constructor(private readonly deps: Pick<Deps, 'dbh' | 'regions' | 'clock'>) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /**
   * POST /terminals/{id}/heartbeat. The token is checked first (401, nothing written), then the
   * terminal's own limit (429, nothing written). A terminal under maintenance still records its
   * heartbeats: the board shows what it says while it is being worked on.
   */
  async heartbeat(id: string, token: string, input: { status: ReportedStatus; version?: string; note?: string }): Promise<{ ok: true; serverTime: string }> {
    const row = await terminalCredentials(this.db, id);
    const matches = safeEqual(sha256Hex(token), row?.token_hash ?? NO_HASH);
    if (!row || row.token_hash === null || !matches) throw terminalUnauthorized();
    this.takeTurn(id);
    const now = iso(this.deps.clock.now());
    const previous = row.reported_status as ReportedStatus | null;
    const version = input.version || null;
    if (previous === input.status) {
      await recordHeartbeat(this.db, id, { last_seen_at: now, reported_status: input.status, reported_version: version });
    } else if (previous === null && input.status === 'ok') {
      // the first word of a kiosk that is fine: nothing to log
      await recordHeartbeat(this.db, id, { last_seen_at: now, reported_status: input.status, reported_version: version, reported_at: now });
    } else {
      const details: EventDetails = { from: previous, to: input.status, version };
      await this.db.transaction().execute(async (tx) => {
        await recordHeartbeat(tx, id, { last_seen_at: now, reported_status: input.status, reported_version: version, reported_at: now });
        await insertTerminalEvent(tx, { id: newId(), terminal_id: id, at: now, kind: 'heartbeat_status', note: input.note ?? '', by_staff_id: null, details: JSON.stringify(details) });
      });
    }
    return { ok: true, serverTime: now };
  }

  /** How many terminals under a place are online, offline or under maintenance (the supervision dashboard's TerminalFigures). */
  async statusCounts(regionPath: string): Promise<{ online: number; offline: number; maintenance: number }> {
    const freshAfter = iso(new Date(this.deps.clock.now().getTime() - HEARTBEAT_WINDOW_MS));
    return (await terminalBoard(this.db, { scopePaths: [regionPath], freshAfter }, 1, 1)).counts;
  }

  /**
   * The terminal a bearer token belongs to, with the place of its venue; null when the id is
   * unknown, the token is not its current one or it is out of service (the ratings module's
   * RatingTerminals: a hall tablet rates the cases of its hall).
   */
  async identify(id: string, token: string): Promise<{ id: string; name: string; venueName: string; regionCode: string } | null> {
    const row = await terminalWithVenue(this.db, id);
    const matches = safeEqual(sha256Hex(token), row?.token_hash ?? NO_HASH);
    if (!row || row.token_hash === null || !matches || !row.in_service) return null;
    return { id: row.id, name: row.name, venueName: row.venue_name, regionCode: row.region_code };
  }

  /** At most HEARTBEATS_PER_TERMINAL_PER_MINUTE per terminal per minute; the map holds one entry per terminal that reported. */
  private takeTurn(id: string): void {
    const at = this.deps.clock.now().getTime();
    const minute = Math.floor(at / 60_000);
    const turn = this.turns.get(id);
    if (!turn || turn.minute !== minute) {
      this.turns.set(id, { minute, n: 1 });
      return;
    }
    if (turn.n >= HEARTBEATS_PER_TERMINAL_PER_MINUTE) {
      const wait = Math.max(1, Math.ceil(((minute + 1) * 60_000 - at) / 1000));
      throw new AppError(429, 'RATE_LIMITED', `心跳上报过于频繁（每台终端每分钟最多 ${HEARTBEATS_PER_TERMINAL_PER_MINUTE} 次），请 ${wait} 秒后再试`, { retryAfterSeconds: wait });
    }
    turn.n++;
  }

  /** A terminal the administrator may manage; any other (or none) is not found. */
  private async visible(actor: StaffActor, id: string): Promise<BoardRow> {
    const row = await terminalWithPlace(this.db, id);
    if (!row || !can(actor, 'venue.manage', { code: row.region_code, path: row.region_path })) throw terminalNotFound();
    return row;
  }

  /** GET /terminals: the status board of the administrator's terminals, problems first. */
  async board(actor: StaffActor, q: { region?: string; status?: TerminalStatus; page: number; pageSize: number }) {
    const regionPath = q.region ? (await this.deps.regions.require(q.region, 'region')).path : undefined;
    const now = this.deps.clock.now();
    const freshAfter = iso(new Date(now.getTime() - HEARTBEAT_WINDOW_MS));
    const { total, rows, counts } = await terminalBoard(this.db, { scopePaths: scopePaths(actor, 'venue.manage'), regionPath, status: q.status, freshAfter }, q.page, q.pageSize);
    const names = new Map<string, string>();
    const items: TerminalBoardItem[] = [];
    for (const row of rows) items.push(await this.present(row, now, names));
    return { total, items, counts };
  }

  private async present(row: BoardRow, now: Date, names = new Map<string, string>()): Promise<TerminalBoardItem> {
    let regionName = names.get(row.region_code);
    if (regionName === undefined) {
      const chain = await this.deps.regions.ancestors(row.region_code);
      // as the map names places: the town (and village), the county by its own name
      regionName = chain.filter((r) => r.level !== 'county').map((r) => r.shortName).join('') || (chain.at(-1)?.shortName ?? '');
      names.set(row.region_code, regionName);
    }
    return {
      id: row.id, name: row.name, model: row.model, venueId: row.venue_id, venueName: row.venue_name, regionCode: row.region_code, regionName,
      status: terminalStatus(row, now), inService: row.in_service === 1,
      reportedStatus: row.reported_status as ReportedStatus | null, reportedAt: row.reported_at, reportedVersion: row.reported_version,
      lastSeenAt: row.last_seen_at, hasToken: row.token_hash !== null,
    };
  }

  /**
   * POST /terminals/{id}/token: a new heartbeat token, answered this once; the old one stops
   * working at once. Logged and audited (never the token).
   */
  async issueToken(ctx: RequestContext, actor: StaffActor, id: string) {
    const row = await this.visible(actor, id);
    const token = randomToken(32);
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      await setTerminalToken(tx, id, sha256Hex(token));
      await insertTerminalEvent(tx, this.event(id, now, 'token_issued', '', actor));
      await recordAudit(tx, ctx, {
        action: 'terminal.token', entityType: 'venue_terminal', entityId: id, regionCode: row.region_code,
        summary: { terminal: row.name, venue: row.venue_name, replaced: row.token_hash !== null },
      }, this.deps.clock);
    });
    return { terminalId: id, token, issuedAt: now, heartbeatPath: `/api/v1/terminals/${id}/heartbeat` };
  }

  /**
   * POST /terminals/{id}/maintenance: out of service (a reason required) or back. The public venue
   * page reads terminals fresh, and the map's snapshot keeps only what terminals can do (in service
   * or not), so nothing is reloaded.
   */
  async setMaintenance(ctx: RequestContext, actor: StaffActor, id: string, input: { inService: boolean; note: string }): Promise<TerminalBoardItem> {
    const row = await this.visible(actor, id);
    if (!input.inService && !input.note) throw validationFailed([{ field: 'note', message: '请填写停用维护的原因' }]);
    const unchanged = () => conflict('TERMINAL_STATE_UNCHANGED', input.inService ? '该终端已在服务中，无需恢复' : '该终端已处于维护状态');
    if ((row.in_service === 1) === input.inService) throw unchanged();
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      // only from the state read: of two administrators at once, the second is told it has changed
      const done = await setTerminalInService(tx, id, input.inService, !input.inService);
      if (Number(done.numUpdatedRows) !== 1) throw unchanged();
      await insertTerminalEvent(tx, this.event(id, now, input.inService ? 'maintenance_end' : 'maintenance_start', input.note, actor));
      await recordAudit(tx, ctx, {
        action: input.inService ? 'terminal.resume' : 'terminal.maintenance', entityType: 'venue_terminal', entityId: id, regionCode: row.region_code,
        summary: { terminal: row.name, venue: row.venue_name, inService: input.inService, note: input.note },
      }, this.deps.clock);
    });
    return this.present({ ...row, in_service: input.inService ? 1 : 0 }, this.deps.clock.now());
  }

  /** GET /terminals/{id}/events: the maintenance log, newest first. */
  async events(actor: StaffActor, id: string, page: number, pageSize: number): Promise<{ total: number; items: TerminalEventView[] }> {
    await this.visible(actor, id);
    const { total, rows } = await terminalEvents(this.db, id, page, pageSize);
    return {
      total,
      items: rows.map((r) => {
        const d = JSON.parse(r.details) as EventDetails;
        return { id: r.id, at: r.at, kind: r.kind, note: r.note, byName: d.byName ?? null, statusFrom: d.from ?? null, statusTo: d.to ?? null, version: d.version ?? null };
      }),
    };
  }

  private event(terminalId: string, at: string, kind: TerminalEventKind, note: string, actor: StaffActor): TerminalEventRow {
    return { id: newId(), terminal_id: terminalId, at, kind, note, by_staff_id: actor.id, details: JSON.stringify({ byName: staffName(actor) } satisfies EventDetails) };
  }
}
