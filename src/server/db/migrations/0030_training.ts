import type { Kysely } from 'kysely';

/**
 * 培训记录 (issue 17 deliverable 5; the training module's tables).
 * TODO(helper): the tables, documented here as 0027 does.
 */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
