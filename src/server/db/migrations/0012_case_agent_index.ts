import type { Kysely } from 'kysely';

/**
 * 我代办的 (GET /cases/taken-in): the cases a staff member took in (a helper's 代办, window
 * intake), most urgent first — read from one index, in order, instead of every case being scanned
 * for its agent. The key ends like the work queue's indexes (migration 0007).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_agent').on('cases').columns(['agent_staff_id', 'queue_rank', 'due_date', 'created_at', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_agent').ifExists().execute();
}
