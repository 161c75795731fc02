/**
 * Backup and restore round trip (cli/backup-archive.ts): an app on a real DATA_DIR (SQLite file,
 * or its own PostgreSQL schema when TEST_DB=postgres) with a citizen, an uploaded file and cases;
 * a backup taken while it runs; a restore into an empty target, opened as the server opens it: the
 * audit chain verifies, a citizen's phone, a case applicant's ID number and the uploaded file's
 * bytes are as they were. A non-empty target (then replaced with force), a changed byte, an edited
 * manifest, a wrong key and a key file inside the backup are refused. With FILE_STORE=database the
 * files are rows of the database copy, and come back with it.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createDeps } from '../bootstrap.js';
import { loadConfig, type Config } from '../config.js';
import type { Deps } from '../deps.js';
import { ensureSynonyms } from '../modules/catalog/index.js';
import { onlineBody, PDF, seedCaseCatalog, submitOk, uploadId, windowBody } from '../modules/cases/fixtures.js';
import { verifyAuditChain } from '../platform/audit.js';
import { LocalDiskStore } from '../platform/files.js';
import { ensureCalendar } from '../seed/calendar.js';
import { seedDemo } from '../seed/demo.js';
import { ensureRegions } from '../seed/regions.js';
import { createServices } from '../services.js';
import { createPgSchema, TestClient, TestClock, testEngine, type TestApp } from '../testing.js';
import { createBackup, parseKeyText, restoreBackup, verifyBackup } from './backup-archive.js';

const root = mkdtempSync(path.join(tmpdir(), 'bm-backup-'));
const log = pino({ level: 'silent' });
const pgBase = process.env.TEST_DATABASE_URL;
const dropDatabases: string[] = [];

const baseConfig = (dataDir: string, databaseUrl?: string): Config => ({
  ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), databaseUrl, serveWeb: false, citizenApplicationsPerDay: 10_000, licenceLibrary: 'none',
});

/** createTestApp's app, but on a DATA_DIR on disk with its secret.key, as a server runs. */
async function appOnDisk(config: Config): Promise<TestApp> {
  const clock = new TestClock();
  const deps = await createDeps(config, log, { clock });
  await ensureRegions(deps.dbh.db);
  await deps.regions.load();
  await ensureSynonyms(deps);
  await ensureCalendar(deps);
  await deps.calendar.load();
  await seedDemo(deps);
  const services = createServices(deps);
  const app = await buildApp(deps, services);
  await app.ready();
  return { app, deps, services, clock, close: async () => { await app.close(); await deps.dbh.close(); } };
}

