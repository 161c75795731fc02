/**
 * Property-based fuzzing of every API route (issue 18). The routes and their request schemas come
 * from the app itself: its route table (with each route's gate) and the OpenAPI document that
 * fastify-type-provider-zod derives from the routes' zod schemas. For each route fast-check sends
 * requests built from those schemas — valid, at the edges, of wrong types, huge, odd unicode,
 * injection strings, broken JSON, wrong content types, multipart oddities — anonymously and as
 * signed-in staff of several roles and a citizen, through app.inject. The property: no answer is
 * a 5xx, and every 4xx carries the error contract `{ error: { code, message } }`.
 * Used by src/server/fuzz.test.ts (a short run on both engines) and tests/fuzz/run.ts (long runs).
 */
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { fuzzedArb, INJECTION, UNICODE, validArb, type JsonSchema } from './schema-arbitraries.js';

export interface FuzzRoute {
  method: string;
  /** Fastify's form, /api/v1/cases/:id */
  url: string;
  gate: string;
  pathParams: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  headers: { name: string; schema: JsonSchema; required: boolean }[];
  body?: JsonSchema;
  /** its 200 answer is a JSON object or array (a list that may show ids), not a file */
  answersJson: boolean;
}

interface OpenApiParameter { in: string; name: string; required?: boolean; schema?: JsonSchema }
type OpenApiContent = Record<string, { schema?: JsonSchema }>;
interface OpenApiOperation { parameters?: OpenApiParameter[]; requestBody?: { content?: OpenApiContent }; responses?: Record<string, { content?: OpenApiContent }> }

/** Every gated API route with the request schemas its zod declarations produce. */
export function collectRoutes(app: FastifyInstance): FuzzRoute[] {
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, OpenApiOperation>> };
  const ops = new Map<string, OpenApiOperation>();
  for (const [p, byMethod] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(byMethod)) ops.set(`${m.toUpperCase()} ${p.replace(/\{([^}]+)\}/g, ':$1')}`, op);
  }
  return app.routeTable.map((r) => {
    const op = ops.get(`${r.method} ${r.url}`) ?? {};
    const params = op.parameters ?? [];
    const declared = new Set(params.filter((p) => p.in === 'path').map((p) => p.name));
    // a path parameter without a schema is still a parameter
    const pathParams = [...r.url.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => ({
      name, schema: params.find((p) => p.in === 'path' && p.name === name)?.schema ?? (declared.has(name) ? {} : { type: 'string' }),
    }));
    return {
      method: r.method,
      url: r.url,
      gate: r.gate.kind === 'staff' && r.gate.action ? `staff:${r.gate.action}` : r.gate.kind,
      pathParams,
      query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {}, required: !!p.required })),
      headers: params.filter((p) => p.in === 'header').map((p) => ({ name: p.name, schema: p.schema ?? {}, required: !!p.required })),
      body: op.requestBody?.content?.['application/json']?.schema,
      answersJson: ['object', 'array'].includes(String(op.responses?.['200']?.content?.['application/json']?.schema?.type)),
    };
  });
}

/** Who sends a request: nobody, or one of the signed-in sessions. */
export interface Actor {
  name: string;
  cookie?: string;
  csrf?: string;
}

/**
 * Values seen in the app's own answers: ids by the path of the list that showed them, and short
 * strings by the field that held them (a query parameter or body field of the same name — or
 * name + Code / Id — gets real region codes, venue kinds, item codes).
 */
export interface IdPool { byList: Map<string, Set<string>>; byField: Map<string, Set<string>> }

function seenFor(pool: IdPool, name: string): string[] {
  return [...(pool.byField.get(name) ?? []), ...(pool.byField.get(`${name}Code`) ?? []), ...(pool.byField.get(`${name}Id`) ?? [])];
}

export interface FuzzRequest {
  actor: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** what kind of body was built (for the counts and the report) */
  bodyKind: string;
  remoteAddress: string;
}

const MULTIPART_BOUNDARY = '----bianminFuzz7MA4YWxkTrZu0gW';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

/** A URL path segment that reaches the router: percent-encoded, lone surrogates as invalid UTF-8. */
function segment(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  try {
    return encodeURIComponent(s);
  } catch {
    return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('').replaceAll('%ef%bf%bd', '%ED%A0%80');
  }
}

function queryValue(value: unknown): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(queryValue);
  return [segment(typeof value === 'string' ? value : value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value))];
}

/** Header values must be latin-1 without control characters, or the client refuses to send them. */
function headerValue(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(s) ? s : encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'));
}

