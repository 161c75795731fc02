import { createHash } from 'node:crypto';
import { runTogether, type DbOrTx } from '../db/index.js';
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

type HashedFields = Omit<AuditLogTable, 'hash'>;

/** The hash covers every column but itself, in a fixed order, chained through prev_hash. */
export function auditRowHash(row: HashedFields): string {
  const canonical = JSON.stringify([
    row.seq, row.at, row.actor_kind, row.actor_id, row.actor_name, row.on_behalf_of, row.action,
    row.entity_type, row.entity_id, row.region_code, row.summary, row.channel, row.ip, row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
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

/** The audit rows of `items` on the places `head` reserved, each hash chained to the one before. */
export function chainAudit(head: AuditHead, items: readonly { ctx: RequestContext; entry: AuditEntry }[], clock: Clock = systemClock): { rows: AuditLogTable[]; lastHash: string } {
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
    prevHash = auditRowHash(row);
    return { ...row, hash: prevHash };
  });
  return { rows, lastHash: prevHash };
}

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
  const chained = chainAudit(head, [{ ctx, entry }], clock);
  await runTogether(tx, auditWrites(tx, chained));
  return chained.rows[0]!.seq;
}

export type ChainReport =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAtSeq: number; reason: string };

/** Walks the chain in pages and reports the first row that was altered, removed or inserted. */
export async function verifyAuditChain(db: DbOrTx, pageSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      if (row.seq !== expectedSeq) {
        return { ok: false, rows, brokenAtSeq: expectedSeq, reason: `第 ${expectedSeq} 条记录缺失（下一条为第 ${row.seq} 条）` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, rows, brokenAtSeq: row.seq, reason: `第 ${row.seq} 条的前序哈希与上一条不符` };
      }
      if (auditRowHash(row) !== row.hash) {
        return { ok: false, rows, brokenAtSeq: row.seq, reason: `第 ${row.seq} 条内容已被修改` };
      }
      prevHash = row.hash;
      expectedSeq++;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (head && (head.seq !== rows || head.hash !== prevHash)) {
    return { ok: false, rows, brokenAtSeq: rows + 1, reason: `链尾缺失：应有 ${head.seq} 条，实有 ${rows} 条` };
  }
  return { ok: true, rows };
}
