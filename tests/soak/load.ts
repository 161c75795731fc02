// The load engine of the soak: keep-alive HTTP requests, each recorded under its endpoint with
// its latency and whether it answered what it should (anything else is an error).
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json<T = unknown>(): T;
}

/** Latencies of one endpoint, in ms, and its outcomes. */
export interface EndpointStats {
  count: number;
  errors: number;
  latencies: number[];
  /** error kinds, e.g. "status 500" or "socket ECONNRESET", with counts */
  errorKinds: Record<string, number>;
}

export class Recorder {
  readonly endpoints = new Map<string, EndpointStats>();
  /** A few example errors (endpoint, what, body start), for the report. */
  readonly samples: string[] = [];

  private stats(endpoint: string): EndpointStats {
    let s = this.endpoints.get(endpoint);
    if (!s) this.endpoints.set(endpoint, (s = { count: 0, errors: 0, latencies: [], errorKinds: {} }));
    return s;
  }

  ok(endpoint: string, ms: number): void {
    const s = this.stats(endpoint);
    s.count++;
    s.latencies.push(ms);
  }

  error(endpoint: string, kind: string, detail: string): void {
    const s = this.stats(endpoint);
    s.count++;
    s.errors++;
    s.errorKinds[kind] = (s.errorKinds[kind] ?? 0) + 1;
    if (this.samples.length < 20) this.samples.push(`${endpoint}: ${kind} ${detail.slice(0, 300)}`);
  }

  get totalRequests(): number {
    let n = 0;
    for (const s of this.endpoints.values()) n += s.count;
    return n;
  }

  get totalErrors(): number {
    let n = 0;
    for (const s of this.endpoints.values()) n += s.errors;
    return n;
  }
}

/** An error already recorded: the operation stops, the load goes on. */
export class RecordedError extends Error {}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export class Client {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, maxSockets: number, private readonly rec: Recorder, private readonly timeoutMs = 10_000) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /**
   * One request; records it under `endpoint`. A status outside `expect` or a socket error/timeout
   * is recorded as an error and thrown as RecordedError.
   */
  request(endpoint: string, method: string, path: string, o: { body?: unknown; headers?: Record<string, string>; expect?: number[] } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    let payload: Buffer | undefined;
    if (o.body !== undefined) {
      payload = Buffer.from(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
      if (typeof o.body !== 'string') headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const expect = o.expect ?? [200];
    const t0 = performance.now();
    return new Promise<Answer>((resolve, reject) => {
      let settled = false;
      const fail = (kind: string, detail: string) => {
        if (settled) return;
        settled = true;
        this.rec.error(endpoint, kind, detail);
        reject(new RecordedError(`${endpoint}: ${kind}`));
      };
      const req = http.request({ host: this.url.hostname, port: this.url.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => fail(`socket ${(err as NodeJS.ErrnoException).code ?? err.message}`, ''));
        res.on('end', () => {
          if (settled) return;
          const body = Buffer.concat(chunks);
          const status = res.statusCode ?? 0;
          if (!expect.includes(status)) return fail(`status ${status}`, `${method} ${path}: ${body.toString('utf8')}`);
          settled = true;
          this.rec.ok(endpoint, performance.now() - t0);
          resolve({ status, headers: res.headers, body, json: <T>() => JSON.parse(body.toString('utf8')) as T });
        });
      });
      req.setTimeout(this.timeoutMs, () => {
        fail('timeout', `${method} ${path} after ${this.timeoutMs} ms`);
        req.destroy();
      });
      req.on('error', (err) => fail(`socket ${(err as NodeJS.ErrnoException).code ?? err.message}`, `${method} ${path}`));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
