// Scenarios of the cases issue (issue 5, "Targets"):
// - case submission ≥ 1,000/s sustained with p99 < 50 ms (POST /api/v1/cases, window intake);
// - a clerk's work queue over 1,000,000 cases: p99 < 50 ms;
// - the time-limit warning scan over 1,000,000 open cases < 2 s.
// Data set: 1,000,000 generated cases (cases-data.ts) over three years across Zoucheng's towns
// and villages, written straight into the server's database; BENCH_CASES changes the number
// (e.g. 100000 for a quick look — the targets are stated for 1,000,000).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { pino } from 'pino';
import pg from 'pg';
import { createDeps } from '../../../src/server/bootstrap.js';
import { loadConfig } from '../../../src/server/config.js';
import type { Deps } from '../../../src/server/deps.js';
import { scanTimeLimitWarnings } from '../../../src/server/modules/cases/warnings.js';
import { chinaDate } from '../../../src/server/platform/calendar.js';
import { ensureCalendar } from '../../../src/server/seed/calendar.js';
import { ensureSynonyms, seedDemoCatalog } from '../../../src/server/modules/catalog/index.js';
import { ensureRegions } from '../../../src/server/seed/regions.js';
import type { BenchContext, BenchModule } from '../types.js';
import { GENERATOR_VERSION, generateCases } from './cases-data.js';

const COUNT = Number(process.env.BENCH_CASES || 1_000_000);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const CACHE_DIR = path.join(ROOT, 'bench-results', 'cache');

/** The item and place of the submission scenario: 最低生活保障（新申请） at the 钢山街道 window. */
const SUBMIT_ITEM = '37050100100001';
const GANGSHAN = '370883001';

/** Deps of the bench process on the server's database (same data key), for generators and tasks. */
async function benchDeps(ctx: Pick<BenchContext, 'dataDir' | 'databaseUrl'>, over: { sqliteFile?: string; databaseUrl?: string; masterKey?: Buffer } = {}): Promise<Deps> {
  const env: Record<string, string> = { DATA_DIR: ctx.dataDir, LOG_LEVEL: 'silent' };
  const url = over.databaseUrl ?? ctx.databaseUrl;
  if (url) env.DATABASE_URL = url;
  const deps = await createDeps(loadConfig(env), pino({ level: 'silent' }), { sqliteFile: over.sqliteFile, masterKey: over.masterKey });
  await deps.regions.load();
  await deps.calendar.load();
  return deps;
}

const fmt = (n: number) => n.toLocaleString('en');
const statusLine = (by: Record<string, number>) => Object.entries(by).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');

/**
 * The scan's stress set: COUNT cases all still open, in a database of their own (the bench's
 * main data set keeps a county's real mix, in which about 1 % is open). On SQLite it is kept in
 * bench-results/cache, keyed by generator version, size and China date (the statuses depend on
 * the day), since generating it takes a minute or two; on PostgreSQL it is a schema of the bench
 * database, made each run and dropped after.
 */
