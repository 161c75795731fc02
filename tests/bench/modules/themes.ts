// Target of the 一件事 issue (issue 16, "Targets"): submitting a theme of 5 items (one theme
// application + 5 child cases, atomically) ≥ 300 themes/s with p99 < 100 ms, on both engines.
//
// The theme is the demo's 残疾人服务一件事 at 钢山街道, answered so that five of its items apply
// (残疾人证, 困难残疾人生活补贴, 重度残疾人护理补贴, 辅助器具适配, 就业岗位推荐). Each request is what
// the portal sends: the shared fields once, each item's own fields and 情形, every material as an
// uploaded file, with a fresh Idempotency-Key. The applicants are CITIZENS new accounts with
// 实名信息, each with their own upload, taking turns. A real account applies at most 20 times a
// day (CITIZEN_APPLICATIONS_PER_DAY); the run makes thousands of cases, so the bench server raises
// the limit (tests/bench/server.ts), and enough accounts share the load that each has no more of
// today's cases to count than the allowance check would meet in a busy day's worth of real use
// (hundreds, not thousands, by the end of the run).
import { sampleApplication, type ThemeDetailForTests } from '../../../src/server/modules/themes/fixtures.js';
import type { BenchContext, BenchModule, RequestVariant } from '../types.js';

const THEME = 'disability';
const GANGSHAN = '370883001';
const ANSWERS = { economy: 'dibao', severity: 'severe', needs: 'aids', work: 'job' };
const CITIZENS = 400;
/** accounts set up at once */
const SETUP_CONCURRENCY = 8;

/** A new citizen (a phone of the run) signed in, with 实名信息 and one uploaded PDF. */
async function applicant(ctx: BenchContext, i: number, runId: number): Promise<{ headers: Record<string, string>; fileId: string }> {
  const phone = `135${String((runId + i) % 100_000_000).padStart(8, '0')}`;
  // each account from an address of its own (the bench server trusts X-Forwarded-For from loopback):
  // the per-address limits on codes, sign-ins and 实名信息 changes are for one person's device
  const from = { 'x-forwarded-for': `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}` };
  const sent = await ctx.request('POST', '/api/v1/auth/citizen/sms-code', { body: { phone }, headers: from });
  const code = (sent.json as { demoCode?: string }).demoCode;
  if (!code) throw new Error(`no demo SMS code: ${sent.status} ${sent.text.slice(0, 200)}`);
  const res = await ctx.request('POST', '/api/v1/auth/citizen/login', { body: { phone, code }, headers: from });
  if (res.status !== 200) throw new Error(`citizen login answered ${res.status}`);
  const headers = { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': (res.json as { csrfToken: string }).csrfToken };
  const setupHeaders = { ...headers, ...from };
  const first17 = `3708831980${String(1 + (i % 9)).padStart(2, '0')}1${i % 10}${String(100 + i).slice(-3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const idNumber = first17 + '10X98765432'[[...first17].reduce((s, d, k) => s + Number(d) * weights[k]!, 0) % 11]!;
  const profile = await ctx.request('PUT', '/api/v1/me/profile', { body: { name: `孔德${'一二三四五六七八九十'[i % 10]}`, idNumber }, headers: setupHeaders });
  if (profile.status !== 200) throw new Error(`实名信息 answered ${profile.status}: ${profile.text.slice(0, 200)}`);
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], { type: 'application/pdf' }), '材料.pdf');
  const up = await fetch(`${ctx.baseUrl}/api/v1/cases/uploads`, { method: 'POST', body: form, headers: setupHeaders });
  const upload = (await up.json()) as { id?: string };
  if (up.status !== 201 || !upload.id) throw new Error(`upload answered ${up.status}`);
  return { headers, fileId: upload.id };
}

export const themes: BenchModule = {
  name: 'themes',
  scenarios: [
    {
      name: '一件事 submission, 5 items',
      description:
        `POST /api/v1/themes/${THEME}/applications at 钢山街道 by ${CITIZENS} citizens in turn, each request a fresh Idempotency-Key: ` +
        'the theme\'s questions decide five items; each child is checked as its own application (form, 情形, materials, routing) and the ' +
        'theme application, its five cases, their materials and first events, the audit entry and one 申请已提交 text are one commit.',
      method: 'POST',
      path: `/api/v1/themes/${THEME}/applications`,
      connections: 10,
      uniqueHeader: 'idempotency-key',
      async setup(ctx) {
        const detail = await ctx.request('GET', `/api/v1/themes/${THEME}?region=${GANGSHAN}`);
        if (detail.status !== 200) throw new Error(`theme ${THEME} answered ${detail.status}`);
        const theme = detail.json as Omit<ThemeDetailForTests, 'items'> & { items: (ThemeDetailForTests['items'][number] & { when: { question: string; anyOf: string[] } | null })[] };
        const applies = theme.items.filter((i) => !i.when || i.when.anyOf.includes(ANSWERS[i.when.question as keyof typeof ANSWERS])).map((i) => i.code);
        if (applies.length !== 5) throw new Error(`the answers make ${applies.length} items apply, not 5`);
        const variants: RequestVariant[] = [];
        const runId = Date.now();
        for (let first = 0; first < CITIZENS; first += SETUP_CONCURRENCY) {
          const made = await Promise.all(Array.from({ length: Math.min(SETUP_CONCURRENCY, CITIZENS - first) }, (_, k) => applicant(ctx, first + k, runId)));
          for (const a of made) variants.push({ headers: a.headers, body: sampleApplication(theme, { regionCode: GANGSHAN, fileId: a.fileId, answers: ANSWERS, applies }) });
        }
        return { variants, headers: { 'idempotency-key': `bench-precheck-${Date.now()}` } };
      },
      target: { minReqPerSec: 300, maxP99Ms: 100 },
    },
  ],
};
