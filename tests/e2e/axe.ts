import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Every page scanned during a run, for the summary the journeys print at the end. */
export const scanned: { name: string; url: string; violations: number }[] = [];

/**
 * Scans the page with axe (WCAG 2.0/2.1 A and AA) and fails on ANY violation, printing each one
 * (rule, impact, help, and the offending elements) so the failure explains itself.
 */
export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  let results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length > 0) {
    // A toast fading out or a popup fading in is measured at its passing opacity (CI once saw a
    // closing message at contrast 3.07). A real violation is still there once the page has
    // settled: scan again then, and judge that scan.
    await settleAnimations(page);
    results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  }
  scanned.push({ name, url: page.url(), violations: results.violations.length });
  if (results.violations.length > 0) {
    const report = results.violations
      .map((v) => {
        const nodes = v.nodes
          .slice(0, 8)
          .map((n) => `      - ${n.target.join(' ')}\n        ${n.failureSummary?.replace(/\n/g, '\n        ')}\n        ${n.html.slice(0, 200)}`)
          .join('\n');
        return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element(s))\n    ${v.helpUrl}\n${nodes}`;
      })
      .join('\n');
    console.log(`\naxe violations on "${name}" (${page.url()}):\n${report}\n`);
  }
  expect(results.violations.map((v) => `${v.id} (${v.nodes.length})`), `axe violations on "${name}"`).toEqual([]);
}

/**
 * Waits (at most 5 s) until no finite CSS animation or transition is running: antd's entries and
 * exits (messages, popovers, drawers). Endless ones (spinners) do not count.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 5_000, polling: 100 },
    )
    .catch(() => undefined);
}

/** A full-page screenshot kept under test-results/e2e/screens/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/e2e/screens', { recursive: true });
  await page.screenshot({ path: `test-results/e2e/screens/${name}.png`, fullPage: true });
}

/** Scan and keep a screenshot: what every visited page gets. */
export async function checkPage(page: Page, name: string): Promise<void> {
  // Let antd's entry animations (drawers, dialogs, messages) finish: a half-faded or half-slid
  // element would be photographed mid-way and measured at the wrong contrast.
  await page.waitForTimeout(500);
  await settleAnimations(page);
  await screenshot(page, name);
  await expectNoAxeViolations(page, name);
}
