/**
 * Validates the HTML a page renders (the live DOM, serialised after React and antd have run) with
 * html-validate: the HTML standard (content models, nesting, ids, attributes) and its WCAG rules.
 * Used by tests/e2e/a11y.spec.ts for every route; also runnable on saved pages:
 *
 *   npx tsx scripts/a11y/html-validate.ts page.html [more.html …]
 */
import { readFile } from 'node:fs/promises';
import { HtmlValidate, type ConfigData, type Message } from 'html-validate';

export const HTML_VALIDATE_CONFIG: ConfigData = {
  extends: ['html-validate:standard', 'html-validate:a11y'],
  rules: {
    // antd and React write style="" attributes and inline <style> elements by design (CSS-in-JS).
    'no-inline-style': 'off',
    // Headings in order: one h1, no skipped levels (GB/T 37668 / WCAG 1.3.1).
    'heading-level': 'error',
    // Naming a list or a search form (aria-label / aria-labelledby) is valid ARIA; screen readers
    // announce the name ("个人办事，列表，18 项"). html-validate only advises against it.
    'aria-label-misuse': ['error', { allowAnyNamable: true }],
    // antd's password field shows/hides the password with <span role="button" tabindex="0"> that
    // handles Enter and Space itself; everything of ours uses <button>.
    'prefer-native-element': ['error', { exclude: ['button'] }],
  },
};

const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);

export interface HtmlProblem {
  rule: string;
  message: string;
  line: number;
  selector: string | null;
}

export async function validateHtml(html: string): Promise<HtmlProblem[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) =>
    r.messages.map((m: Message) => ({ rule: m.ruleId, message: m.message, line: m.line, selector: m.selector })),
  );
}

export function formatProblems(problems: HtmlProblem[]): string {
  return problems.map((p) => `  ${p.rule}: ${p.message}${p.selector ? `\n    at ${p.selector}` : ''}`).join('\n');
}

// Command line: validate saved files.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    const problems = await validateHtml(await readFile(file, 'utf8'));
    console.log(`${file}: ${problems.length} problem(s)`);
    if (problems.length) console.log(formatProblems(problems));
    failed += problems.length;
  }
  process.exitCode = failed ? 1 : 0;
}