async function stressDeps(ctx: BenchContext): Promise<{ deps: Deps; note: string; drop(): Promise<void> }> {
  const today = chinaDate(new Date());
  if (ctx.databaseUrl) {
    const schema = 'bench_scan_stress';
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(ctx.databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const deps = await prepareStress(ctx, { databaseUrl: url.toString() });
    return {
      deps, note: `schema ${schema}, generated this run`,
      drop: async () => {
        await deps.dbh.close();
        const c = new pg.Client({ connectionString: ctx.databaseUrl });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      },
    };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = `scan-stress-v${GENERATOR_VERSION}-${COUNT}-${today}`;
  const file = path.join(CACHE_DIR, `${name}.sqlite`);
  const keyFile = path.join(CACHE_DIR, `${name}.key`);
  let note = `cached ${path.relative(ROOT, file)}`;
  if (!existsSync(file) || !existsSync(keyFile)) {
    // Older stress sets are stale (another day, size or generator) and large (≈ 2.7 GB): remove them first.
    for (const f of readdirSync(CACHE_DIR)) if (f.startsWith('scan-stress-')) rmSync(path.join(CACHE_DIR, f), { force: true });
    const tmp = path.join(CACHE_DIR, `${name}.tmp.sqlite`);
    rmSync(tmp, { force: true });
    const key = randomBytes(32);
    const deps = await prepareStress(ctx, { sqliteFile: tmp, masterKey: key });
    await deps.dbh.close();
    renameSync(tmp, file);
    writeFileSync(keyFile, key.toString('hex') + '\n', { mode: 0o600 });
    note = `generated into ${path.relative(ROOT, file)}`;
  }
  const deps = await benchDeps(ctx, { sqliteFile: file, masterKey: Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex') });
  return { deps, note, drop: () => deps.dbh.close() };
}

async function prepareStress(ctx: BenchContext, where: { sqliteFile?: string; databaseUrl?: string; masterKey?: Buffer }): Promise<Deps> {
  const deps = await benchDeps(ctx, where);
  await ensureRegions(deps.dbh.db);
  await deps.regions.load();
  await ensureSynonyms(deps);
  await ensureCalendar(deps);
  await deps.calendar.load();
  await seedDemoCatalog(deps);
  ctx.log(`  generating the warning scan's stress set: ${fmt(COUNT)} open cases`);
  const res = await generateCases(deps, { count: COUNT, now: new Date(), openOnly: true, log: ctx.log, sqliteFile: where.sqliteFile });
  ctx.log(`  stress set: ${fmt(res.count)} cases in ${Math.round(res.ms)} ms (${statusLine(res.byStatus)})`);
  return deps;
}

async function timeScan(deps: Deps): Promise<{ ms: number; note: string }> {
  const today = chinaDate(new Date());
  const t0 = performance.now();
  const found = await scanTimeLimitWarnings(deps, today);
  const ms = performance.now() - t0;
  const open = Number((await deps.dbh.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n'))
    .where('status', 'in', ['pending_review', 'pending_acceptance', 'correction', 'accepted', 'deciding', 'suspended']).executeTakeFirstOrThrow()).n);
  const red = found.filter((w) => w.warning === 'red').length;
  return { ms, note: `${fmt(open)} open cases: ${fmt(red)} red, ${fmt(found.length - red)} yellow (${fmt(found.filter((w) => w.paused).length)} paused)` };
}

/** A clerk's work queue as the workbench asks for it: the list pages, the status tabs' counts, overdue. */
const QUEUE_PATHS = [
  ...[1, 2, 3, 4, 5].map((p) => `/api/v1/cases?page=${p}&pageSize=20`),
  '/api/v1/cases/status-counts',
  '/api/v1/cases?status=accepted&page=1&pageSize=20',
  '/api/v1/cases?status=pending_acceptance&page=1&pageSize=20',
  '/api/v1/cases?overdue=true&page=1&pageSize=20',
];

let submitBody: unknown;

export const cases: BenchModule = {
  name: 'cases',
  async generateData(ctx) {
    const deps = await benchDeps(ctx);
    try {
      const res = await generateCases(deps, { count: COUNT, now: new Date(), log: ctx.log, sqliteFile: path.join(ctx.dataDir, 'bianmin.sqlite') });
      ctx.log(`  cases: ${fmt(res.count)} in ${Math.round(res.ms)} ms (${statusLine(res.byStatus)})`);
    } finally {
      await deps.dbh.close();
    }
  },
  scenarios: [
    {
      name: 'case submission (window intake)',
      description:
        'POST /api/v1/cases as the 钢山街道 window clerk with a fresh Idempotency-Key per request, as the workbench sends it: ' +
        '最低生活保障（新申请） for a walk-in, every required material on paper; each request is one transaction with the case, its ' +
        'materials, its first event, the idempotency record and the audit entry (hash chain), on top of the generated cases.',
      method: 'POST',
      path: '/api/v1/cases',
      connections: 10,
      uniqueHeader: 'idempotency-key',
      async setup(ctx) {
        const headers = await ctx.staffSession('gangshan.clerk');
        const guide = await ctx.request('GET', `/api/v1/items/${SUBMIT_ITEM}?region=${GANGSHAN}`);
        if (guide.status !== 200) throw new Error(`guide of ${SUBMIT_ITEM} answered ${guide.status}`);
        const g = guide.json as { materials: { id: string; necessityCode: string; conditional?: boolean }[]; situations?: { id: string; options: { id: string; materialIds: string[] }[] }[] };
        const situationAnswers: Record<string, string> = {};
        const needed = new Set(g.materials.filter((m) => m.necessityCode === 'required' && !m.conditional).map((m) => m.id));
        for (const s of g.situations ?? []) {
          const o = s.options[0]!;
          situationAnswers[s.id] = o.id;
          for (const m of o.materialIds) needed.add(m);
        }
        submitBody = {
          itemCode: SUBMIT_ITEM, regionCode: GANGSHAN, intakeChannel: 'window',
          applicant: { name: '王桂兰', idNumber: '370883194811204522', phone: '13800000003', address: '邹城市钢山街道孟庄社区' },
          materials: [...needed].map((materialId) => ({ materialId, source: 'paper', checkedOriginal: true, copies: 1 })),
          situationAnswers, deliveryMethod: 'pickup', declaration: true,
          // the demo form of this item (src/server/seed/forms.ts), filled as at the window
          formData: {
            members: [{ name: '王桂兰', relation: 'self', idNumber: '370883194811204522', income: 380 }],
            housing: 'own', hardships: ['old', 'illness'], reason: '本人年老体弱，无固定收入，常年服药，生活困难',
            address: { regionCode: GANGSHAN, regionName: '钢山街道', detail: '北关路 9 号' }, bankName: 'rcb', accountNo: '6228480319870001111',
          },
        };
        return { body: submitBody, headers: { ...headers, 'idempotency-key': `bench-${randomUUID()}` } };
      },
      target: { minReqPerSec: 1000, maxP99Ms: 50 },
    },
    {
      name: `work queue, 钢山街道 clerk, ${fmt(COUNT)} cases (mix)`,
      description:
        `GET /api/v1/cases as gangshan.clerk over ${fmt(COUNT)} cases (about 13 % of them in 钢山街道): what the workbench asks ` +
        'when it opens the queue — pages 1–5 by urgency, the status tabs\' counts, two status lists and the overdue list.',
      method: 'GET',
      path: QUEUE_PATHS[0]!,
      paths: QUEUE_PATHS,
      connections: 10,
      setup: async (ctx) => ({ headers: await ctx.staffSession('gangshan.clerk') }),
      target: { maxP99Ms: 50 },
    },
    {
      name: `work queue, city admin, ${fmt(COUNT)} cases (mix)`,
      description: 'The same mix as the city administrator, whose scope is every case in the county.',
      method: 'GET',
      path: QUEUE_PATHS[0]!,
      paths: QUEUE_PATHS,
      connections: 10,
      setup: async (ctx) => ({ headers: await ctx.staffSession('admin') }),
    },
  ],
  tasks: [
    {
      name: `time-limit warning scan, ${fmt(COUNT)} cases (county mix)`,
      description: 'scanTimeLimitWarnings over the main data set: every open case in yellow or red today, as the notifier runs it.',
      targetMs: 2000,
      async run(ctx) {
        const deps = await benchDeps(ctx);
        try {
          return await timeScan(deps);
        } finally {
          await deps.dbh.close();
        }
      },
    },
    {
      name: `time-limit warning scan, ${fmt(COUNT)} open cases`,
      description: 'scanTimeLimitWarnings over a stress set in which every case is still open (a database of its own).',
      targetMs: 2000,
      async run(ctx) {
        const s = await stressDeps(ctx);
        try {
          const r = await timeScan(s.deps);
          return { ms: r.ms, note: `${r.note}; ${s.note}` };
        } finally {
          await s.drop();
        }
      },
    },
  ],
};
