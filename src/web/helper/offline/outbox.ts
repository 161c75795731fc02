/**
 * The outbox: what a helper records (接单, 联系/上门, 进展, 办结, with photos) is first written to the
 * phone, then sent. With a connection that happens at once; without one (or when the request
 * fails on the way) it waits, shown as 「待上传」, until the connection returns.
 *
 * Rules (issue 14 §3, the helper workspace):
 * - Nothing is lost: a record leaves the phone only after the server has answered that it holds
 *   it. A refusal (409: the request changed meanwhile, 4xx: something is wrong with it) keeps it,
 *   with the server's words, for the helper to correct or discard; later records of the same
 *   request wait behind it, in order. A lost connection, a server error or an ended session stops
 *   the run and keeps everything for the next one.
 * - Nothing is recorded twice: every record and every photo carries its own `clientRef`, made on
 *   the phone when it was written; the server answers a clientRef it already holds with what it
 *   has, recording nothing new (a record whose answer was lost on the way is sent again safely).
 * - Order: records go in the order they were written; a record's photos go before it, and the
 *   record names them by the ids the uploads answered.
 *
 * This file holds the rules only; the storage (IndexedDB, db.ts) and the transport (the API,
 * helperWorkspace.ts) are passed in, so the tests run them against fakes.
 */
import { ApiError } from '../../api/client.js';
import type { HelpRequestStatus } from '../../../shared/assistance.js';

export type RecordKind = 'accept' | 'contact' | 'progress' | 'complete';

export interface QueuedPhoto {
  /** the photo's clientRef: a retried upload gives the same photo */
  ref: string;
  name: string;
  blob: Blob;
  /** the id the server gave it, once uploaded (kept so a retry of the record does not upload it again) */
  uploadedId: string | null;
}

export interface OutboxProblem {
  status: number;
  code: string;
  message: string;
}

export interface OutboxItem {
  /** the record's clientRef (8–100 of A–Z a–z 0–9 _ . : -) */
  ref: string;
  /** the staff account that wrote it: only they send it, only they see it */
  staffId: string;
  requestId: string;
  requestNo: string;
  kind: RecordKind;
  /** contact: how the person was reached */
  method?: 'phone' | 'visit';
  /** progress: this time the helper went to the person's home */
  visit?: boolean;
  note: string;
  /** when it happened (ISO): the moment it was saved, or the time the helper wrote in */
  at: string;
  /** the helper wrote the time in (a record written up later); otherwise `at` is when it was saved */
  atGiven?: boolean;
  photos: QueuedPhoto[];
  /** when it was written on the phone (ISO) */
  createdAt: string;
  /** the order of writing (ties of createdAt broken) */
  seq: number;
  /** waiting: to be sent; failed: the server refused it (see problem) */
  state: 'waiting' | 'failed';
  problem: OutboxProblem | null;
}

export interface OutboxStorage {
  list(staffId: string): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  delete(ref: string): Promise<void>;
}

/** The body of a record as the API takes it (contact, progress, complete; accept has none). */
export interface RecordBody {
  method?: 'phone' | 'visit';
  visit?: boolean;
  note?: string;
  at?: string;
  photoIds?: string[];
  clientRef?: string;
}

export interface OutboxTransport<D = unknown> {
  uploadPhoto(requestId: string, photo: QueuedPhoto): Promise<{ id: string }>;
  /** sends one record; resolves to the request as the server now has it */
  send(kind: RecordKind, requestId: string, body: RecordBody): Promise<D>;
  /** the server's clock now (the browser's, corrected by what the last answers said), in ms */
  serverNow(): number;
}

/** Why a run stopped before the end (null: it went through). */
export type StopReason = 'offline' | 'signed-out' | 'server' | null;

export interface FlushResult<D = unknown> {
  sent: OutboxItem[];
  /** the request as the server answered the last record sent for it */
  details: Map<string, D>;
  refused: OutboxItem[];
  stopped: StopReason;
  /** the words for a stop (the network's or the server's message) */
  message: string;
  /** what still waits or was refused afterwards */
  left: number;
}

/** What an error of a send means for the outbox. */
export function classify(err: unknown): 'offline' | 'signed-out' | 'server' | 'refused' {
  if (!(err instanceof ApiError)) return 'offline';
  if (err.status === 0) return 'offline';
  if (err.status === 401) return 'signed-out';
  // a busy or failing server, the rate limiter, a proxy's timeout: not the record's fault
  if (err.status >= 500 || err.status === 429 || err.status === 408) return 'server';
  return 'refused';
}

/** The server's message, with the fields it names (提交的信息有误：记录的时间不能早于求助提交的时间). */
export function problemWords(e: ApiError): string {
  const fields = e.fieldProblems.map((p) => p.message).filter(Boolean);
  return fields.length ? `${e.message.replace(/[。，；！]$/u, '')}：${fields.join('；')}` : e.message;
}

