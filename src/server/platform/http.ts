import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DatabaseBusyError, DatabaseUnavailableError, TransactionTimeoutError } from '../db/guard.js';
import { AppError, isStorageFull, storageFull, type FieldProblem } from './errors.js';
import { multipartProblem } from './uploads.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const send = (reply: FastifyReply, status: number, code: string, message: string, details?: unknown) =>
  reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } } satisfies ErrorBody);

/** Fastify's (and @fastify/multipart's) own error codes, answered in the contract's words: status, code, message. */
const FRAMEWORK_ERRORS = new Map<string, [status: number, code: string, message: string]>([
  ['FST_ERR_CTP_BODY_TOO_LARGE', [413, 'PAYLOAD_TOO_LARGE', '提交的内容过大（请求体不超过 1 MB）']],
  ['FST_ERR_CTP_INVALID_MEDIA_TYPE', [415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请以 JSON 提交']],
  ['FST_ERR_CTP_EMPTY_JSON_BODY', [400, 'INVALID_JSON', '请求体不能为空']],
  ['FST_ERR_CTP_INVALID_JSON_BODY', [400, 'INVALID_JSON', '请求体不是有效的 JSON']],
  ['FST_REQ_FILE_TOO_LARGE', [413, 'FILE_TOO_LARGE', '文件过大']],
  ['FST_INVALID_MULTIPART_CONTENT_TYPE', [415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件']],
  ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', [400, 'BAD_REQUEST', '请求长度不正确']],
]);

interface ZodIssueLike {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; code?: string; message?: string } };
}

function fieldProblems(validation: ZodIssueLike[], where: string | undefined): FieldProblem[] {
  return validation.map((v) => {
    const path = v.params?.issue?.path?.map(String).join('.') ?? v.instancePath?.replace(/^\//, '').replaceAll('/', '.') ?? '';
    return { field: path || where || '', message: v.message ?? v.params?.issue?.message ?? '格式不正确' };
  });
}

/**
 * Every error leaves in the contract's shape; nothing internal (stack, SQL) reaches the client.
 * With `spaIndexHtml`, a non-API GET for a path without a file extension gets the web app's
 * index.html for that path (client-side routing) instead of the JSON 404.
 */
export function installErrorHandling(app: FastifyInstance, opts: { spaIndexHtml?: (requestUrl: string) => string | undefined } = {}): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err, cause: err.cause }, err.message);
      return send(reply, err.status, err.code, err.message, err.details);
    }
    if (isStorageFull(err)) {
      const full = storageFull();
      request.log.error({ err }, 'storage full');
      return send(reply, full.status, full.code, full.message);
    }
    if (err instanceof DatabaseUnavailableError) {
      request.log.error({ err }, 'database unavailable');
      return reply.header('retry-after', '5').status(503).send({ error: { code: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法连接，请稍后再试' } } satisfies ErrorBody);
    }
    if (isDatabaseBusy(err)) {
      request.log.warn({ err }, 'database busy');
      return reply.header('retry-after', '5').status(503).send({ error: { code: 'DATABASE_BUSY', message: '系统繁忙，请稍后再试' } } satisfies ErrorBody);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return send(reply, 400, 'VALIDATION_FAILED', '提交的信息有误，请检查后重试',
        fieldProblems(err.validation as ZodIssueLike[], err.validationContext));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response did not match its schema');
      return send(reply, 500, 'INTERNAL_ERROR', '系统繁忙，请稍后再试');
    }
    // A route that reads multipart without readSingleFile still turns a broken body into a 400.
    const multipart = multipartProblem(err);
    if (multipart) return send(reply, multipart.status, multipart.code, multipart.message);
    const framework = FRAMEWORK_ERRORS.get(err.code);
    if (framework) return send(reply, ...framework);
    if (err instanceof SyntaxError && err.statusCode === 400) {
      return send(reply, 400, 'INVALID_JSON', '请求体不是有效的 JSON');
    }
    if (err.statusCode === 429) {
      return send(reply, 429, 'RATE_LIMITED', '操作过于频繁，请稍后再试');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, err.statusCode, 'BAD_REQUEST', '请求无效');
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, 500, 'INTERNAL_ERROR', '系统繁忙，请稍后再试');
  });

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0];
    if (opts.spaIndexHtml && request.method === 'GET' && !url.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(url)) {
      const indexHtml = opts.spaIndexHtml(request.url);
      if (indexHtml) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    }
    return send(reply, 404, 'NOT_FOUND', `找不到 ${request.method} ${url}`);
  });
}

/**
 * The database did not answer in time: no connection came free (db/guard.ts), a transaction ran
 * past its deadline, another process held SQLite's write lock past busy_timeout, or PostgreSQL
 * cannot be reached. A 503 tells clients and load balancers to try again, not that they erred.
 */
function isDatabaseBusy(err: unknown): boolean {
  if (err instanceof DatabaseBusyError || err instanceof TransactionTimeoutError) return true;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'ECONNREFUSED' || code === '57P01' || code === '57P03' || code === '53300');
}

/**
 * Fastify's `frameworkErrors`: a path whose percent-encoding does not decode, or a path parameter
 * longer than the router takes, is refused before any route or error handler runs; without this
 * the answer is Fastify's own body, outside the error contract (found by fuzzing, issue 18).
 */
export function answerFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL') return void send(reply, 400, 'BAD_URL', '请求地址含有无效的字符编码');
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return void send(reply, 414, 'URL_TOO_LONG', '请求地址过长');
  return void send(reply, 400, 'BAD_REQUEST', '请求无效');
}

/**
 * A preValidation hook: a NUL character in a path parameter, query value or JSON string is refused
 * with a 400. PostgreSQL cannot store or compare one in text (a 500 there, found by fuzzing, issue
 * 18) and no field of the product has a use for it. Iterative: a body may be nested 10 000 deep.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  const pending: unknown[] = [request.params, request.query, request.body];
  for (let seen = 0; pending.length > 0 && seen < 200_000; seen++) {
    const v = pending.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw new AppError(400, 'INVALID_CHARACTER', '提交的内容含有无效的空字符（\\0），请删除后重试');
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v)) pending.push(k, x);
    }
  }
}

/** Response schemas for the contract's error shape, used in the OpenAPI document. */
export { send as sendError };