/** A new empty database for the restore (PostgreSQL), dropped after the file. */
async function emptyPgDatabase(schema: string): Promise<string> {
  const name = `bm_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  dropDatabases.push(name);
  const url = new URL(pgBase!);
  url.pathname = `/${name}`;
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  if (dropDatabases.length === 0) return;
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  for (const name of dropDatabases) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

const CITIZEN_PHONE = '13800000002';
const WALK_IN_ID = '370883194811204522';

async function decryptedSample(deps: Deps, fileKey: string) {
  const db = deps.dbh.db;
  const citizen = await db.selectFrom('citizens').select(['phone_enc']).where('phone_hash', '=', deps.protector.lookupHash(CITIZEN_PHONE)).executeTakeFirstOrThrow();
  const walkIn = await db.selectFrom('cases').select(['applicant_id_enc']).where('applicant_id_hash', '=', deps.protector.lookupHash(WALK_IN_ID)).executeTakeFirstOrThrow();
  const cases = Number((await db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { phone: deps.protector.decrypt(citizen.phone_enc), idNumber: deps.protector.decrypt(walkIn.applicant_id_enc), file: await deps.files.get(fileKey), cases };
}

describe(`backup and restore (${testEngine()})`, () => {
  it('round-trips the data, the files and the key, and refuses a non-empty target, a changed byte and a wrong key', async () => {
    const srcDir = path.join(root, 'src');
    const srcUrl = testEngine() === 'postgres' ? (await createPgSchema(pgBase!)).url : undefined;
    const t = await appOnDisk(baseConfig(srcDir, srcUrl));
    const backupDir = path.join(root, 'backup');
    const keyFile = path.join(root, 'keys', 'data.key');
    let fileKey: string;
    let before: Awaited<ReturnType<typeof decryptedSample>>;
    let head: { seq: number; hash: string };
    try {
      await seedCaseCatalog(t);
      const citizen = await new TestClient(t.app).loginCitizen(CITIZEN_PHONE);
      const fileId = await uploadId(t, citizen);
      await submitOk(citizen, onlineBody(fileId));
      const clerk = await new TestClient(t.app).loginStaff('gangshan.clerk');
      await submitOk(clerk, windowBody());
      fileKey = (await t.deps.dbh.db.selectFrom('files').select('storage_key').where('id', '=', fileId).executeTakeFirstOrThrow()).storage_key!;
      before = await decryptedSample(t.deps, fileKey);
      expect(before.file.equals(PDF)).toBe(true);
      head = await t.deps.dbh.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();

      // the key may not go into the backup itself
      await expect(createBackup({ config: t.deps.config, out: backupDir, keyOut: path.join(backupDir, 'key') })).rejects.toThrow(/分开保管[\s\S]*apart/);
      // online: the app is still open (and its database connections with it)
      const made = await createBackup({ config: t.deps.config, out: backupDir, keyOut: keyFile });
      expect(made.manifest.engine).toBe(testEngine());
      expect(made.manifest.entries.some((e) => e.path.startsWith('files/'))).toBe(true);
      expect(readdirSync(backupDir).sort()).toEqual(['files', 'manifest.json', testEngine() === 'sqlite' ? 'bianmin.sqlite' : 'database.dump'].sort());
      expect(existsSync(path.join(backupDir, 'secret.key'))).toBe(false);
      expect(JSON.stringify(made.manifest)).not.toContain(readFileSync(path.join(srcDir, 'secret.key'), 'utf8').trim());
      expect(readFileSync(keyFile, 'utf8')).toBe(readFileSync(path.join(srcDir, 'secret.key'), 'utf8'));
    } finally {
      await t.close();
    }

    const key = parseKeyText(readFileSync(keyFile, 'utf8'), keyFile);
    const manifest = await verifyBackup(backupDir, key);
    const restoreUrl = manifest.pgSchema ? await emptyPgDatabase(manifest.pgSchema) : undefined;
    const restoredDir = path.join(root, 'restored');
    const restoreConfig = baseConfig(restoredDir, restoreUrl);

    // a wrong key is refused before anything is written
    await expect(restoreBackup({ config: restoreConfig, from: backupDir, key: randomBytes(32) })).rejects.toThrow(/指纹不符[\s\S]*fingerprint/);
    expect(existsSync(restoredDir)).toBe(false);

    // a changed byte in a stored file is refused by the SHA-256 check, before anything is written
    const tampered = path.join(root, 'tampered');
    cpSync(backupDir, tampered, { recursive: true });
    const victim = path.join(tampered, ...manifest.entries.find((e) => e.path.startsWith('files/'))!.path.split('/'));
    const bytes = readFileSync(victim);
    bytes[bytes.length - 1] ^= 0x01;
    writeFileSync(victim, bytes);
    await expect(restoreBackup({ config: restoreConfig, from: tampered, key })).rejects.toThrow(/SHA-256/);
    expect(existsSync(restoredDir)).toBe(false);
    // so is an edited manifest (its MAC is made with the data key)
    const edited = path.join(root, 'edited');
    cpSync(backupDir, edited, { recursive: true });
    writeFileSync(path.join(edited, 'manifest.json'), readFileSync(path.join(edited, 'manifest.json'), 'utf8').replace(/"createdAt": "[^"]+"/, '"createdAt": "2020-01-01T00:00:00.000Z"'));
    await expect(restoreBackup({ config: restoreConfig, from: edited, key })).rejects.toThrow(/MAC/);
    expect(existsSync(restoredDir)).toBe(false);

    const restored = await restoreBackup({ config: restoreConfig, from: backupDir, key });
    expect(restored.audit).toMatchObject({ ok: true, rows: head!.seq, head: head!.hash });

    // opened as the server opens it: its key from DATA_DIR/secret.key
    const deps = await createDeps(restoreConfig, log);
    try {
      expect(await verifyAuditChain(deps.dbh.db)).toMatchObject({ ok: true, rows: head!.seq });
      const after = await decryptedSample(deps, fileKey!);
      expect(after.phone).toBe(CITIZEN_PHONE);
      expect(after.idNumber).toBe(WALK_IN_ID);
      expect(after.file.equals(PDF)).toBe(true);
      expect(after).toEqual(before!);
      expect((await new LocalDiskStore(path.join(restoredDir, 'files'), deps.protector).get(fileKey!)).equals(PDF)).toBe(true);
    } finally {
      await deps.dbh.close();
    }

    // the target now holds data: refused without --force
    await expect(restoreBackup({ config: restoreConfig, from: backupDir, key })).rejects.toThrow(/不是空的[\s\S]*--force/);
    // with --force it is replaced, and the old data kept aside
    const forced = await restoreBackup({ config: restoreConfig, from: backupDir, key, force: true });
    expect(forced.audit.ok).toBe(true);
    expect(forced.previousDataDir && existsSync(forced.previousDataDir)).toBe(true);
  });

  it('round-trips files kept in the database (FILE_STORE=database): they travel inside the database copy', async () => {
    const srcDir = path.join(root, 'db-src');
    const srcUrl = testEngine() === 'postgres' ? (await createPgSchema(pgBase!)).url : undefined;
    const t = await appOnDisk({ ...baseConfig(srcDir, srcUrl), fileStore: 'database' });
    const backupDir = path.join(root, 'db-backup');
    let fileKey: string;
    try {
      await seedCaseCatalog(t);
      const citizen = await new TestClient(t.app).loginCitizen(CITIZEN_PHONE);
      const fileId = await uploadId(t, citizen);
      fileKey = (await t.deps.dbh.db.selectFrom('files').select('storage_key').where('id', '=', fileId).executeTakeFirstOrThrow()).storage_key!;
      const made = await createBackup({ config: t.deps.config, out: backupDir, keyOut: null });
      expect(made.manifest.entries.some((e) => e.path.startsWith('files/'))).toBe(false);
    } finally {
      await t.close();
    }
    const key = parseKeyText(readFileSync(path.join(srcDir, 'secret.key'), 'utf8'), 'secret.key');
    const manifest = await verifyBackup(backupDir, key);
    const restoreUrl = manifest.pgSchema ? await emptyPgDatabase(manifest.pgSchema) : undefined;
    const restoreConfig: Config = { ...baseConfig(path.join(root, 'db-restored'), restoreUrl), fileStore: 'database' };
    expect((await restoreBackup({ config: restoreConfig, from: backupDir, key })).audit.ok).toBe(true);
    const deps = await createDeps(restoreConfig, log);
    try {
      expect((await deps.files.get(fileKey!)).equals(PDF)).toBe(true);
    } finally {
      await deps.dbh.close();
    }
  });

  it('refuses a backup folder that is not empty and leaves no partial backup when it fails', async () => {
    const out = path.join(root, 'busy');
    mkdirSync(out);
    writeFileSync(path.join(out, 'x'), 'x');
    const config = baseConfig(path.join(root, 'nothing-here'));
    await expect(createBackup({ config, out, keyOut: null })).rejects.toThrow(/不是空的[\s\S]*not empty/);
    // no data key and no database: refused, nothing left behind
    const out2 = path.join(root, 'never');
    await expect(createBackup({ config, out: out2, keyOut: null })).rejects.toThrow(/找不到数据密钥/);
    expect(readdirSync(root).filter((n) => n.startsWith('never'))).toEqual([]);
  });
});
