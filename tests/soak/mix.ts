// The soak's mixed load: what a county's day looks like, in operations with weights. Each
// operation is one to two requests; the request builders (search queries, the guide, the window
// submission, the work queue) are the bench's own scenarios (tests/bench/modules).
import { randomUUID } from 'node:crypto';
import { catalog } from '../bench/modules/catalog.js';
import { DEMO_PASSWORD } from '../bench/modules/foundation.js';
import type { BenchContext, BenchModule, Scenario, ScenarioOverrides } from '../bench/types.js';
import type { Client } from './load.js';

/**
 * Operation weights (relative frequency of starts). Reads dominate as in the bench's traffic model;
 * the case work is a steady stream: every submitted case is accepted, approved twice (审查 → 决定)
 * and delivered, with its 受理通知书 and 办结通知书 downloaded on the way.
 */
export const WEIGHTS = {
  search: 30,
  guide: 15,
  queue: 15,
  submission: 10,
  action: 16,
  notice: 6,
  staffSignIn: 4,
  citizenSignIn: 4,
} as const;
export type OpName = keyof typeof WEIGHTS;

/** Staff accounts for the sign-in operation; not the ones whose sessions carry the case work. */
const SIGN_IN_STAFF = ['qianquan.clerk', 'city.clerk', 'city.approver', 'gangshan.admin', 'mengzhuang.helper'];
/** Sign-ins of one username in flight at once: the server asks a sixth to retry (429) by design. */
const PER_USERNAME_IN_FLIGHT = 4;
/** Cases waiting for their next step, per stage; the oldest are dropped beyond this (bounded memory). */
const POOL_CAP = 2000;

type Stage = 'submitted' | 'accepted' | 'deciding' | 'approved';

function scenario(list: Scenario[], prefix: string): Scenario {
  const s = list.find((x) => x.name.startsWith(prefix));
  if (!s) throw new Error(`bench scenario "${prefix}…" not found`);
  return s;
}

async function overrides(s: Scenario, ctx: BenchContext): Promise<ScenarioOverrides> {
  return (s.setup ? await s.setup(ctx) : undefined) ?? {};
}

export class Mix {
  private searchPaths: string[] = [];
  private guidePaths: string[] = [];
  private queuePaths: string[] = [];
  private queueHeaders: Record<string, string> = {};
  private submitBody: unknown;
  private clerk: Record<string, string> = {};
  private approver: Record<string, string> = {};
  private readonly pools: Record<Stage, string[]> = { submitted: [], accepted: [], deciding: [], approved: [] };
  private readonly noticeReady: { id: string; kind: 'acceptance' | 'completion' }[] = [];
  private readonly signingIn = new Map<string, number>();
  private cursor = 0;
  private phoneSeq = 0;
  private readonly runId = Math.floor(Date.now() / 1000) % 1_000_000;
  private readonly table: OpName[];
  /** operations that found nothing to work on and did a queue read instead */
  readonly substituted: Record<string, number> = {};
  readonly started: Record<OpName, number> = Object.fromEntries(Object.keys(WEIGHTS).map((k) => [k, 0])) as Record<OpName, number>;

  constructor(private readonly client: Client) {
    this.table = (Object.entries(WEIGHTS) as [OpName, number][]).flatMap(([op, w]) => Array<OpName>(w).fill(op));
  }

  /**
   * Sessions and request bodies, from the bench scenarios' own set-ups. `cases` is the bench's cases
   * module, passed in because it reads its data size (BENCH_CASES) when it is first imported.
   */
  async prepare(ctx: BenchContext, cases: BenchModule): Promise<void> {
    const search = scenario(catalog.scenarios, 'catalog search, 10,000 rows');
    this.searchPaths = search.paths ?? [search.path];
    const guide = await overrides(scenario(catalog.scenarios, 'guide fetch'), ctx);
    const items = await ctx.request('GET', '/api/v1/items?q=%E8%A1%A5%E8%B4%B4&pageSize=20');
    const codes = ((items.json as { items?: { code?: string }[] }).items ?? []).map((i) => i.code).filter((c): c is string => !!c);
    this.guidePaths = [guide.path!, ...codes.map((c) => `/api/v1/items/${c}?region=370883001`)];
    const queue = scenario(cases.scenarios, 'work queue, 钢山街道 clerk');
    this.queuePaths = queue.paths ?? [queue.path];
    this.queueHeaders = (await overrides(queue, ctx)).headers ?? {};
    const submission = await overrides(scenario(cases.scenarios, 'case submission'), ctx);
    this.submitBody = submission.body;
    const { 'idempotency-key': _, ...clerk } = submission.headers ?? {};
    this.clerk = clerk;
    this.approver = await ctx.staffSession('gangshan.approver');
  }

  describe(): string {
    const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
    return (Object.entries(WEIGHTS) as [OpName, number][]).map(([k, w]) => `${k} ${Math.round((w / total) * 100)}%`).join(', ');
  }

