/**
 * The SMS outbox as a queue with delivery status: queued in the caller's transaction, handed to
 * the gateway after commit, retried with backoff when the gateway fails, updated by the gateway's
 * delivery reports; and the in-process jobs that drive it and the daily warning scan.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxSmsSender, SMS_MAX_ATTEMPTS, SmsGatewayError, type SmsGateway, type SmsMessage } from '../../platform/sms.js';
import { createTestApp, type TestApp } from '../../testing.js';
import { startNotificationJobs, WARNINGS_META_KEY } from './jobs.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.deps.dbh.db.deleteFrom('sms_outbox').execute();
});

/** A gateway that answers from a script: 'ok', 'delivered', 'busy' (retryable) or 'bad' (permanent). */
class ScriptedGateway implements SmsGateway {
  readonly name = 'scripted';
  sent: (SmsMessage & { id: string })[] = [];
  constructor(public script: ('ok' | 'delivered' | 'busy' | 'bad')[]) {}
  async transmit(m: SmsMessage & { id: string }) {
    const next = this.script.shift() ?? 'ok';
    if (next === 'busy') throw new SmsGatewayError('网关繁忙（限流）', true);
    if (next === 'bad') throw new SmsGatewayError('号码不存在', false);
    this.sent.push(m);
    return { providerId: `p-${this.sent.length}`, delivered: next === 'delivered' };
  }
}

const sender = (gw: SmsGateway) => new OutboxSmsSender(t.deps.protector, t.clock, pino({ level: 'silent' }), gw);
const row = (id: string) => t.deps.dbh.db.selectFrom('sms_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const queue = (s: OutboxSmsSender, body = '【邹城市政务服务】测试短信') => t.deps.dbh.db.transaction().execute((tx) => s.send(tx, { phone: '13800000009', template: 'test', body }));

describe('outbox sender', () => {
  it('queues inside the transaction: a rollback leaves no row', async () => {
    const s = sender(new ScriptedGateway([]));
    await expect(t.deps.dbh.db.transaction().execute(async (tx) => {
      await s.send(tx, { phone: '13800000009', template: 'test', body: 'x' });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await t.deps.dbh.db.selectFrom('sms_outbox').selectAll().execute()).toEqual([]);
  });

  it('hands a queued row to the gateway once, records the gateway id, and takes its delivery report', async () => {
    const gw = new ScriptedGateway(['ok']);
    const s = sender(gw);
    const { id } = await queue(s);
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 0, phone_masked: '138****0009', sender: 'scripted' });
    expect(await s.dispatch(t.deps.dbh.db)).toEqual({ sent: 1, failed: 0 });
    expect(gw.sent).toEqual([{ id, phone: '13800000009', template: 'test', body: '【邹城市政务服务】测试短信' }]);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, provider_id: 'p-1', next_attempt_at: null, sent_at: expect.any(String) });
    expect(await s.dispatch(t.deps.dbh.db)).toEqual({ sent: 0, failed: 0 });

    t.clock.advanceMinutes(1);
    expect(await s.updateStatus(t.deps.dbh.db, { providerId: 'p-1', status: 'delivered' })).toBe(true);
    const delivered = await row(id);
    expect(delivered).toMatchObject({ status: 'delivered', delivered_at: expect.any(String) });
    expect(delivered.sent_at! < delivered.delivered_at!).toBe(true);
    // a late "sent" or "failed" report does not move it back
    await s.updateStatus(t.deps.dbh.db, { id, status: 'sent' });
    await s.updateStatus(t.deps.dbh.db, { id, status: 'failed', error: 'x' });
    expect((await row(id)).status).toBe('delivered');
    expect(await s.updateStatus(t.deps.dbh.db, { providerId: 'nobody', status: 'delivered' })).toBe(false);
  });

  it('retries a busy gateway after 1, 5, 30, 120 minutes and gives up after the fifth attempt', async () => {
    const gw = new ScriptedGateway(['busy', 'busy', 'busy', 'busy', 'busy', 'ok']);
    const s = sender(gw);
    const { id } = await queue(s);
    const waits = [1, 5, 30, 120];
    for (let attempt = 1; attempt <= SMS_MAX_ATTEMPTS; attempt++) {
      expect(await s.dispatch(t.deps.dbh.db)).toEqual({ sent: 0, failed: 1 });
      const r = await row(id);
      expect(r).toMatchObject({ status: 'failed', attempts: attempt, error: '网关繁忙（限流）' });
      if (attempt === SMS_MAX_ATTEMPTS) {
        expect(r.next_attempt_at).toBeNull();
        break;
      }
      const wait = waits[attempt - 1]!;
      expect(Date.parse(r.next_attempt_at!) - t.clock.now().getTime()).toBe(wait * 60_000);
      t.clock.advanceMinutes(wait - 1);
      expect(await s.dispatch(t.deps.dbh.db)).toEqual({ sent: 0, failed: 0 }); // not yet due
      t.clock.advanceMinutes(1);
    }
    t.clock.advanceMinutes(24 * 60);
    expect(await s.dispatch(t.deps.dbh.db)).toEqual({ sent: 0, failed: 0 });
    expect(gw.sent).toEqual([]);
  });

  it('does not retry a permanent failure, but does when a delivery report asks for it', async () => {
    const s = sender(new ScriptedGateway(['bad', 'ok']));
    const { id } = await queue(s);
    await s.dispatch(t.deps.dbh.db);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, error: '号码不存在', next_attempt_at: null });

    const again = sender(new ScriptedGateway(['ok', 'ok']));
    const second = await queue(again);
    await again.dispatch(t.deps.dbh.db);
    await again.updateStatus(t.deps.dbh.db, { id: second.id, status: 'failed', error: '终端关机', retry: true });
    expect(await row(second.id)).toMatchObject({ status: 'failed', error: '终端关机', next_attempt_at: expect.any(String) });
    t.clock.advanceMinutes(1);
    expect(await again.dispatch(t.deps.dbh.db)).toEqual({ sent: 1, failed: 0 });
    expect(await row(second.id)).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });

  it('two dispatchers never send the same row twice', async () => {
    const gw = new ScriptedGateway([]);
    const a = sender(gw);
    const b = sender(gw);
    for (let i = 0; i < 5; i++) await queue(a, `第${i}条`);
    const [ra, rb] = await Promise.all([a.dispatch(t.deps.dbh.db), b.dispatch(t.deps.dbh.db)]);
    expect(ra.sent + rb.sent).toBe(5);
    expect(gw.sent.map((m) => m.body).sort()).toEqual(['第0条', '第1条', '第2条', '第3条', '第4条']);
  });
});