/** Ids for a route's path: those seen under the nearest listing path, else any. */
function poolFor(pool: IdPool, url: string): string[] {
  const prefix = url.split('/:')[0];
  const near: string[] = [];
  for (const [listed, ids] of pool.byList) if (listed === prefix || listed.startsWith(`${prefix}/`) || prefix.startsWith(listed)) near.push(...ids);
  if (near.length > 0) return near;
  return [...pool.byList.values()].flatMap((s) => [...s]);
}

type Part = { name: string; filename?: string; contentType?: string; content: Buffer };

const partArb: fc.Arbitrary<Part> = fc.record({
  name: fc.oneof({ weight: 6, arbitrary: fc.constant('file') }, { weight: 2, arbitrary: fc.constantFrom('files', 'File', 'upload', '', '__proto__', 'file[]', 'alt', 'version', 'clientRef', 'meta') }, { weight: 1, arbitrary: fc.constantFrom(...UNICODE, ...INJECTION) }),
  filename: fc.option(fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom('a.pdf', 'photo.jpg', 'p.png', 'book.xlsx', 'x.ofd', '申请材料.pdf') },
    { weight: 1, arbitrary: fc.constantFrom('', '../../etc/passwd', 'a\u0000.pdf', '.pdf', 'a.pdf.exe', 'CON', '%00.pdf', 'a"b.pdf', 'x'.repeat(70_000) + '.pdf', '👨‍👩‍👧‍👦.jpg') },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  ), { freq: 5 }),
  contentType: fc.option(fc.constantFrom('application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream', 'text/plain', 'application/json', 'image/svg+xml', 'a/b/c'), { freq: 4 }),
  content: fc.oneof(
    fc.constantFrom(PDF, PNG, JPEG, Buffer.alloc(0), Buffer.from('<svg onload=alert(1)>'), Buffer.from('{"a":1}'), Buffer.alloc(70_000, 0x41)),
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    fc.constantFrom(...INJECTION, ...UNICODE).map((s) => Buffer.from(s)),
  ),
}, { requiredKeys: ['name', 'content'] });

const boundaryArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ header: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`, used: MULTIPART_BOUNDARY }) },
  {
    weight: 2, arbitrary: fc.constantFrom(
      { header: 'multipart/form-data', used: MULTIPART_BOUNDARY },
      { header: 'multipart/form-data; boundary=', used: MULTIPART_BOUNDARY },
      { header: `multipart/form-data; boundary="${MULTIPART_BOUNDARY}"`, used: MULTIPART_BOUNDARY },
      { header: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`, used: 'other-boundary' },
      { header: `multipart/form-data; boundary=${'x'.repeat(300)}`, used: 'x'.repeat(300) },
      { header: 'multipart/form-data; boundary=a; boundary=b', used: 'a' },
      { header: 'multipart/mixed; boundary=zz', used: 'zz' },
      { header: 'multipart/form-data; boundary=\u00e9', used: '\u00e9' },
    ),
  },
);

