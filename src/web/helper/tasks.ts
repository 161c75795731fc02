/**
 * The helper's tasks as the pages read them: from the server when it answers, else from the
 * last answer stored on the phone (offline/db.ts), said so on the page with when it was fetched.
 * Every fresh answer is stored again; the open tasks are fetched and stored as soon as the list
 * is, so a helper who set off with signal can read every task of theirs in a village without it.
 *
 * The query keys carry the staff id: one person's cached tasks are never shown to another.
 */
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { hasSessionCookie } from '../api/client.js';
import { helperApi, type HelpTask, type HelpTaskItem, type HelpTaskList } from '../api/helperWorkspace.js';
import { isOpenHelpStatus } from '../../shared/assistance.js';
import { snapshotStore } from './offline/db.js';
import { classify } from './offline/outbox.js';

/** An answer and where it came from. */
export interface Cached<T> {
  value: T;
  /** when the server gave it (ISO) */
  savedAt: string;
  /** true: read from the phone because the server could not be reached */
  fromDevice: boolean;
}

/** A read that has not answered in this long falls back to the phone's copy (a weak signal can hang for minutes). */
const READ_TIMEOUT_MS = 12_000;

const listKey = (staffId: string) => `${staffId}:list`;
const taskKey = (staffId: string, id: string) => `${staffId}:task:${id}`;

/** The server's answer, stored; or, when the server cannot be reached, the stored one. */
async function cachedRead<T>(staffId: string, key: string, fetch: (signal: AbortSignal) => Promise<T>, outer: AbortSignal): Promise<Cached<T>> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  outer.addEventListener('abort', abort);
  const timer = window.setTimeout(abort, READ_TIMEOUT_MS);
  try {
    const value = await fetch(controller.signal);
    const savedAt = new Date().toISOString();
    // Storing may fail (private mode, a full phone): the page still shows the answer.
    await snapshotStore.put({ key, staffId, savedAt, value }).catch(() => undefined);
    return { value, savedAt, fromDevice: false };
  } catch (err) {
    const why = classify(err);
    if (why === 'offline' || why === 'server') {
      const stored = await snapshotStore.get<T>(key).catch(() => undefined);
      if (stored && stored.staffId === staffId) return { value: stored.value, savedAt: stored.savedAt, fromDevice: true };
    }
    throw err;
  } finally {
    window.clearTimeout(timer);
    outer.removeEventListener('abort', abort);
  }
}

export const taskQueries = {
  all: (staffId: string) => ['helper-workspace', staffId] as const,
  list: (staffId: string) =>
    queryOptions({
      queryKey: ['helper-workspace', staffId, 'list'] as const,
      queryFn: ({ signal }) => cachedRead<HelpTaskList>(staffId, listKey(staffId), (s) => helperApi.list(s), signal),
      // the phone's copy is the fallback: retrying a lost connection would only delay it
      retry: false,
      // Read even when the browser says it is offline: cachedRead answers from the phone then.
      // React Query's default pauses the read until the connection returns, and the list stayed
      // at 正在读取我的任务… on a phone that lost its signal with the page open.
      networkMode: 'always',
      staleTime: 30_000,
    }),
  one: (staffId: string, id: string) =>
    queryOptions({
      queryKey: ['helper-workspace', staffId, 'task', id] as const,
      queryFn: ({ signal }) => cachedRead<HelpTask>(staffId, taskKey(staffId, id), (s) => helperApi.get(id, s), signal),
      retry: false,
      networkMode: 'always',
      staleTime: 30_000,
    }),
};

/**
 * A request as the server just answered it (a record sent, consent given): shown and stored at
 * once — its page, and its row of the list (which may not be asked again before the signal goes).
 */
