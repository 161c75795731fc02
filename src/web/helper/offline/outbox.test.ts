/**
 * The helper workspace's outbox: records written on the phone (IndexedDB, here fake-indexeddb,
 * photos as Blobs) are sent in the order written, photos before their record; a lost connection,
 * a server error or an ended session stops a run and loses nothing; a refusal keeps the record
 * with the server's words and holds back the later records of the same request only; a record
 * whose answer was lost is sent again with the same clientRef, which the (fake) server records
 * once. Also: which records a status allows once the waiting ones are in, and a phone's clock
 * running ahead.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { closeHelperDb, outboxStore, snapshotStore } from './db.js';
import {
  classify, flushOutbox, newPhotoRef, newRecordRef, problemWords, projectedStatus, recordBody, recordsAllowed,
  type OutboxItem, type OutboxStorage, type OutboxTransport, type QueuedPhoto, type RecordBody, type RecordKind,
} from './outbox.js';

const storage: OutboxStorage = {
  list: (staffId) => outboxStore.list<OutboxItem>(staffId),
  put: (item) => outboxStore.put(item),
  delete: (ref) => outboxStore.delete(ref),
};

const STAFF = 'staff-liu';
const T0 = Date.parse('2026-11-27T02:00:00.000Z');
let seq = 0;

function record(requestId: string, kind: RecordKind, changes: Partial<OutboxItem> = {}): OutboxItem {
  const ref = newRecordRef(T0 + seq);
  seq += 1;
  return {
    ref, staffId: STAFF, requestId, requestNo: `BB${requestId}`, kind, note: `${kind} of ${requestId}`, at: new Date(T0 + seq * 60_000).toISOString(),
    photos: [], createdAt: new Date(T0 + seq * 1000).toISOString(), seq, state: 'waiting', problem: null, ...(kind === 'contact' ? { method: 'visit' as const } : {}), ...changes,
  };
}

const photo = (recordRef: string, text: string): QueuedPhoto => ({ ref: newPhotoRef(recordRef), name: `${text}.jpg`, blob: new Blob([text], { type: 'image/jpeg' }), uploadedId: null });

interface Call {
  what: 'photo' | RecordKind;
  requestId: string;
  ref?: string;
  body?: RecordBody;
  bytes?: string;
}

/**
 * A server as the contract says: photos and records by clientRef (the same ref again records
 * nothing new and answers as before); `fail` makes the next matching call fail in a given way,
 * after (`afterWork`) or before the server did the work.
 */
class FakeServer implements OutboxTransport<{ requestId: string; records: number }> {
  calls: Call[] = [];
  photos = new Map<string, string>();
  records = new Map<string, { requestId: string; kind: RecordKind; body: RecordBody }>();
  failures: { when: (c: Call) => boolean; error: ApiError; afterWork?: boolean }[] = [];
  now = T0 + 3_600_000;

  private check(call: Call, work: () => void) {
    this.calls.push(call);
    const i = this.failures.findIndex((f) => f.when(call));
    const failure = i >= 0 ? this.failures.splice(i, 1)[0]! : null;
    if (failure && !failure.afterWork) throw failure.error;
    work();
    if (failure) throw failure.error;
  }

  async uploadPhoto(requestId: string, p: QueuedPhoto) {
    const bytes = await p.blob.text();
    let id = '';
    this.check({ what: 'photo', requestId, ref: p.ref, bytes }, () => {
      id = this.photos.get(p.ref) ?? `photo-${this.photos.size + 1}`;
      this.photos.set(p.ref, id);
    });
    return { id };
  }

  async send(kind: RecordKind, requestId: string, body: RecordBody) {
    this.check({ what: kind, requestId, ref: body.clientRef, body }, () => {
      const key = body.clientRef ?? `${kind}:${requestId}`;
      if (!this.records.has(key)) this.records.set(key, { requestId, kind, body });
    });
    return { requestId, records: [...this.records.values()].filter((r) => r.requestId === requestId).length };
  }

  serverNow() {
    return this.now;
  }
}

