// Targets of the electronic licences issue (issue 15, "Targets"):
// - GET /api/v1/licences/verify: ≥ 40 % of the baseline's req/s.
// - signing 亮证 codes: ≥ 5,000 codes a second (one core, in process).
// Data: the demo seed (张秀英 holds the demo library's 居民身份证 and 居民户口簿, and the
// 山东省老年人优待证 the platform issued when her demo case was approved).
//
// The verify load cycles through codes 张秀英 showed at setup. Every check runs in full — that the
// code is the platform's (the digest of the code as issued, read with the licence's state in one
// query; a code without a record would need its Ed25519 signature checked), its five minutes, the
// replay record (one insert that finds the code already recorded) — but only the harness's pre-check records a code for the first time: under
// load every code is a replay, whose insert writes no row. The "first checks" task times fresh
// codes one after another, the path with the insert.
import { performance } from 'node:perf_hooks';
import { decodeCode, generateSigningKey, privateKeyFromPem, publicKeyFromRaw, signCode, type CodePayload } from '../../../src/server/modules/licences/codes.js';
import type { BenchContext, BenchModule } from '../types.js';

const CODES = Number(process.env.BENCH_LICENCE_CODES || 1000);
const SIGNED = 20_000;

/** Signs 张秀英 in (demo SMS code) and returns the headers of a signed-in write. */
async function citizenSession(ctx: BenchContext): Promise<Record<string, string>> {
  const phone = '13800000001';
  const sent = await ctx.request('POST', '/api/v1/auth/citizen/sms-code', { body: { phone } });
  const code = (sent.json as { demoCode?: string }).demoCode;
  if (!code) throw new Error(`no demo SMS code: ${sent.status} ${sent.text.slice(0, 200)}`);
  const res = await ctx.request('POST', '/api/v1/auth/citizen/login', { body: { phone, code } });
  if (res.status !== 200) throw new Error(`citizen login answered ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (res.json as { csrfToken?: string }).csrfToken;
  if (!csrf) throw new Error('citizen login answered 200 without csrfToken');
  return { cookie, 'x-csrf-token': csrf };
}

/** One sign-in per run: SMS codes are one a minute per phone. */
let session: Promise<Record<string, string>> | undefined;

/** `n` codes of one of 张秀英's licences, as verify paths. */
async function showCodes(ctx: BenchContext, n: number): Promise<string[]> {
  session ??= citizenSession(ctx);
  const headers = await session;
  const wallet = await ctx.request('GET', '/api/v1/me/licences', { headers });
  const first = (wallet.json as { items?: { id: string }[] }).items?.[0];
  if (!first) throw new Error(`张秀英's wallet is empty: ${wallet.text.slice(0, 200)}`);
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const shown = await ctx.request('POST', `/api/v1/me/licences/${first.id}/show`, { body: { fields: ['holderName'] }, headers });
    const token = (shown.json as { token?: string }).token;
    if (!token) throw new Error(`show answered ${shown.status}: ${shown.text.slice(0, 200)}`);
    paths.push(`/api/v1/licences/verify?token=${encodeURIComponent(token)}`);
  }
  return paths;
}

const payload = (i: number): CodePayload => ({
  kid: 'kbench', lid: '01900000-0000-7000-8000-000000000000', n: `nonce-${i}`, iat: 1_800_000_000, exp: 1_800_000_300,
  t: '居民身份证', hm: '张**', num: '3708**********4223', iss: '邹城市公安局', io: '2016-03-18', vu: null, hn: '张秀英', f: [['住址', '山东省邹城市钢山街道孟庄社区']],
});

export const licences: BenchModule = {
  name: 'licences',
  scenarios: [
    {
      name: 'licence verify',
      description: `GET /api/v1/licences/verify over ${CODES} 亮证 codes: the platform's record of the code and the licence state (one read), then the replay record, on every request`,
      method: 'GET',
      path: '/api/v1/licences/verify?token=x',
      setup: async (ctx) => {
        const paths = await showCodes(ctx, CODES);
        return { path: paths[0]!, paths };
      },
      target: { minRatio: 0.4 },
    },
  ],
  tasks: [
    {
      name: 'licence code signing',
      description: `signs ${SIGNED.toLocaleString('en')} 亮证 codes (Ed25519) in process and checks one in 100; target ≥ 5,000 codes/s`,
      targetMs: (SIGNED / 5000) * 1000,
      async run() {
        const { publicKey, privateKeyPem } = generateSigningKey();
        const key = { kid: 'kbench', privateKey: privateKeyFromPem(privateKeyPem) };
        const pub = publicKeyFromRaw(publicKey);
        const t0 = performance.now();
        const codes: string[] = [];
        for (let i = 0; i < SIGNED; i++) codes.push(signCode(payload(i), key));
        const ms = performance.now() - t0;
        for (let i = 0; i < SIGNED; i += 100) {
          if (!decodeCode(codes[i]!, () => pub, 1_800_000_000).ok) throw new Error(`code ${i} does not verify`);
        }
        return { ms, note: `${Math.round(SIGNED / (ms / 1000)).toLocaleString('en')} codes/s` };
      },
    },
    {
      name: 'licence first checks',
      description: '200 fresh 亮证 codes checked one after another over HTTP (the path that records each code)',
      targetMs: 2000,
      async run(ctx) {
        const paths = await showCodes(ctx, 200);
        const t0 = performance.now();
        for (const p of paths) {
          const res = await ctx.request('GET', p);
          if ((res.json as { valid?: boolean }).valid !== true) throw new Error(`a fresh code was refused: ${res.text.slice(0, 200)}`);
        }
        const ms = performance.now() - t0;
        return { ms, note: `${(ms / paths.length).toFixed(2)} ms per first check` };
      },
    },
  ],
};
