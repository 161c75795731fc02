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
import lighthouse from 'lighthouse';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROME_PATH, launchBrowser, MODES, PAGES, root, setMode, startServer } from '../lighthouse-setup.mjs';

const FORM_FACTORS = (process.env.LH_FORM_FACTORS ?? 'mobile,desktop').split(',').map((s) => s.trim()).filter(Boolean);
const MIN_SCORE = Number(process.env.MIN_SCORE ?? 100);
const CDP_PORT = Number(process.env.LH_CDP_PORT ?? 9333);
const outDir = path.join(root, 'test-results', 'lighthouse');

const server = await startServer(process.env.LH_PORT ?? '3170');
const browser = await launchBrowser(CDP_PORT);
const { page } = browser;
mkdirSync(outDir, { recursive: true });

const rows = [];
try {
  for (const mode of MODES) {
    await setMode(page, server.base, mode);
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
  await browser.close();
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
