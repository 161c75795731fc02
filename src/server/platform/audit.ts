import { createHash } from 'node:crypto';
import { runTogether, type Db, type DbOrTx } from '../db/index.js';
import type { AuditLogTable } from '../db/types.js';
import type { RequestContext } from './context.js';
import { iso, systemClock, type Clock } from './ids.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  /** What changed. Personal numbers must already be masked by the caller. */
  summary?: Record<string, unknown>;
  onBehalfOf?: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The prefix of a keyed hash: HMAC-SHA256 under the audit key. Rows written before the chain was
 * keyed hold the bare hex of a plain SHA-256, which anyone who can write the database could
 * recompute; the verifier accepts those only up to the sealed boundary (sealUnkeyedRows).
 */
const KEYED = 'h1:';

/** The audit chain's key: HMAC-SHA256 (hex) under a key derived from the master key (DataProtector). */
export interface AuditKey {
  auditMac(data: string): string;
}

/**
 * Each database's audit key, found through its adapter: one object per Kysely instance, shared by
 * its transactions and connections, so `recordAudit(tx, …)` finds the key through the `tx` every
 * caller already passes. Per database rather than one for the process: test apps, each with a
 * master key of its own, run side by side in one process.
 */
const keys = new WeakMap<object, AuditKey>();

/** Signs `db`'s audit rows with `key` from now on (createDeps, once per database handle). */
export function bindAuditKey(db: Db, key: AuditKey): void {
  keys.set(db.getExecutor().adapter, key);
}

function keyOf(db: DbOrTx): AuditKey {
  const key = keys.get(db.getExecutor().adapter);
  if (!key) throw new Error('no audit key is bound to this database handle (createDeps binds it: platform/audit.ts bindAuditKey)');
  return key;
}

type HashedFields = Omit<AuditLogTable, 'hash'>;

/** Every column but the hash, in a fixed order, chained through prev_hash. */
const canonical = (row: HashedFields): string => JSON.stringify([
  row.seq, row.at, row.actor_kind, row.actor_id, row.actor_name, row.on_behalf_of, row.action,
  row.entity_type, row.entity_id, row.region_code, row.summary, row.channel, row.ip, row.prev_hash,
]);

const keyedRowHash = (key: AuditKey, row: HashedFields): string => KEYED + key.auditMac(canonical(row));
const unkeyedRowHash = (row: HashedFields): string => createHash('sha256').update(canonical(row)).digest('hex');

/** What the seal covers: a string array, which no row's canonical form (it starts with a number) can equal. */
const sealInput = (seq: number, hash: string): string => JSON.stringify(['audit/unkeyed-rows', Number(seq), hash]);

/**
 * Seals where the rows written before the chain was keyed end (migration 0009 recorded it).
 * Called only by the process that has just run that migration: sealing whatever boundary the
 * database shows at some later start would sign what anyone who can write the database put there.
 */