  /** The next operation in a fixed shuffled cycle, so short runs still meet every kind. */
  next(): OpName {
    const i = this.cursor++;
    // a stride coprime with the table's length visits every slot once per cycle, interleaved
    const n = this.table.length;
    let stride = 37;
    while (gcd(stride, n) !== 1) stride++;
    return this.table[(i * stride) % n]!;
  }

  async run(op: OpName): Promise<void> {
    this.started[op]++;
    const c = this.client;
    const pick = (a: string[]) => a[Math.floor(Math.random() * a.length)]!;
    switch (op) {
      case 'search':
        await c.request('search', 'GET', pick(this.searchPaths));
        return;
      case 'guide':
        await c.request('guide', 'GET', pick(this.guidePaths));
        return;
      case 'queue':
        return this.queue();
      case 'submission': {
        const res = await c.request('submission', 'POST', '/api/v1/cases', { body: this.submitBody, headers: { ...this.clerk, 'idempotency-key': `soak-${randomUUID()}` }, expect: [201] });
        this.push('submitted', res.json<{ id: string }>().id);
        return;
      }
      case 'action':
        return this.action();
      case 'notice': {
        const doc = this.noticeReady.shift();
        if (!doc) return this.substitute('notice');
        const res = await c.request(`notice ${doc.kind}`, 'GET', `/api/v1/cases/${doc.id}/documents/${doc.kind}`, { headers: this.clerk });
        if (res.body.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`notice ${doc.kind} of ${doc.id} is not a PDF`);
        return;
      }
      case 'staffSignIn': {
        const username = SIGN_IN_STAFF.find((u) => (this.signingIn.get(u) ?? 0) < PER_USERNAME_IN_FLIGHT);
        if (!username) return this.substitute('staffSignIn');
        this.signingIn.set(username, (this.signingIn.get(username) ?? 0) + 1);
        try {
          await c.request('staff sign-in', 'POST', '/api/v1/auth/staff/login', { body: { username, password: DEMO_PASSWORD } });
        } finally {
          this.signingIn.set(username, this.signingIn.get(username)! - 1);
        }
        return;
      }
      case 'citizenSignIn':
        return this.citizenSignIn();
    }
  }

  private async queue(): Promise<void> {
    await this.client.request('queue', 'GET', this.queuePaths[Math.floor(Math.random() * this.queuePaths.length)]!, { headers: this.queueHeaders });
  }

  private substitute(op: string): Promise<void> {
    this.substituted[op] = (this.substituted[op] ?? 0) + 1;
    return this.queue();
  }

  private push(stage: Stage, id: string): void {
    const pool = this.pools[stage];
    pool.push(id);
    if (pool.length > POOL_CAP) pool.shift();
  }

  /** The most advanced case's next step, so cases flow through to the end rather than pile up. */
  private async action(): Promise<void> {
    const c = this.client;
    let id: string | undefined;
    if ((id = this.pools.approved.shift())) {
      await c.request('action deliver', 'POST', `/api/v1/cases/${id}/actions/deliver`, { body: { method: 'pickup', opinion: '已当面送达' }, headers: this.clerk });
    } else if ((id = this.pools.deciding.shift())) {
      await c.request('action approve (决定)', 'POST', `/api/v1/cases/${id}/actions/approve`, { body: { opinion: '同意' }, headers: this.approver });
      this.push('approved', id);
      this.notice(id, 'completion');
    } else if ((id = this.pools.accepted.shift())) {
      await c.request('action approve (审查)', 'POST', `/api/v1/cases/${id}/actions/approve`, { body: { opinion: '材料齐全，符合条件' }, headers: this.approver });
      this.push('deciding', id);
    } else if ((id = this.pools.submitted.shift())) {
      await c.request('action accept', 'POST', `/api/v1/cases/${id}/actions/accept`, { body: { opinion: '材料齐全，予以受理' }, headers: this.clerk });
      this.push('accepted', id);
      this.notice(id, 'acceptance');
    } else {
      return this.substitute('action');
    }
  }

  private notice(id: string, kind: 'acceptance' | 'completion'): void {
    this.noticeReady.push({ id, kind });
    if (this.noticeReady.length > POOL_CAP) this.noticeReady.shift();
  }

  /**
   * A new phone each time, from an address of its own (the soak server trusts X-Forwarded-For from
   * loopback): a code is one a minute and five an hour per phone, thirty an hour per address.
   */
  private async citizenSignIn(): Promise<void> {
    const n = this.phoneSeq++;
    const phone = `136${String((this.runId * 100 + n) % 100_000_000).padStart(8, '0')}`;
    const from = { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
    const sent = await this.client.request('citizen SMS code', 'POST', '/api/v1/auth/citizen/sms-code', { body: { phone }, headers: from });
    const code = sent.json<{ demoCode?: string }>().demoCode;
    if (!code) throw new Error('the SMS code answer carries no demoCode (is DEMO_MODE off?)');
    await this.client.request('citizen sign-in', 'POST', '/api/v1/auth/citizen/login', { body: { phone, code }, headers: from });
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
