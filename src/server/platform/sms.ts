import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../db/index.js';
import type { SmsOutboxTable } from '../db/types.js';
import { maskPhone } from '../../shared/validators.js';
import type { DataProtector } from './crypto.js';
import { iso, newId, type Clock } from './ids.js';

export interface SmsMessage {
  phone: string;
  template: string;
  body: string;
}

export type SmsStatus = SmsOutboxTable['status'];

/** What a gateway reports about a message it took (its delivery-status callback). */
export interface SmsDeliveryReport {
  /** Our outbox id, or … */
  id?: string;
  /** … the gateway's own message id (returned by transmit). */
  providerId?: string;
  status: 'sent' | 'delivered' | 'failed';
  /** The gateway's reason, for failures. */
  error?: string;
  /** A failure worth trying again (gateway busy, throttled). Permanent ones (no such number) are not retried. */
  retry?: boolean;
}

export interface SmsDispatchResult {
  sent: number;
  failed: number;
}

/**
 * Where text messages go. This file owns the outbox (`sms_outbox`): others queue through `send` or
 * `outboxRows` + `queueWrite` and list it with `listOutbox`.
 * `send` only queues: it writes the `sms_outbox` row (body encrypted,
 * phone encrypted with a masked copy) inside the caller's transaction, so a message exists exactly
 * when the change that caused it commits. `dispatch` (after commit, and by the retry job) hands
 * due rows to the gateway and records the outcome; `updateStatus` takes the gateway's delivery
 * reports. Status: queued → sent → delivered, or failed (retried with backoff while attempts remain).
 */
export interface SmsSender {
  readonly name: string;
  send(db: DbOrTx, message: SmsMessage): Promise<{ id: string }>;
  /** The outbox rows of messages, for a caller that inserts them with its other writes (then they are queued). */
  outboxRows(messages: readonly SmsMessage[]): SmsOutboxTable[];
  dispatch(db: Db, limit?: number): Promise<SmsDispatchResult>;
  updateStatus(db: DbOrTx, report: SmsDeliveryReport): Promise<boolean>;
  /** Called after a row is queued; the dispatch job sets it to send soon after the commit. */
  onQueued?: () => void;
}

/** A gateway failure: `retryable` failures are tried again later. */
export class SmsGatewayError extends Error {
  constructor(message: string, readonly retryable = true) {
    super(message);
    this.name = 'SmsGatewayError';
  }
}

/**
 * The transport behind the outbox: a real SMS provider's API (阿里云、腾讯云、运营商网关) or, by
 * default, the log. `transmit` resolves once the provider has accepted the message (with its id
 * for later delivery reports) and throws `SmsGatewayError` when it has not.
 */
export interface SmsGateway {
  readonly name: string;
  transmit(message: SmsMessage & { id: string }): Promise<{ providerId?: string; delivered?: boolean }>;
}

/** The default: nothing leaves the machine; each message is a masked log line (and stays in the outbox). */
export class LogSmsGateway implements SmsGateway {
  readonly name = 'outbox';
  constructor(private readonly log: FastifyBaseLogger) {}
  async transmit(message: SmsMessage & { id: string }) {
    this.log.info({ sms: message.id, to: maskPhone(message.phone), template: message.template }, 'sms written to outbox');
    return {};
  }
}

// ───────────────── the outbox table (sms_outbox): this file is its one owner ─────────────────

/**
 * The insert that queues outbox rows (SmsSender.outboxRows made them), as one statement on the
 * caller's handle, for a caller that writes them with its other rows (its transaction, or a batch
 * run with runTogether): the messages exist exactly when the change that caused them commits.
 */
export const queueWrite = (db: DbOrTx, rows: readonly SmsOutboxTable[]) => db.insertInto('sms_outbox').values(rows);

