/**
 * A real full disk (root only; the CI test src/server/faults/disk-full.test.ts simulates it
 * without root): the real server runs on a DATA_DIR that is a 32 MB tmpfs, a filler file takes
 * the space that is left, and an upload and a speech request must each answer 507 STORAGE_FULL,
 * leave no files row and no temporary file, and succeed once the filler is removed.
 *
 *   sudo npx tsx scripts/faults/disk-full-tmpfs.ts [--port 41300]
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { login, openTarget, startServer, stopServer, type Session } from './harness.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '41300' } } });
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
if (process.getuid?.() !== 0) {
  console.error('needs root (it mounts a tmpfs); without root run: npx vitest run src/server/faults/disk-full.test.ts');
  process.exit(2);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'bm-tmpfs-'));
execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m,mode=0700', 'tmpfs', dataDir]);
const filler = path.join(dataDir, 'filler');
const problems: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) problems.push(what);
};

/** Writes the filler until the file system refuses: the disk is then full. */
function fillDisk(): number {
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  let bytes = 0;
  try {
    for (;;) bytes += writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return bytes;
}

const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile()) : []);
const pdf = (tag: string) => Buffer.concat([Buffer.from(`%PDF-1.4\n% ${tag}\n`), Buffer.alloc(300 * 1024, 0x20), Buffer.from('\ntrailer<<>>\n%%EOF\n')]);

async function upload(s: Session, data: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), '申请表.pdf');
  return fetch(`${base}/api/v1/cases/uploads`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body: form, signal: AbortSignal.timeout(30_000) });
}
const speak = (text: string) => fetch(`${base}/api/v1/speech`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, rate: 'normal' }), signal: AbortSignal.timeout(60_000),
});
async function fileRows(): Promise<number> {
  const dbh = openTarget({ dataDir });
  try {
    return Number((await dbh.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  } finally {
    await dbh.close();
  }
}

const proc = await startServer({ dataDir }, port, { env: { SEED_DEMO_HISTORY: 'false' } });
try {
  const clerk = await login(base, 'gangshan.clerk');
  const rowsBefore = await fileRows();
  const stored = filesUnder(path.join(dataDir, 'files'));
  console.log(`filled the disk with ${(fillDisk() / 1024 / 1024).toFixed(1)} MB`);

  const full = await upload(clerk, pdf('full'));
  const body = await full.text();
  check(full.status === 507 && body.includes('"STORAGE_FULL"') && body.includes('存储空间已满'), `upload on a full disk answers 507 STORAGE_FULL (got ${full.status} ${body})`);
  check(await fileRows() === rowsBefore, 'no files row was written');
  check(JSON.stringify(filesUnder(path.join(dataDir, 'files'))) === JSON.stringify(stored), 'nothing was left under DATA_DIR/files');

  const text = `高龄津贴申领，请携带居民身份证和户口簿，到钢山街道便民服务中心窗口办理。${Date.now()}`;
  const mute = await speak(text);
  const muteBody = await mute.text();
  check(mute.status === 507 && muteBody.includes('"STORAGE_FULL"'), `speech on a full disk answers 507 STORAGE_FULL (got ${mute.status} ${muteBody})`);
  check(filesUnder(path.join(dataDir, 'speech')).length === 0, 'nothing was left under DATA_DIR/speech');

  unlinkSync(filler);
  const freed = await upload(clerk, pdf('freed'));
  check(freed.status === 201, `after space is freed the upload answers 201 (got ${freed.status})`);
  check(await fileRows() === rowsBefore + 1, 'and its files row is there');
  const spoken = await speak(text);
  check(spoken.status === 200, `after space is freed the same text is spoken (got ${spoken.status})`);
} finally {
  await stopServer(proc);
  execFileSync('umount', [dataDir]);
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(problems.length === 0 ? '\nfull disk: every check passed' : `\nfull disk: ${problems.length} check(s) failed`);
process.exit(problems.length === 0 ? 0 : 1);
