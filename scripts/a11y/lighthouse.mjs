#!/usr/bin/env node
/**
 * Lighthouse accessibility scores of the key public pages, measured with the system Chromium, in
 * normal and 长辈版 (elder) mode, with Lighthouse's phone and desktop settings.
 *
 *   npm run build && npm run a11y:lighthouse
 *     starts a fresh demo server (tests/e2e/start-server.mjs) on LH_PORT (default 3170) and stops it
 *   BASE_URL=http://127.0.0.1:3600 npm run a11y:lighthouse
 *     scores a server that is already running
 *
 * Environment: CHROME_PATH (default /usr/bin/chromium), MIN_SCORE (default 100: any page below it
 * makes the exit code 1), LH_FORM_FACTORS (default "mobile,desktop"). Full reports are written to
 * test-results/lighthouse/.
 */
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
/** Keep in step with LIGHTHOUSE_PAGES in tests/e2e/routes.ts (add the map here when it is built). */
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'search', path: '/items?q=dibao' },
  { name: 'guide', path: '/items/37050100100001?region=370883001' },
];
const MODES = ['normal', 'elder'];
const FORM_FACTORS = (process.env.LH_FORM_FACTORS ?? 'mobile,desktop').split(',').map((s) => s.trim()).filter(Boolean);
const MIN_SCORE = Number(process.env.MIN_SCORE ?? 100);
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CDP_PORT = Number(process.env.LH_CDP_PORT ?? 9333);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const outDir = path.join(root, 'test-results', 'lighthouse');

async function waitForHealth(base, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server at ${base} did not answer /api/health`);
}

/** A fresh demo server, unless BASE_URL points at one. */
async function startServer() {
  if (process.env.BASE_URL) return { base: process.env.BASE_URL.replace(/\/$/, ''), stop: async () => undefined };
  const port = process.env.LH_PORT ?? '3170';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bianmin-lighthouse-'));
  const child = spawn(process.execPath, [path.join(root, 'tests', 'e2e', 'start-server.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, E2E_PORT: port, E2E_DATA_DIR: dataDir },
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base);
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const server = await startServer();
const profile = mkdtempSync(path.join(os.tmpdir(), 'bianmin-lighthouse-profile-'));
// A persistent context is the browser's default profile, which Lighthouse's tabs share: the
// 长辈版 setting written to localStorage here is what the audited page reads.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROME_PATH,
  headless: true,
  args: [...FLAGS, `--remote-debugging-port=${CDP_PORT}`],
});
const page = context.pages()[0] ?? (await context.newPage());
mkdirSync(outDir, { recursive: true });

const rows = [];
try {
  for (const mode of MODES) {
    await page.goto(`${server.base}/accessibility`);
    await page.evaluate(
      (elder) => globalThis.localStorage.setItem('bianmin.a11y', JSON.stringify({ elder, font: 1, contrast: false, bigCursor: false, rate: 'normal' })),
      mode === 'elder',
    );
    for (const formFactor of FORM_FACTORS) {
      for (const p of PAGES) {
        const url = `${server.base}${p.path}`;
        const desktop = formFactor === 'desktop';
        const result = await lighthouse(
          url,
          {
            port: CDP_PORT,
            output: 'html',
            logLevel: 'error',
            onlyCategories: ['accessibility'],
            // The page as audited, to check 长辈版 was on (reports show it at the top).
            onlyAudits: ['final-screenshot'],
            disableStorageReset: true,
            formFactor,
            screenEmulation: desktop
              ? { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false }
              : { mobile: true, width: 412, height: 823, deviceScaleFactor: 1.75, disabled: false },
            throttlingMethod: 'provided',
          },
          undefined,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { lhr, report } = result;
        const score = Math.round((lhr.categories.accessibility.score ?? 0) * 100);
        const failed = Object.values(lhr.audits)
          .filter((a) => a.scoreDisplayMode === 'binary' && a.score === 0)
          .map((a) => `${a.id}: ${a.title}`);
        writeFileSync(path.join(outDir, `${p.name}-${mode}-${formFactor}.html`), Array.isArray(report) ? report[0] : report);
        rows.push({ page: p.name, mode, formFactor, score, failed, url, version: lhr.lighthouseVersion });
      }
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.stop();
}

console.log(`\nLighthouse ${rows[0]?.version ?? ''} accessibility scores (Chromium at ${CHROME_PATH})`);
for (const r of rows) {
  console.log(`  ${r.page.padEnd(7)} ${r.mode.padEnd(7)} ${r.formFactor.padEnd(8)} ${String(r.score).padStart(3)}  ${r.url.replace(server.base, '')}`);
  for (const f of r.failed) console.log(`      ✗ ${f}`);
}
console.log(`reports: ${path.relative(root, outDir)}/`);
const low = rows.filter((r) => r.score < MIN_SCORE);
if (low.length) {
  console.log(`\n${low.length} page(s) below ${MIN_SCORE}`);
  process.exitCode = 1;
}
