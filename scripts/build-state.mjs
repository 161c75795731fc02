// Is the build in dist/ older than the sources? Shared by start.mjs and test.mjs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const st = statSync(target);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

const sourceTime = () =>
  Math.max(...['src', 'vite.config.ts', 'tsconfig.json', 'tsconfig.server.json', 'package-lock.json'].map((p) => newestMtime(path.join(root, p))));

export function buildIsStale() {
  const outputs = [path.join(root, 'dist/server/main.js'), path.join(root, 'dist/web/index.html')];
  if (outputs.some((o) => !existsSync(o))) return true;
  return Math.min(...outputs.map((o) => statSync(o).mtimeMs)) < sourceTime();
}