/** A multipart body: zero, one or several parts, sometimes cut short or never closed. */
const multipartArb = fc.tuple(boundaryArb, fc.array(partArb, { maxLength: 3 }), fc.constantFrom('whole', 'whole', 'whole', 'cut', 'unclosed', 'garbage')).map(([b, parts, ending]) => {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `Content-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(Buffer.from(`--${b.used}\r\n${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`), p.content, Buffer.from('\r\n'));
  }
  if (ending !== 'unclosed') chunks.push(Buffer.from(`--${b.used}--\r\n`));
  let body = Buffer.concat(chunks);
  if (ending === 'cut') body = body.subarray(0, Math.floor(body.length / 2));
  if (ending === 'garbage') body = Buffer.from('this is not multipart at all');
  return { payload: body, contentType: b.header, kind: `multipart(${parts.length} parts, ${ending})` };
});

function deepJson(depth: number, array: boolean): string {
  return array ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const BROKEN_JSON = ['{', '{"a":', '[1,2', '{"a":1,}', "{'a':1}", 'nul', 'NaN', '{"a":NaN}', '{"a":1}{"b":2}', '\uFEFF{}', '{"a":"\\ud800"}', '{"a":"\\u0000"}',
  '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}', '{"a":1,"a":2}', '""', '0', 'null', 'true', '[]', '[{}]', '1e999'];

/** The body of a request, as one of many shapes (JSON from the schema being the most common). */
function bodyArb(route: FuzzRoute, pool: IdPool): fc.Arbitrary<{ payload?: string | Buffer; contentType?: string; kind: string }> {
  const json = (v: unknown) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json', kind: 'json' });
  // top-level fields that name something the app showed (regionCode, venueId…): often a real one
  const seen: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const name of Object.keys(route.body?.properties ?? {})) {
    const values = seenFor(pool, name);
    if (values.length > 0) seen[name] = fc.option(fc.constantFrom(...values), { nil: undefined, freq: 2 });
  }
  const withSeen = (arb: fc.Arbitrary<unknown>) => fc.tuple(arb, fc.record(seen)).map(([v, real]) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const out = { ...(v as Record<string, unknown>) };
    for (const [k, x] of Object.entries(real)) if (x !== undefined) out[k] = x;
    return out;
  });
  const shapes: fc.WeightedArbitrary<{ payload?: string | Buffer; contentType?: string; kind: string }>[] = [
    { weight: route.body ? 10 : 2, arbitrary: withSeen(fuzzedArb(route.body)).map(json) },
    { weight: route.body ? 4 : 1, arbitrary: withSeen(validArb(route.body)).map((v) => ({ ...json(v), kind: 'json-valid' })) },
    {
      weight: 1, arbitrary: fuzzedArb(route.body).map((v) => {
        const s = JSON.stringify(v) ?? 'null';
        // an own "__proto__" key in the JSON text, which JSON.stringify of an object literal never writes
        return { payload: s.startsWith('{') && s !== '{}' ? `{"__proto__":{"isAdmin":true,"x":1},${s.slice(1)}` : '{"__proto__":{"x":1}}', contentType: 'application/json', kind: 'json-proto' };
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom(...BROKEN_JSON).map((payload) => ({ payload, contentType: 'application/json', kind: 'json-broken' })) },
    { weight: 1, arbitrary: fc.constantFrom(deepJson(20_000, true), deepJson(20_000, false), deepJson(200, false)).map((payload) => ({ payload, contentType: 'application/json', kind: 'json-deep' })) },
    {
      weight: 1, arbitrary: fc.tuple(validArb(route.body), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=utf-16', 'application/jsonx', 'a/b/c;;;', '', 'application/json;', 'APPLICATION/JSON', 'application/vnd.api+json'))
        .map(([v, contentType]) => ({ payload: JSON.stringify(v) ?? 'null', contentType, kind: 'content-type' })),
    },
    { weight: 1, arbitrary: fc.constantFrom({ kind: 'no-body' }, { payload: '', contentType: 'application/json', kind: 'empty-json' }, { payload: Buffer.alloc(1024 * 1024 + 10, 0x20), contentType: 'application/json', kind: 'too-large' }) },
    { weight: route.body ? 1 : 4, arbitrary: multipartArb.map((m) => ({ payload: m.payload, contentType: m.contentType, kind: m.kind })) },
  ];
  return fc.oneof(...shapes);
}

/**
 * Whether a role probably gets past a route's gate: those are sent more often, so that more
 * requests reach validation and the handlers (the rest still check the gates' answers).
 */
function likelyPasses(gate: string, actor: string): boolean {
  if (gate === 'public' || gate === 'terminal') return true;
  if (actor === 'anonymous') return false;
  if (gate === 'signedIn') return true;
  if (gate === 'citizen') return actor === 'citizen';
  if (actor === 'citizen') return false;
  return gate === 'staff' || actor === 'admin' || /(case|assist)\./.test(gate);
}

/** One request for `route` as a fast-check arbitrary. */
export function requestArb(route: FuzzRoute, actors: Actor[], pool: IdPool): fc.Arbitrary<FuzzRequest> {
  const ids = poolFor(pool, route.url);
  const paramArbs = route.pathParams.map((p) => fc.oneof(
    { weight: ids.length > 0 ? 6 : 0, arbitrary: ids.length > 0 ? fc.constantFrom(...ids).map(segment) : fc.constant('x') },
    { weight: 3, arbitrary: validArb(p.schema).map(segment) },
    { weight: 3, arbitrary: fuzzedArb(p.schema).map(segment) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%00', '%E4%B8', '..', '%2e%2e', '%2F', '%2F..%2F..%2Fetc%2Fpasswd', '', 'x'.repeat(2000), '%ED%A0%80') },
  ));
  const queryArbs = route.query.map((q) => fc.oneof(
    { weight: q.required ? 0 : 3, arbitrary: fc.constant(undefined) },
    ...(seenFor(pool, q.name).length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...seenFor(pool, q.name)) }] : []),
    // mostly valid, so that a request with several parameters often gets past validation whole
    { weight: 7, arbitrary: validArb(q.schema) },
    { weight: 1, arbitrary: fuzzedArb(q.schema) },
    { weight: 1, arbitrary: fc.array(validArb(q.schema), { minLength: 2, maxLength: 3 }) },
  ).map((v) => queryValue(v).map((x) => `${encodeURIComponent(q.name)}=${x}`)));
  const extraQuery = fc.option(fc.constantFrom('__proto__[x]=1', 'constructor=1', 'a[b][c]=1', '&&&', '=', '%=%', 'page=-1', 'q=%', 'x=' + 'y'.repeat(5000), '%ZZ=1'), { freq: 6 });
  const headerArbs = route.headers.map((h) => fc.option(fc.oneof(validArb(h.schema), fuzzedArb(h.schema)).map((v) => [h.name, headerValue(v)] as const), { freq: h.required ? 10 : 3 }));
  return fc.record({
    actor: fc.oneof(...actors.map((a) => ({ weight: likelyPasses(route.gate, a.name) ? 4 : 1, arbitrary: fc.constant(a) }))),
    csrf: fc.oneof({ weight: 12, arbitrary: fc.constant('session') }, { weight: 1, arbitrary: fc.constantFrom('none', 'wrong') }),
    params: fc.tuple(...paramArbs),
    query: fc.tuple(...queryArbs),
    extraQuery,
    headers: fc.tuple(...headerArbs),
    bearer: fc.option(fc.oneof(fc.base64String({ minLength: 16, maxLength: 60 }).map((s) => `Bearer ${s.replace(/[+/=]/g, 'A')}`), fc.constantFrom('Bearer', 'Bearer ' + 'A'.repeat(200), 'Basic YWRtaW46YQ==', 'bearer abcdefghijklmnopqrstu')), { freq: route.gate === 'terminal' ? 2 : 12 }),
    body: ['GET', 'DELETE'].includes(route.method) ? fc.oneof({ weight: 12, arbitrary: fc.constant({ kind: 'no-body' } as { payload?: string | Buffer; contentType?: string; kind: string }) }, { weight: 1, arbitrary: bodyArb(route, pool) }) : bodyArb(route, pool),
    ip: fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })),
  }).map((r) => {
    let i = 0;
    const url = route.url.replace(/:([A-Za-z0-9_]+)/g, () => r.params[i++] ?? '');
    const qs = [...r.query.flat(), ...(r.extraQuery ? [r.extraQuery] : [])].join('&');
    const headers: Record<string, string> = {};
    for (const h of r.headers) if (h) headers[h[0]] = h[1];
    if (r.actor.cookie) headers.cookie = r.actor.cookie;
    if (r.csrf === 'session' && r.actor.csrf) headers['x-csrf-token'] = r.actor.csrf;
    if (r.csrf === 'wrong') headers['x-csrf-token'] = 'not-the-token';
    if (r.bearer) headers.authorization = r.bearer;
    if (r.body.contentType !== undefined) headers['content-type'] = r.body.contentType;
    return {
      actor: r.actor.name, method: route.method, url: qs ? `${url}?${qs}` : url, headers, payload: r.body.payload, bodyKind: r.body.kind,
      remoteAddress: `10.${r.ip[0]}.${r.ip[1]}.${r.ip[2]}`,
    };
  });
}

/** What a request's answer broke, or null when it kept the contract. */
export function contractProblem(status: number, body: string, contentType: string | undefined): string | null {
  if (status >= 500) return `status ${status}: ${body.slice(0, 300)}`;
  if (status < 400) return null;
  if (!contentType?.includes('application/json')) return `status ${status} with content-type ${contentType ?? '(none)'}: ${body.slice(0, 200)}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `status ${status} with a body that is not JSON: ${body.slice(0, 200)}`;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(error.code)) return `status ${status} without a stable error code: ${body.slice(0, 200)}`;
  if (typeof error.message !== 'string' || error.message.length === 0) return `status ${status} without a message: ${body.slice(0, 200)}`;
  return null;
}

/** A request as printed in a failure report: long strings cut, the session cookie left out. */
export function describeRequest(r: FuzzRequest): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
  const headers = Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== 'cookie' && k !== 'x-csrf-token').map(([k, v]) => [k, cut(v, 120)]));
  const payload = r.payload === undefined ? '(none)' : cut(typeof r.payload === 'string' ? r.payload : r.payload.toString('latin1'), 400);
  return `${r.method} ${cut(r.url, 400)} as ${r.actor} [${r.bodyKind}] headers=${JSON.stringify(headers)} body=${JSON.stringify(payload)}`;
}