describe('jobs', () => {
  it('dispatches soon after a row is queued (the default sender logs and marks it sent)', async () => {
    const jobs = startNotificationJobs(t.deps, t.services.notifications, { dispatchEveryMs: 60_000, warningCheckEveryMs: 60_000 });
    try {
      const { id } = await t.deps.dbh.db.transaction().execute((tx) => t.deps.sms.send(tx, { phone: '13800000009', template: 'test', body: 'x' }));
      await expect.poll(async () => (await row(id)).status, { timeout: 5000 }).toBe('sent');
    } finally {
      await jobs.stop();
    }
    expect(t.deps.sms.onQueued).toBeUndefined();
  });

  it('runs the warning scan once per working day, from 08:00 China time', async () => {
    const jobs = startNotificationJobs(t.deps, t.services.notifications, { dispatchEveryMs: 60_000, warningCheckEveryMs: 60_000 });
    const meta = () => t.deps.dbh.db.selectFrom('meta').select('value').where('key', '=', WARNINGS_META_KEY).executeTakeFirst();
    const setClock = (instant: string) => t.clock.advanceMinutes((Date.parse(instant) - t.clock.now().getTime()) / 60_000);
    try {
      setClock('2026-12-01T23:30:00.000Z'); // Wednesday 2 December, 07:30 in China
      expect(await jobs.warningsIfDue()).toBe(false);
      setClock('2026-12-02T00:05:00.000Z'); // 08:05
      expect(await jobs.warningsIfDue()).toBe(true);
      expect(await meta()).toEqual({ value: '2026-12-02' });
      expect(await jobs.warningsIfDue()).toBe(false);
      setClock('2026-12-05T02:00:00.000Z'); // Saturday
      expect(await jobs.warningsIfDue()).toBe(false);
      setClock('2026-12-07T01:00:00.000Z'); // Monday
      expect(await jobs.warningsIfDue()).toBe(true);
      expect(await meta()).toEqual({ value: '2026-12-07' });
    } finally {
      await jobs.stop();
    }
  });
});