export const byWriting = (a: Pick<OutboxItem, 'seq'>, b: Pick<OutboxItem, 'seq'>) => a.seq - b.seq;

/** A record that reaches the server within this long of being saved happened "now": it carries no time of its own. */
export const LATE_AFTER_MS = 2 * 60_000;

/**
 * The record's body: its photos by the server's ids; `at` when the helper wrote the time in or the
 * record goes up late (written without signal), never after the server's now (a phone's clock may
 * run ahead).
 */
export function recordBody(item: OutboxItem, serverNow: number): RecordBody {
  if (item.kind === 'accept') return {};
  const atMs = Date.parse(item.at);
  const late = Number.isFinite(atMs) && serverNow - atMs > LATE_AFTER_MS;
  const at = Number.isFinite(atMs) && atMs > serverNow ? new Date(serverNow).toISOString() : item.at;
  const photoIds = item.photos.map((p) => p.uploadedId).filter((id): id is string => id !== null);
  const body: RecordBody = { note: item.note, clientRef: item.ref };
  if (item.atGiven || late) body.at = at;
  if (photoIds.length) body.photoIds = photoIds;
  if (item.kind === 'contact') body.method = item.method ?? 'phone';
  if (item.kind === 'progress') body.visit = item.visit === true;
  return body;
}

/**
 * Sends what waits, in the order written. Each record's photos first (each stored as uploaded
 * once the server answered, so a later run does not upload it again), then the record; then it
 * leaves the outbox. See the file's comment for what stops a run and what keeps a record.
 */
export async function flushOutbox<D>(staffId: string, storage: OutboxStorage, transport: OutboxTransport<D>): Promise<FlushResult<D>> {
  const items = (await storage.list(staffId)).sort(byWriting);
  const held = new Set(items.filter((i) => i.state === 'failed').map((i) => i.requestId));
  const result: FlushResult<D> = { sent: [], details: new Map(), refused: [], stopped: null, message: '', left: 0 };
  for (const item of items) {
    if (item.state === 'failed' || held.has(item.requestId)) continue;
    try {
      for (const photo of item.photos) {
        if (photo.uploadedId !== null) continue;
        const { id } = await transport.uploadPhoto(item.requestId, photo);
        photo.uploadedId = id;
        await storage.put(item);
      }
      const detail = await transport.send(item.kind, item.requestId, recordBody(item, transport.serverNow()));
      await storage.delete(item.ref);
      result.sent.push(item);
      result.details.set(item.requestId, detail);
    } catch (err) {
      const kind = classify(err);
      if (kind === 'refused') {
        const e = err as ApiError;
        const refused: OutboxItem = { ...item, state: 'failed', problem: { status: e.status, code: e.code, message: problemWords(e) } };
        await storage.put(refused);
        result.refused.push(refused);
        // later records of this request would build on the refused one: they wait behind it
        held.add(item.requestId);
        continue;
      }
      result.stopped = kind;
      result.message = err instanceof ApiError ? err.message : '网络连接失败';
      break;
    }
  }
  result.left = (await storage.list(staffId)).length;
  return result;
}

/**
 * The status a request will have once its waiting records are in (what the page lets the helper
 * do next while they wait: contact after a 接单 written offline, …). Refused records count for
 * nothing: the server did not take them.
 */
export function projectedStatus(status: HelpRequestStatus, queued: readonly Pick<OutboxItem, 'kind' | 'state' | 'seq'>[]): HelpRequestStatus {
  let s = status;
  for (const q of [...queued].sort(byWriting)) {
    if (q.state === 'failed') continue;
    if (q.kind === 'accept' && s === 'assigned') s = 'accepted';
    else if (q.kind === 'contact' && s === 'accepted') s = 'contacted';
    else if (q.kind === 'complete' && s === 'contacted') s = 'completed';
  }
  return s;
}

/** What can be recorded in a status (the server's rules: assistance/service.ts). */
export function recordsAllowed(s: HelpRequestStatus): Record<RecordKind, boolean> {
  return {
    accept: s === 'assigned',
    contact: s === 'accepted',
    progress: s === 'accepted' || s === 'contacted',
    complete: s === 'contacted',
  };
}

const REF_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomPart(length: number): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => REF_CHARS[b % REF_CHARS.length]).join('');
}

/** A new clientRef for a record: `hw-` + the time + random letters (unique per phone and far beyond). */
export const newRecordRef = (now = Date.now()): string => `hw-${now.toString(36)}-${randomPart(12)}`;
/** A photo's clientRef, under its record's. */
export const newPhotoRef = (recordRef: string): string => `${recordRef}.p${randomPart(6)}`;

let lastSeq = 0;
/** The order of writing: milliseconds, kept increasing within a page. */
export function nextSeq(now = Date.now()): number {
  lastSeq = Math.max(now, lastSeq + 1);
  return lastSeq;
}
