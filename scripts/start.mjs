// npm start: build what is missing or stale, then run the server in this process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsStale, root } from './build-state.mjs';

if (buildIsStale()) {
  console.log('正在构建（首次启动约需一分钟）… building the app (about a minute the first time)');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('构建失败 (build failed)');
    process.exit(result.status ?? 1);
  }
}
await import(pathToFileURL(path.join(root, 'dist/server/main.js')).href);