beforeEach(async () => {
  await closeHelperDb();
  // a fresh, empty database for every test
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => closeHelperDb());

describe('the outbox on the phone', () => {
  it('keeps records with their photos as Blobs, per person', async () => {
    const a = record('r1', 'contact');
    a.photos = [photo(a.ref, 'front door')];
    await storage.put(a);
    await storage.put({ ...record('r2', 'progress'), staffId: 'someone-else' });
    const mine = await storage.list(STAFF);
    expect(mine.map((i) => i.ref)).toEqual([a.ref]);
    const stored = mine[0]!.photos[0]!;
    expect(stored.blob).toBeInstanceOf(Blob);
    expect(stored.blob.type).toBe('image/jpeg');
    expect(await stored.blob.text()).toBe('front door');
  });

  it('sends in the order written, each record after its photos, naming them; then the outbox is empty', async () => {
    const server = new FakeServer();
    const contact = record('r1', 'contact');
    contact.photos = [photo(contact.ref, 'one'), photo(contact.ref, 'two')];
    const later = record('r1', 'progress', { visit: true });
    const other = record('r2', 'progress');
    // written to the store out of order: the order of writing (seq) decides
    for (const i of [other, later, contact]) await storage.put(i);

    const result = await flushOutbox(STAFF, storage, server);

    expect(result).toMatchObject({ stopped: null, left: 0 });
    expect(result.sent.map((i) => i.ref)).toEqual([contact.ref, later.ref, other.ref]);
    expect(server.calls.map((c) => `${c.what}:${c.requestId}`)).toEqual(['photo:r1', 'photo:r1', 'contact:r1', 'progress:r1', 'progress:r2']);
    expect(server.calls.slice(0, 2).map((c) => c.bytes)).toEqual(['one', 'two']);
    expect(server.calls[2]!.body).toEqual({ method: 'visit', note: contact.note, at: contact.at, clientRef: contact.ref, photoIds: ['photo-1', 'photo-2'] });
    expect(server.calls[3]!.body).toMatchObject({ visit: true, clientRef: later.ref });
    expect(server.calls[3]!.body).not.toHaveProperty('photoIds');
    expect(result.details.get('r1')).toEqual({ requestId: 'r1', records: 2 });
    expect(await storage.list(STAFF)).toEqual([]);
  });

  it('a lost connection stops the run and loses nothing; the photo already up is not sent again', async () => {
    const server = new FakeServer();
    const contact = record('r1', 'contact');
    contact.photos = [photo(contact.ref, 'one'), photo(contact.ref, 'two')];
    const other = record('r2', 'progress');
    await storage.put(contact);
    await storage.put(other);
    server.failures.push({ when: (c) => c.what === 'photo' && c.bytes === 'two', error: new ApiError(0, 'NETWORK_ERROR', '网络连接失败') });

    const first = await flushOutbox(STAFF, storage, server);
    expect(first).toMatchObject({ stopped: 'offline', message: '网络连接失败', left: 2, sent: [] });
    const kept = await storage.list(STAFF);
    expect(kept.map((i) => i.ref).sort()).toEqual([contact.ref, other.ref].sort());
    expect(kept.find((i) => i.ref === contact.ref)!.photos.map((p) => p.uploadedId)).toEqual(['photo-1', null]);

    const second = await flushOutbox(STAFF, storage, server);
    expect(second).toMatchObject({ stopped: null, left: 0 });
    expect(server.calls.filter((c) => c.what === 'photo').map((c) => c.bytes)).toEqual(['one', 'two', 'two']);
    expect([...server.records.values()].map((r) => r.kind)).toEqual(['contact', 'progress']);
  });

  it('a record whose answer was lost is sent again with the same clientRef, and the server holds it once', async () => {
    const server = new FakeServer();
    const progress = record('r1', 'progress');
    await storage.put(progress);
    // the server recorded it, but the answer never reached the phone
    server.failures.push({ when: (c) => c.what === 'progress', error: new ApiError(0, 'NETWORK_ERROR', '网络连接失败'), afterWork: true });

    expect(await flushOutbox(STAFF, storage, server)).toMatchObject({ stopped: 'offline', left: 1 });
    expect(await flushOutbox(STAFF, storage, server)).toMatchObject({ stopped: null, left: 0 });

    const sends = server.calls.filter((c) => c.what === 'progress');
    expect(sends.map((c) => c.ref)).toEqual([progress.ref, progress.ref]);
    expect(server.records.size).toBe(1);
  });

  it('a refused record stays with the server’s words and holds back only the later records of its request; corrected, it goes first', async () => {
    const server = new FakeServer();
    const contact = record('r1', 'contact');
    const after = record('r1', 'progress');
    const other = record('r2', 'progress');
    for (const i of [contact, after, other]) await storage.put(i);
    server.failures.push({ when: (c) => c.what === 'contact', error: new ApiError(409, 'HELP_REQUEST_WRONG_STATUS', '该求助当前为「已取消」，不能再记录首次联系') });

    const result = await flushOutbox(STAFF, storage, server);
    expect(result.stopped).toBeNull();
    expect(result.sent.map((i) => i.ref)).toEqual([other.ref]);
    expect(result.refused.map((i) => i.ref)).toEqual([contact.ref]);
    const kept = await storage.list(STAFF);
    expect(kept.map((i) => [i.ref, i.state]).sort()).toEqual([[contact.ref, 'failed'], [after.ref, 'waiting']].sort());
    expect(kept.find((i) => i.ref === contact.ref)!.problem).toEqual({ status: 409, code: 'HELP_REQUEST_WRONG_STATUS', message: '该求助当前为「已取消」，不能再记录首次联系' });
    expect(server.calls.some((c) => c.ref === after.ref)).toBe(false);

    // a second run sends nothing more while the refused one stands
    const again = await flushOutbox(STAFF, storage, server);
    expect(again.sent).toEqual([]);
    expect(again.left).toBe(2);

    // the helper corrects it: it goes, then the one behind it
    const refused = kept.find((i) => i.ref === contact.ref)!;
    await storage.put({ ...refused, note: '改正后的记录', state: 'waiting', problem: null });
    const fixed = await flushOutbox(STAFF, storage, server);
    expect(fixed.sent.map((i) => i.ref)).toEqual([contact.ref, after.ref]);
    expect(server.records.get(contact.ref)!.body.note).toBe('改正后的记录');
    expect(await storage.list(STAFF)).toEqual([]);
  });

  it('an ended session or a failing server stops the run and keeps every record as it was', async () => {
    for (const [error, stopped] of [
      [new ApiError(401, 'UNAUTHENTICATED', '请先登录'), 'signed-out'],
      [new ApiError(503, 'DATABASE_BUSY', '系统繁忙，请稍后再试'), 'server'],
      [new ApiError(429, 'RATE_LIMITED', '操作过于频繁，请稍后再试'), 'server'],
    ] as const) {
      await closeHelperDb();
      globalThis.indexedDB = new IDBFactory();
      const server = new FakeServer();
      const a = record('r1', 'accept');
      const b = record('r1', 'contact');
      await storage.put(a);
      await storage.put(b);
      server.failures.push({ when: (c) => c.what === 'accept', error });
      const result = await flushOutbox(STAFF, storage, server);
      expect(result, error.code).toMatchObject({ stopped, message: error.message, left: 2, sent: [], refused: [] });
      expect((await storage.list(STAFF)).every((i) => i.state === 'waiting' && i.problem === null), error.code).toBe(true);
    }
  });

  it('sends only the signed-in person’s records', async () => {
    const server = new FakeServer();
    await storage.put({ ...record('r9', 'progress'), staffId: 'someone-else' });
    const mine = record('r1', 'progress');
    await storage.put(mine);
    const result = await flushOutbox(STAFF, storage, server);
    expect(result.sent.map((i) => i.ref)).toEqual([mine.ref]);
    expect(server.calls.map((c) => c.requestId)).toEqual(['r1']);
    expect(await storage.list('someone-else')).toHaveLength(1);
  });
});

describe('what a record says', () => {
  it('dates a record only when its time was written in or it goes up late, never after the server’s now; accept has no body', () => {
    const saved = record('r1', 'progress', { at: '2026-11-27T05:00:00.000Z' });
    // sent as it was saved: it happened when the server receives it
    expect(recordBody(saved, Date.parse('2026-11-27T05:01:00.000Z'))).not.toHaveProperty('at');
    // sent an hour later (written without signal): it keeps its time
    expect(recordBody(saved, Date.parse('2026-11-27T06:00:00.000Z')).at).toBe('2026-11-27T05:00:00.000Z');
    // a time written in by the helper always goes, but never after the server's now (a phone clock running ahead)
    const given = { ...saved, atGiven: true };
    expect(recordBody(given, Date.parse('2026-11-27T05:00:30.000Z')).at).toBe('2026-11-27T05:00:00.000Z');
    expect(recordBody(given, Date.parse('2026-11-27T04:00:00.000Z')).at).toBe('2026-11-27T04:00:00.000Z');
    expect(recordBody(record('r1', 'accept'), T0)).toEqual({});
    expect(recordBody(record('r1', 'complete'), T0)).not.toHaveProperty('method');
  });

  it('makes clientRefs the server takes, never the same twice', () => {
    const refs = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const r = newRecordRef(T0);
      const p = newPhotoRef(r);
      for (const ref of [r, p]) expect(ref).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
      refs.add(r).add(p);
    }
    expect(refs.size).toBe(1000);
  });

  it('tells a refusal from a lost connection, an ended session and a failing server', () => {
    expect(classify(new ApiError(0, 'NETWORK_ERROR', ''))).toBe('offline');
    expect(classify(new DOMException('timed out', 'AbortError'))).toBe('offline');
    expect(classify(new ApiError(401, 'UNAUTHENTICATED', ''))).toBe('signed-out');
    expect(classify(new ApiError(500, 'INTERNAL_ERROR', ''))).toBe('server');
    for (const status of [400, 403, 404, 409, 413]) expect(classify(new ApiError(status, 'X', ''))).toBe('refused');
  });

  it('keeps what the server said about each field with a refusal', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', '提交的信息有误，请检查后重试', [{ field: 'at', message: '记录的时间不能早于求助提交的时间' }]);
    expect(problemWords(e)).toBe('提交的信息有误，请检查后重试：记录的时间不能早于求助提交的时间');
    expect(problemWords(new ApiError(409, 'HELP_REQUEST_CHANGED', '该求助刚有新的变化，请刷新后再操作'))).toBe('该求助刚有新的变化，请刷新后再操作');
  });
});

