/**
 * What the Lighthouse scripts share (scripts/a11y/lighthouse.mjs: accessibility,
 * scripts/perf/lighthouse-perf.mjs: performance): the pages, the two display modes, a demo server
 * to measure, and a Chromium whose default profile holds the 长辈版 setting.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

/** Keep in step with LIGHTHOUSE_PAGES in tests/e2e/routes.ts. */
export const PAGES = [
  { name: 'home', path: '/' },
  { name: 'search', path: '/items?q=dibao' },
  { name: 'guide', path: '/items/37050100100001?region=370883001' },
  { name: 'map', path: '/map' },
];
export const MODES = ['normal', 'elder'];
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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

/**
 * A fresh demo server from dist/ (tests/e2e/start-server.mjs) on `port`, unless BASE_URL points at
 * one that is already running.
 */
export async function startServer(port) {
  if (process.env.BASE_URL) return { base: process.env.BASE_URL.replace(/\/$/, ''), stop: async () => undefined };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bianmin-lighthouse-'));
  const child = spawn(process.execPath, [path.join(root, 'tests', 'e2e', 'start-server.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, E2E_PORT: String(port), E2E_DATA_DIR: dataDir },
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

/**
 * The system Chromium with a remote-debugging port for Lighthouse. A persistent context is the
 * browser's default profile, which Lighthouse's tabs share: the 长辈版 setting written to
 * localStorage by `setMode` is what the audited page reads.
 */
export async function launchBrowser(cdpPort) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bianmin-lighthouse-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME_PATH,
    headless: true,
    args: [...FLAGS, `--remote-debugging-port=${cdpPort}`],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Stores the display mode (normal or 长辈版) as the toolbar does, on this device (localStorage). */
export async function setMode(page, base, mode) {
  await page.goto(`${base}/accessibility`);
  await page.evaluate(
    (elder) => globalThis.localStorage.setItem('bianmin.a11y', JSON.stringify({ elder, font: 1, contrast: false, bigCursor: false, rate: 'normal' })),
    mode === 'elder',
  );
}

/** Whether `url`, opened in the shared profile, shows 长辈版 (html[data-elder="on"]). */
export async function showsElder(page, url) {
  await page.goto(url);
  return page.evaluate(() => globalThis.document.documentElement.dataset.elder === 'on');
}
