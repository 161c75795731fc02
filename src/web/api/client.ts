/**
 * The one way the web app talks to the server: JSON over fetch, same-origin cookies, the CSRF
 * header on every write, and errors turned into ApiError with the server's Chinese message.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field problems of a VALIDATION_FAILED (or a conflict that names its field). */
  get fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldProblem => typeof d === 'object' && d !== null && typeof (d as FieldProblem).field === 'string' && typeof (d as FieldProblem).message === 'string',
    );
  }

  /** A numeric member of `details` (remainingAttempts, retryAfterSeconds, …). */
  detailNumber(key: string): number | undefined {
    if (typeof this.details !== 'object' || this.details === null || Array.isArray(this.details)) return undefined;
    const v = (this.details as Record<string, unknown>)[key];
    return typeof v === 'number' ? v : undefined;
  }
}

export const CSRF_COOKIE = 'bm_csrf';

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** True when the browser holds a session's CSRF cookie, i.e. someone may be signed in. */
export const hasSessionCookie = (): boolean => Boolean(readCookie(CSRF_COOKIE));

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

export interface ApiActivity {
  path: string;
  /** The server's clock at the response (from the Date header), in ms since the epoch. */
  serverNow: number;
  /** The browser's clock when the response arrived. */
  clientNow: number;
}

let clockSkewMs = 0;
/** How far the server's clock is ahead of the browser's (0 when they agree within ~1 s). */
export const serverClockSkew = (): number => clockSkewMs;

type ActivityListener = (a: ApiActivity) => void;
const activityListeners = new Set<ActivityListener>();

/** Every successful API response is reported here (the staff idle timer listens). */
export function onApiActivity(listener: ActivityListener): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    if (err?.code && err.message) throw new ApiError(response.status, err.code, err.message, err.details);
    throw new ApiError(response.status, 'HTTP_ERROR', `服务暂时不可用（HTTP ${response.status}），请稍后再试`);
  }
  const dateHeader = response.headers.get('date');
  const clientNow = Date.now();
  const serverNow = dateHeader ? Date.parse(dateHeader) : NaN;
  const activity: ApiActivity = { path, serverNow: Number.isFinite(serverNow) ? serverNow : clientNow, clientNow };
  // The Date header has whole seconds: only a difference beyond that counts as skew.
  const skew = activity.serverNow - clientNow;
  clockSkewMs = Math.abs(skew) > 1500 ? skew : 0;
  for (const l of activityListeners) l(activity);
  return data as T;
}

/** The message to show a person for any error thrown by `api` (or anything else). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '操作未能完成，请稍后再试';
}
