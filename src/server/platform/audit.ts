import { createHash } from 'node:crypto';
import { PostgresAdapter } from 'kysely';
import type { DbOrTx } from '../db/index.js';
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

/**
 * Appends one audit row. Call it inside the transaction that makes the change, so the change and
 * its record commit or roll back together.
 */
export async function recordAudit(tx: DbOrTx, ctx: RequestContext, entry: AuditEntry, clock: Clock = systemClock): Promise<number> {
  const [seq] = await recordAudits(tx, [{ ctx, entry }], clock);
  return seq!;
}

/**
 * Appends several audit rows in order (a batch of submissions written in one transaction): one
 * bump of the head row for all of them, the chain computed here, one insert. Bumping the head row
 * first takes its row lock (PostgreSQL) / the write lock (SQLite), so concurrent writers extend
 * the chain one at a time; call it last in the transaction, so the lock is held briefly.
 */
export async function recordAudits(tx: DbOrTx, items: readonly { ctx: RequestContext; entry: AuditEntry }[], clock: Clock = systemClock): Promise<number[]> {
  if (items.length === 0) return [];
  const head = await tx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', items.length) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const at = iso(clock.now());
  let prevHash = head.hash;
  const rows = items.map(({ ctx, entry }, i) => {
    const row: HashedFields = {
      seq: head.seq - items.length + 1 + i,
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
  if (tx.getExecutor().adapter instanceof PostgresAdapter) {
    // One round trip instead of two while the head row is locked (every writer waits on it).
    await tx.with('logged', (db) => db.insertInto('audit_log').values(rows).returning('seq')).updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
  } else {
    await tx.insertInto('audit_log').values(rows).execute();
    await tx.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
  }
  return rows.map((r) => r.seq);
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
