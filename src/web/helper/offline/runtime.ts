/**
 * The outbox on this phone, for the pages: what waits (kept in step across tabs), writing a record
 * into it, sending what waits (one run at a time, in this tab and across tabs), and what the last
 * run did. The rules of sending are outbox.ts's; the storage is db.ts's.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { serverClockSkew } from '../../api/client.js';
import { helperApi, type HelpTask } from '../../api/helperWorkspace.js';
import { outboxStore } from './db.js';
import { byWriting, flushOutbox, type FlushResult, type OutboxItem, type OutboxStorage, type OutboxTransport, type StopReason } from './outbox.js';

const storage: OutboxStorage = {
  list: (staffId) => outboxStore.list<OutboxItem>(staffId),
  put: (item) => outboxStore.put(item),
  delete: (ref) => outboxStore.delete(ref),
};

/** A request that has not answered in this long is taken as lost (a village's signal comes and goes); a retry is safe. */
const RECORD_TIMEOUT_MS = 30_000;
const PHOTO_TIMEOUT_MS = 120_000;

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), ms);
  try {
    return await run(controller.signal);
  } finally {
    window.clearTimeout(timer);
  }
}

const transport: OutboxTransport<HelpTask> = {
  uploadPhoto: (requestId, photo) => withTimeout(PHOTO_TIMEOUT_MS, (signal) => helperApi.uploadPhoto(requestId, photo, signal)),
  send: (kind, requestId, body) =>
    withTimeout(RECORD_TIMEOUT_MS, (signal) => (kind === 'accept' ? helperApi.accept(requestId, signal) : helperApi[kind](requestId, body, signal))),
  serverNow: () => Date.now() + serverClockSkew(),
};

export interface LastRun {
  at: number;
  sent: number;
  refused: number;
  stopped: StopReason;
  message: string;
}

export interface OutboxState {
  staffId: string | null;
  /** this person's records on the phone, in the order written */
  items: OutboxItem[];
  loaded: boolean;
  sending: boolean;
  last: LastRun | null;
  /** the phone refused to store (private mode, storage full) */
  storageError: string | null;
}

let state: OutboxState = { staffId: null, items: [], loaded: false, sending: false, last: null, storageError: null };
const listeners = new Set<() => void>();

function setState(change: Partial<OutboxState>): void {
  state = { ...state, ...change };
  for (const l of listeners) l();
}

const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('bianmin-helper-outbox');
if (channel) {
  channel.onmessage = () => {
    if (state.staffId) void reloadOutbox(state.staffId);
  };
}

/** Reads this person's outbox from the phone again. */
export async function reloadOutbox(staffId: string): Promise<void> {
  try {
    const items = (await storage.list(staffId)).sort(byWriting);
    // another person signed in meanwhile: theirs is read by their own call
    if (state.staffId !== null && state.staffId !== staffId) return;
    setState({ staffId, items, loaded: true, storageError: null });
  } catch (err) {
    setState({ staffId, loaded: true, storageError: storageWords(err) });
  }
}

const storageWords = (err: unknown) => `手机未能保存记录（${err instanceof Error ? err.message : String(err)}）`;

async function changed(staffId: string): Promise<void> {
  channel?.postMessage('changed');
  await reloadOutbox(staffId);
}

let persistAsked = false;
/** Asks the browser not to clear the stored records when the phone runs short of space. */
function askToPersist(): void {
  if (persistAsked) return;
  persistAsked = true;
  void navigator.storage?.persist?.().catch(() => undefined);
}

/** Writes a record (new, or corrected after a refusal) to the phone; resolves once it is stored. */
export async function putRecord(item: OutboxItem): Promise<void> {
  await storage.put(item);
  askToPersist();
  await changed(item.staffId);
}

/** Discards a record the helper chose to give up (a refused one, or one not wanted any more). */
export async function discardRecord(item: OutboxItem): Promise<void> {
  await storage.delete(item.ref);
  await changed(item.staffId);
}

type SentListener = (result: FlushResult<HelpTask>) => void;
const sentListeners = new Set<SentListener>();

/** Told after every run (the pages put the requests as answered into their caches). */
export function onOutboxRun(listener: SentListener): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

let running: Promise<FlushResult<HelpTask> | null> | null = null;
let again = false;

/** One run at a time across this phone's tabs, where the browser can say so (Web Locks). */
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? (locks.request('bianmin-helper-outbox', work) as Promise<T>) : work();
}

/**
 * Sends what waits now. A call while a run goes on asks for one more run after it (a record
 * written meanwhile goes too) and resolves with that run's result. Without a connection
 * (navigator.onLine false) nothing is tried.
 */
export function sendOutbox(staffId: string): Promise<FlushResult<HelpTask> | null> {
  if (running) {
    again = true;
    return running;
  }
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    setState({ last: { at: Date.now(), sent: 0, refused: 0, stopped: 'offline', message: '当前没有网络' } });
    return Promise.resolve(null);
  }
  running = (async () => {
    let result: FlushResult<HelpTask> | null = null;
    setState({ sending: true });
    try {
      do {
        again = false;
        result = await exclusive(() => flushOutbox(staffId, storage, transport));
        await changed(staffId);
        for (const l of sentListeners) l(result);
        setState({ last: { at: Date.now(), sent: result.sent.length, refused: result.refused.length, stopped: result.stopped, message: result.message } });
      } while (again && result.stopped === null);
    } catch (err) {
      setState({ storageError: storageWords(err) });
    } finally {
      running = null;
      setState({ sending: false });
    }
    return result;
  })();
  return running;
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The outbox of the signed-in helper (loaded from the phone on first use). */
export function useOutbox(staffId: string): OutboxState {
  const s = useSyncExternalStore(subscribe, () => state, () => state);
  useEffect(() => {
    if (state.staffId !== staffId || !state.loaded) {
      setState({ staffId, items: [], loaded: false });
      void reloadOutbox(staffId);
    }
  }, [staffId]);
  return s.staffId === staffId ? s : { ...s, items: [], loaded: false };
}
