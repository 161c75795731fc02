/**
 * Every audit action the server writes has a Chinese label on the audit page (src/web/admin/
 * AuditPage.tsx ACTION_LABELS): an unlabelled one would show administrators its code. The actions
 * are read from the server's source: `action: 'x.y'` in recordAudit entries, and the literal an
 * audit-entry helper is called with (`auditEntry(row, 'x.y', …)`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS } from '../../src/web/admin/AuditPage.js';

const serverRoot = path.join(import.meta.dirname, '../../src/server');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const ACTION = String.raw`'([a-z_]+(?:\.[a-z_]+)+)'`;
// (not a parameter's type: `action: 'account.view' | 'account.manage'`)
const PATTERNS = [new RegExp(String.raw`\baction:\s*${ACTION}(?!\s*\|)`, 'g'), new RegExp(String.raw`\b[aA]uditEntry\([^,()]+,\s*${ACTION}`, 'g')];

describe('audit action labels', () => {
  it('labels every action the server records', () => {
    const found = new Map<string, string>();
    for (const file of sources(serverRoot)) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('recordAudit') && !/[aA]uditEntry/.test(text)) continue;
      for (const pattern of PATTERNS) for (const m of text.matchAll(pattern)) found.set(m[1]!, path.relative(serverRoot, file));
    }
    expect(found.size).toBeGreaterThan(40);
    const unlabelled = [...found].filter(([action]) => !(action in ACTION_LABELS)).map(([action, file]) => `${action} (${file})`);
    expect(unlabelled).toEqual([]);
  });
});