export async function sealUnkeyedRows(db: Db): Promise<void> {
  const key = keyOf(db);
  const head = await db.selectFrom('audit_head').select(['unkeyed_seq', 'unkeyed_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.unkeyed_hash === null) return;
  await db.updateTable('audit_head').set({ unkeyed_seal: key.auditMac(sealInput(head.unkeyed_seq, head.unkeyed_hash)) })
    .where('id', '=', 1).where('unkeyed_seal', 'is', null).execute();
}

function actorFields(ctx: RequestContext) {
  const a = ctx.actor;
  if (a.kind === 'staff') return { actor_kind: 'staff' as const, actor_id: a.id, actor_name: `${a.name}(${a.username})` };
  if (a.kind === 'citizen') return { actor_kind: 'citizen' as const, actor_id: a.id, actor_name: null };
  if (ctx.channel === 'system') return { actor_kind: 'system' as const, actor_id: null, actor_name: null };
  return { actor_kind: 'anonymous' as const, actor_id: null, actor_name: null };
}

/** The chain's head, as `reserveAudit` returns it: the last seq after the reservation, and the hash before it. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * Reserves `count` places on the chain: bumps the head's seq and returns it with the hash to chain
 * from. Bumping the head row takes its row lock (PostgreSQL) / the write lock (SQLite), so
 * concurrent writers extend the chain one at a time, until their transactions end.
 */
export const reserveAudit = (tx: DbOrTx, count: number) =>
  tx.updateTable('audit_head').set((eb) => ({ seq: eb('seq', '+', count) })).where('id', '=', 1).returning(['seq', 'hash']);

/**
 * The audit rows of `items` on the places `head` reserved, each hash chained to the one before
 * and keyed with `db`'s audit key.
 */
export function chainAudit(db: DbOrTx, head: AuditHead, items: readonly { ctx: RequestContext; entry: AuditEntry }[], clock: Clock = systemClock): { rows: AuditLogTable[]; lastHash: string } {
  const key = keyOf(db);
  const at = iso(clock.now());
  let prevHash = head.hash;
  const rows = items.map(({ ctx, entry }, i) => {
    const row: HashedFields = {
      seq: Number(head.seq) - items.length + 1 + i,
      at,
      ...actorFields(ctx),
      on_behalf_of: entry.onBehalfOf ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      region_code: entry.regionCode ?? null,
      summary: JSON.stringify(entry.summary ?? {}),
      channel: ctx.channel,
      ip: ctx.ip,
      prev_hash: prevHash,
    };
    prevHash = keyedRowHash(key, row);
    return { ...row, hash: prevHash };
  });
  return { rows, lastHash: prevHash };
}

/**
 * The guarded move of the chain's head from `from` to `to`, for a writer that chained rows on the
 * head it knew without reserving places (cases' submissions in one guarded statement): it updates
 * the head only while it is still `from` and returns its seq, so the statement sees whether it did
 * (db/index.ts writeIfUnchanged). Store the rows with the first of auditWrites.
 */
export const moveAuditHeadIfAt = (db: DbOrTx, from: AuditHead, to: AuditHead) =>
  db.updateTable('audit_head').set({ seq: to.seq, hash: to.hash })
    .where('id', '=', 1).where('seq', '=', from.seq).where('hash', '=', from.hash).returning('seq');

/** The statements that store chained rows and move the head's hash to the last of them. */
export const auditWrites = (tx: DbOrTx, chained: { rows: AuditLogTable[]; lastHash: string }) => [
  { query: tx.insertInto('audit_log').values(chained.rows) },
  { query: tx.updateTable('audit_head').set({ hash: chained.lastHash }).where('id', '=', 1) },
];

/**
 * Appends one audit row. Call it inside the transaction that makes the change, so the change and
 * its record commit or roll back together; call it last, so the chain's head is locked briefly.
 */
export async function recordAudit(tx: DbOrTx, ctx: RequestContext, entry: AuditEntry, clock: Clock = systemClock): Promise<number> {
  const head = await reserveAudit(tx, 1).executeTakeFirstOrThrow();
  const chained = chainAudit(tx, head, [{ ctx, entry }], clock);
  await runTogether(tx, auditWrites(tx, chained));
  return chained.rows[0]!.seq;
}

export type ChainReport =
  | { ok: true; rows: number; /** of which written before the chain was keyed */ unkeyedRows: number; /** the last row's hash */ head: string }
  | { ok: false; rows: number; brokenAtSeq: number; reason: string };

/**
 * Walks the chain in pages and reports the first row that was altered, removed or inserted. Rows
 * must carry a keyed hash under `key` (by default the one bound to `db`), except the rows written
 * before the chain was keyed, up to the sealed boundary: a plain row after it is a forgery, so a
 * chain cannot be rewritten by recomputing plain hashes.
 */
export async function verifyAuditChain(db: DbOrTx, opts: { key?: AuditKey; pageSize?: number } = {}): Promise<ChainReport> {
  const key = opts.key ?? keyOf(db);
  const pageSize = opts.pageSize ?? 5000;
  const boundary = await db.selectFrom('audit_head').select(['unkeyed_seq', 'unkeyed_hash', 'unkeyed_seal']).where('id', '=', 1).executeTakeFirst();
  const sealed = !!boundary && boundary.unkeyed_hash !== null && boundary.unkeyed_seal === key.auditMac(sealInput(boundary.unkeyed_seq, boundary.unkeyed_hash));
  const unkeyedUpTo = sealed ? Number(boundary.unkeyed_seq) : 0;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  const broken = (seq: number, reason: string): ChainReport => ({ ok: false, rows, brokenAtSeq: seq, reason });
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, `第 ${expectedSeq} 条记录缺失（下一条为第 ${row.seq} 条）`);
      if (row.prev_hash !== prevHash) return broken(row.seq, `第 ${row.seq} 条的前序哈希与上一条不符`);
      if (row.hash.startsWith(KEYED)) {
        if (keyedRowHash(key, row) !== row.hash) return broken(row.seq, `第 ${row.seq} 条内容已被修改，或签名所用的密钥不是本系统的数据主密钥`);
      } else if (row.seq > unkeyedUpTo) {
        return broken(row.seq, sealed
          ? `第 ${row.seq} 条没有密钥签名：启用签名前的旧记录只有前 ${unkeyedUpTo} 条，此后的记录都必须签名`
          : `第 ${row.seq} 条没有密钥签名，且没有有效封存的旧记录边界（缺失、被改动，或密钥不是本系统的数据主密钥）`);
      } else if (unkeyedRowHash(row) !== row.hash) {
        return broken(row.seq, `第 ${row.seq} 条内容已被修改`);
      }
      if (row.seq === unkeyedUpTo && row.hash !== boundary!.unkeyed_hash) {
        return broken(row.seq, `启用签名前的旧记录（第 1–${unkeyedUpTo} 条）与启用签名时封存的不符，其中有记录被改写`);
      }
      prevHash = row.hash;
      expectedSeq++;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  if (rows < unkeyedUpTo) return broken(rows + 1, `链尾缺失：启用签名时已有 ${unkeyedUpTo} 条，实有 ${rows} 条`);
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (head && (head.seq !== rows || head.hash !== prevHash)) {
    return broken(rows + 1, `链尾缺失：应有 ${head.seq} 条，实有 ${rows} 条`);
  }
  return { ok: true, rows, unkeyedRows: unkeyedUpTo, head: prevHash };
}
