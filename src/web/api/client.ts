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
  /** JSON-serialised, or sent as multipart/form-data when it is a FormData (fetch sets the boundary). */
  body?: unknown;
  query?: Query;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** What to tell the person when the request never reached the server (e.g. "may not have been submitted"). */
  networkMessage?: string;
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

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The server's error envelope `{ error: { code, message, details } }` as an ApiError. */
function failure(status: number, data: unknown): ApiError {
  const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  if (err?.code && err.message) return new ApiError(status, err.code, err.message, err.details);
  // A body limit hit before the app answers (the proxy's or Fastify's) has no envelope.
  if (status === 413) return new ApiError(413, 'FILE_TOO_LARGE', '文件太大，未能上传');
  return new ApiError(status, 'HTTP_ERROR', `服务暂时不可用（HTTP ${status}），请稍后再试`);
}

function noteActivity(path: string, response: Response): void {
  const dateHeader = response.headers.get('date');
  const clientNow = Date.now();
  const serverNow = dateHeader ? Date.parse(dateHeader) : NaN;
  const activity: ApiActivity = { path, serverNow: Number.isFinite(serverNow) ? serverNow : clientNow, clientNow };
  // The Date header has whole seconds: only a difference beyond that counts as skew.
  const skew = activity.serverNow - clientNow;
  clockSkewMs = Math.abs(skew) > 1500 ? skew : 0;
  for (const l of activityListeners) l(activity);
}

/**
 * The one request: same-origin cookies, the CSRF header on every write, JSON or multipart bodies,
 * network failures and the server's error envelope turned into ApiError. Resolves to the successful
 * Response; `api` reads it as JSON, `download` as a file.
 */
async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
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
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', options.networkMessage ?? NETWORK_MESSAGE);
  }
  if (!response.ok) throw failure(response.status, parseJson(await response.text()));
  noteActivity(path, response);
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  return parseJson(await response.text()) as T;
}

/** multipart/form-data POST of one file in the field `file`. */
export function uploadFile<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  return api<T>(path, { method: 'POST', body });
}

/** Fetches a file and hands it to the browser as a download; resolves to the file's name. */
export async function download(path: string): Promise<string> {
  const response = await send(path, { headers: { accept: '*/*' } });
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : 'export.xlsx';
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** The message to show a person for any error thrown by `api` (or anything else). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '操作未能完成，请稍后再试';
}