/** One page of the outbox for operations, newest first: masked phones and delivery state, never bodies; with the count of rows in each status. */
export async function listOutbox(db: DbOrTx, q: { status?: SmsStatus; template?: string; page: number; pageSize: number }) {
  let base = db.selectFrom('sms_outbox');
  if (q.status) base = base.where('status', '=', q.status);
  if (q.template) base = base.where('template', '=', q.template);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .select(['id', 'phone_masked', 'template', 'status', 'sender', 'attempts', 'created_at', 'sent_at', 'delivered_at', 'next_attempt_at', 'error'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const counts = await db.selectFrom('sms_outbox').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
  return { total, rows, counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Partial<Record<SmsStatus, number>> };
}

export const SMS_MAX_ATTEMPTS = 5;
/** Minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt. */
export const SMS_RETRY_MINUTES = [1, 5, 30, 120] as const;
/** A claimed row is not picked up again for this long (a process that died mid-send is retried after it). */
const CLAIM_MINUTES = 2;

const addMinutes = (d: Date, m: number) => iso(new Date(d.getTime() + m * 60_000));

export class OutboxSmsSender implements SmsSender {
  onQueued?: () => void;

  constructor(
    private readonly protector: DataProtector,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly gateway: SmsGateway = new LogSmsGateway(log),
  ) {}

  get name(): string {
    return this.gateway.name;
  }

  async send(db: DbOrTx, message: SmsMessage): Promise<{ id: string }> {
    const [row] = this.outboxRows([message]);
    await db.insertInto('sms_outbox').values(row!).execute();
    return { id: row!.id };
  }

  outboxRows(messages: readonly SmsMessage[]): SmsOutboxTable[] {
    const now = iso(this.clock.now());
    const rows = messages.map((message) => ({
      id: newId(),
      phone_enc: this.protector.encrypt(message.phone),
      phone_hash: this.protector.lookupHash(message.phone),
      phone_masked: maskPhone(message.phone),
      template: message.template,
      body_enc: this.protector.encrypt(message.body),
      status: 'queued' as const,
      sender: this.gateway.name,
      created_at: now,
      sent_at: null,
      error: null,
      attempts: 0,
      next_attempt_at: now,
      delivered_at: null,
      updated_at: now,
      provider_id: null,
    }));
    // the dispatch job looks shortly after: by then the caller's transaction has committed
    if (rows.length) this.onQueued?.();
    return rows;
  }

  /**
   * Sends every due row (oldest first, up to `limit`). The due rows are claimed in one statement
   * that moves their next attempt past the claim period, so two processes never send the same row
   * at once; the outcomes are written together in one transaction after the hand-overs.
   */
  async dispatch(db: Db, limit = 100): Promise<SmsDispatchResult> {
    const result: SmsDispatchResult = { sent: 0, failed: 0 };
    const now = this.clock.now();
    const due = db
      .selectFrom('sms_outbox')
      .select('id')
      .where('status', 'in', ['queued', 'failed'])
      .where('next_attempt_at', '<=', iso(now))
      .orderBy('next_attempt_at')
      .limit(limit);
    const claimed = await db
      .updateTable('sms_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: addMinutes(now, CLAIM_MINUTES), updated_at: iso(now) }))
      .where('id', 'in', due)
      .where('status', 'in', ['queued', 'failed'])
      .where('next_attempt_at', '<=', iso(now))
      .returning(['id', 'attempts', 'phone_enc', 'body_enc', 'template', 'created_at'])
      .execute();
    if (claimed.length === 0) return result;
    claimed.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1));
    const outcomes: { id: string; attempts: number; out?: { providerId?: string; delivered?: boolean }; at: string; error?: string; retryable?: boolean }[] = [];
    for (const row of claimed) {
      try {
        const out = await this.gateway.transmit({ id: row.id, phone: this.protector.decrypt(row.phone_enc), body: this.protector.decrypt(row.body_enc), template: row.template });
        outcomes.push({ id: row.id, attempts: row.attempts, out, at: iso(this.clock.now()) });
        result.sent++;
      } catch (err) {
        const retryable = !(err instanceof SmsGatewayError) || err.retryable;
        outcomes.push({ id: row.id, attempts: row.attempts, at: iso(this.clock.now()), error: (err as Error).message ?? String(err), retryable });
        this.log.warn({ sms: row.id, attempts: row.attempts, retryable, err: (err as Error).message }, 'sms hand-over failed');
        result.failed++;
      }
    }
    await db.transaction().execute(async (tx) => {
      const plainSent = outcomes.filter((o) => o.out && !o.out.delivered && !o.out.providerId);
      if (plainSent.length) {
        // the common case (a gateway without ids or instant delivery): one update for all
        const at = plainSent[plainSent.length - 1]!.at;
        await tx.updateTable('sms_outbox').set({ status: 'sent', sent_at: at, delivered_at: null, provider_id: null, error: null, next_attempt_at: null, updated_at: at })
          .where('id', 'in', plainSent.map((o) => o.id)).execute();
      }
      for (const o of outcomes) {
        if (o.out && !o.out.delivered && !o.out.providerId) continue;
        if (o.out) {
          await tx.updateTable('sms_outbox')
            .set({ status: o.out.delivered ? 'delivered' : 'sent', sent_at: o.at, delivered_at: o.out.delivered ? o.at : null, provider_id: o.out.providerId ?? null, error: null, next_attempt_at: null, updated_at: o.at })
            .where('id', '=', o.id).execute();
        } else {
          await this.markFailed(tx, o.id, o.attempts, o.error ?? '', o.retryable ?? true);
        }
      }
    });
    return result;
  }

  private async markFailed(db: DbOrTx, id: string, attempts: number, error: string, retry: boolean): Promise<void> {
    const now = this.clock.now();
    const again = retry && attempts < SMS_MAX_ATTEMPTS;
    await db
      .updateTable('sms_outbox')
      .set({
        status: 'failed',
        error: error.slice(0, 500),
        next_attempt_at: again ? addMinutes(now, SMS_RETRY_MINUTES[Math.min(attempts, SMS_RETRY_MINUTES.length) - 1]!) : null,
        updated_at: iso(now),
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * A delivery report from the gateway. `delivered` is final; `failed` is retried only when the
   * gateway says so and attempts remain; a late `sent` never moves a row backwards.
   */
  async updateStatus(db: DbOrTx, report: SmsDeliveryReport): Promise<boolean> {
    if (!report.id && !report.providerId) return false;
    let q = db.selectFrom('sms_outbox').select(['id', 'status', 'attempts']);
    q = report.id ? q.where('id', '=', report.id) : q.where('provider_id', '=', report.providerId!);
    const row = await q.executeTakeFirst();
    if (!row) return false;
    const at = iso(this.clock.now());
    if (report.status === 'delivered') {
      if (row.status === 'delivered') return true;
      await db
        .updateTable('sms_outbox')
        .set((eb) => ({ status: 'delivered', delivered_at: at, sent_at: eb.fn.coalesce('sent_at', eb.val(at)), error: null, next_attempt_at: null, updated_at: at }))
        .where('id', '=', row.id)
        .execute();
    } else if (report.status === 'failed') {
      if (row.status === 'delivered') return true;
      await this.markFailed(db, row.id, Math.max(1, row.attempts), report.error ?? '网关报告发送失败', report.retry === true);
    } else if (row.status === 'queued') {
      await db.updateTable('sms_outbox').set({ status: 'sent', sent_at: at, next_attempt_at: null, updated_at: at }).where('id', '=', row.id).execute();
    }
    return true;
  }
}