export async function rememberTask(queryClient: QueryClient, staffId: string, task: HelpTask): Promise<void> {
  const savedAt = new Date().toISOString();
  queryClient.setQueryData(taskQueries.one(staffId, task.id).queryKey, { value: task, savedAt, fromDevice: false });
  await snapshotStore.put({ key: taskKey(staffId, task.id), staffId, savedAt, value: task }).catch(() => undefined);
  const listed = queryClient.getQueryData(taskQueries.list(staffId).queryKey) ?? (await snapshotStore.get<HelpTaskList>(listKey(staffId)).catch(() => undefined));
  if (!listed || !listed.value.items.some((i) => i.id === task.id)) return;
  const value: HelpTaskList = { ...listed.value, items: listed.value.items.map((i) => (i.id === task.id ? asListItem(i, task) : i)) };
  queryClient.setQueryData(taskQueries.list(staffId).queryKey, (old) => (old ? { ...old, value } : old));
  await snapshotStore.put({ key: listKey(staffId), staffId, savedAt: listed.savedAt, value }).catch(() => undefined);
}

/** A list row brought up to date from the request's detail (the detail holds every field of the row). */
function asListItem(row: HelpTaskItem, task: HelpTask): HelpTaskItem {
  const fresh = { ...row } as Record<string, unknown>;
  for (const key of Object.keys(row)) fresh[key] = (task as unknown as Record<string, unknown>)[key];
  // the row's name stays masked, as lists always are
  return { ...(fresh as HelpTaskItem), subjectName: row.subjectName, subjectPhone: row.subjectPhone };
}

/**
 * After a fresh list: the stored copies of tasks no longer on it go (finished long ago, given to
 * someone else), and each open task is fetched once (and so stored) unless its copy is recent.
 */
export async function keepTasksForOffline(queryClient: QueryClient, staffId: string, list: HelpTaskList): Promise<void> {
  const listed = new Set(list.items.map((i) => i.id));
  const keys = await snapshotStore.keys(staffId).catch(() => [] as string[]);
  for (const key of keys) {
    const id = key.startsWith(`${staffId}:task:`) ? key.slice(`${staffId}:task:`.length) : null;
    if (id !== null && !listed.has(id)) await snapshotStore.delete(key).catch(() => undefined);
  }
  for (const item of list.items) {
    if (!isOpenHelpStatus(item.status)) continue;
    const stored = await snapshotStore.get<HelpTask>(taskKey(staffId, item.id)).catch(() => undefined);
    // the stored copy is as new as the list says the request is
    if (stored && stored.value.version === item.version) continue;
    await queryClient.prefetchQuery(taskQueries.one(staffId, item.id)).catch(() => undefined);
  }
}

/** Another person's copies on this phone go as soon as someone else is signed in. */
export const forgetOtherPeople = (staffId: string) => snapshotStore.deleteOthers(staffId).catch(() => undefined);

const LAST_HELPER_KEY = 'bianmin.helper.last';

export interface KnownHelper {
  id: string;
  name: string;
}

/** The helper last signed in here (to open the workspace without a connection); only name and id. */
export function lastHelper(): KnownHelper | null {
  try {
    const raw = window.localStorage.getItem(LAST_HELPER_KEY);
    const v = raw ? (JSON.parse(raw) as Partial<KnownHelper>) : null;
    return v && typeof v.id === 'string' && typeof v.name === 'string' ? { id: v.id, name: v.name } : null;
  } catch {
    return null;
  }
}

export function rememberHelper(h: KnownHelper): void {
  try {
    window.localStorage.setItem(LAST_HELPER_KEY, JSON.stringify({ id: h.id, name: h.name }));
  } catch {
    // storage refused: offline opening will ask for a connection
  }
}

/** Whether the session cookie is still on the phone (signed out: the workspace asks to sign in, even offline). */
export const mayStillBeSignedIn = hasSessionCookie;

/** 查看电话: the person's full number, to call them (the server records who looked). */
export const useRevealPhone = () => useMutation({ mutationFn: (id: string) => helperApi.revealPhone(id) });

/** 代办 consent by SMS: send the code; confirm the code the person reads out. */
export const useSendConsentCode = () => useMutation({ mutationFn: (id: string) => helperApi.sendConsentCode(id) });

export function useConfirmConsent(staffId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; code: string }) => helperApi.confirmConsentCode(v.id, v.code),
    onSuccess: (task) => rememberTask(queryClient, staffId, task),
  });
}

/** 代办 consent by a photo of the signed 委托书. */
export function useConsentLetter(staffId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; photo: Blob; name: string }) => helperApi.uploadConsentLetter(v.id, v.photo, v.name),
    onSuccess: (task) => rememberTask(queryClient, staffId, task),
  });
}