describe('the status while records wait', () => {
  const w = (kind: RecordKind, s: number, state: OutboxItem['state'] = 'waiting') => ({ kind, seq: s, state });

  it('moves on by the waiting records in the order written; refused ones count for nothing', () => {
    expect(projectedStatus('assigned', [])).toBe('assigned');
    expect(projectedStatus('assigned', [w('contact', 2), w('accept', 1)])).toBe('contacted');
    expect(projectedStatus('assigned', [w('accept', 1, 'failed'), w('contact', 2)])).toBe('assigned');
    expect(projectedStatus('contacted', [w('progress', 1), w('complete', 2)])).toBe('completed');
    // the server's status moved past them (a coordinator cancelled): they change nothing
    expect(projectedStatus('cancelled', [w('contact', 1)])).toBe('cancelled');
  });

  it('allows what the server allows in each status', () => {
    expect(recordsAllowed('assigned')).toEqual({ accept: true, contact: false, progress: false, complete: false });
    expect(recordsAllowed('accepted')).toEqual({ accept: false, contact: true, progress: true, complete: false });
    expect(recordsAllowed('contacted')).toEqual({ accept: false, contact: false, progress: true, complete: true });
    for (const s of ['completed', 'cancelled', 'unassigned'] as const) expect(Object.values(recordsAllowed(s)).some(Boolean)).toBe(false);
  });
});

describe('stored answers', () => {
  it('drops another person’s copies and keeps one’s own', async () => {
    await snapshotStore.put({ key: 'a:list', staffId: 'a', savedAt: '2026-11-27T02:00:00.000Z', value: { items: [1] } });
    await snapshotStore.put({ key: 'a:task:1', staffId: 'a', savedAt: '2026-11-27T02:00:00.000Z', value: { id: 1 } });
    await snapshotStore.put({ key: 'b:list', staffId: 'b', savedAt: '2026-11-27T02:00:00.000Z', value: { items: [] } });
    await snapshotStore.deleteOthers('b');
    expect(await snapshotStore.keys('a')).toEqual([]);
    expect(await snapshotStore.keys('b')).toEqual(['b:list']);
    expect((await snapshotStore.get<{ items: unknown[] }>('b:list'))!.value).toEqual({ items: [] });
  });
});