export interface RouteStats { requests: number; statuses: Map<number, number>; ms: number; slowestMs: number }
export interface Failure { route: string; problem: string; request: string; seed: number; path?: string }

/** No answer by then is a hang, which is a failure; a slow answer (an Excel export on a busy machine) is not. */
const REQUEST_TIMEOUT_MS = 60_000;

export class Fuzzer {
  readonly stats = new Map<string, RouteStats>();
  readonly failures: Failure[] = [];
  total = 0;

  constructor(private readonly app: FastifyInstance, readonly actors: Actor[], readonly pool: IdPool) {}

  /** Sends one request (with a deadline: a hang is a finding too) and counts its answer. */
  async send(routeKey: string, r: FuzzRequest): Promise<string | null> {
    const opts: InjectOptions = { method: r.method as InjectOptions['method'], url: r.url, headers: r.headers, remoteAddress: r.remoteAddress, ...(r.payload === undefined ? {} : { payload: r.payload }) };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), REQUEST_TIMEOUT_MS);
    });
    const started = performance.now();
    const res = await Promise.race([this.app.inject(opts), deadline]).finally(() => clearTimeout(timer));
    const ms = performance.now() - started;
    const stats = this.stats.get(routeKey) ?? { requests: 0, statuses: new Map(), ms: 0, slowestMs: 0 };
    this.stats.set(routeKey, stats);
    stats.requests++;
    stats.ms += ms;
    stats.slowestMs = Math.max(stats.slowestMs, ms);
    this.total++;
    if (res === 'timeout') {
      stats.statuses.set(0, (stats.statuses.get(0) ?? 0) + 1);
      const problem = `no answer within ${REQUEST_TIMEOUT_MS} ms`;
      // recorded here too: a route's time limit may interrupt fast-check before it sees this run fail
      this.failures.push({ route: routeKey, problem, request: describeRequest(r), seed: Number.NaN });
      return problem;
    }
    stats.statuses.set(res.statusCode, (stats.statuses.get(res.statusCode) ?? 0) + 1);
    return contractProblem(res.statusCode, res.body, res.headers['content-type'] as string | undefined);
  }

  /** `runs` generated requests for one route; a failure is shrunk by fast-check and recorded. */
  async fuzzRoute(route: FuzzRoute, runs: number, seed: number, timeLimitMs?: number): Promise<void> {
    const key = `${route.method} ${route.url}`;
    let lastProblem = '';
    const property = fc.asyncProperty(requestArb(route, this.actors, this.pool), async (r) => {
      const problem = await this.send(key, r);
      if (problem) {
        lastProblem = problem;
        return false;
      }
      return true;
    });
    const details = await fc.check(property, { numRuns: runs, seed, endOnFailure: false, ...(timeLimitMs ? { interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false } : {}) });
    if (details.failed && !this.failures.some((f) => f.route === key && Number.isNaN(f.seed))) {
      const example = details.counterexample?.[0] as FuzzRequest | undefined;
      // the last failing run is the shrunk counterexample: send it again for its own problem text
      const problem = example ? ((await this.send(key, example)) ?? lastProblem) : String(details.errorInstance ?? lastProblem);
      this.failures.push({ route: key, problem, request: example ? describeRequest(example) : '(none)', seed, path: details.counterexamplePath ?? undefined });
    }
  }

  report(elapsedMs: number): string {
    const lines = ['route'.padEnd(70) + 'requests  mean ms  max ms  statuses'];
    for (const [route, s] of [...this.stats].sort(([a], [b]) => a.localeCompare(b))) {
      const statuses = [...s.statuses].sort(([a], [b]) => a - b).map(([code, n]) => `${code === 0 ? 'timeout' : code}×${n}`).join(' ');
      lines.push(`${route.padEnd(70)}${String(s.requests).padStart(8)}  ${(s.ms / s.requests).toFixed(1).padStart(7)}  ${s.slowestMs.toFixed(0).padStart(6)}  ${statuses}`);
    }
    const all = new Map<number, number>();
    for (const s of this.stats.values()) for (const [code, n] of s.statuses) all.set(code, (all.get(code) ?? 0) + n);
    lines.push(`total: ${this.total} requests to ${this.stats.size} routes in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round(this.total / (elapsedMs / 1000))}/s); statuses ${[...all].sort(([a], [b]) => a - b).map(([c, n]) => `${c}×${n}`).join(' ')}; failures ${this.failures.length}`);
    for (const f of this.failures) {
      lines.push(`FAIL ${f.route}: ${f.problem}\n  ${Number.isNaN(f.seed) ? 'request (not shrunk: it hung)' : 'shrunk request'}: ${f.request}${Number.isNaN(f.seed) ? '' : `\n  replay: seed ${f.seed}, path ${f.path}`}`);
    }
    return lines.join('\n');
  }
}
