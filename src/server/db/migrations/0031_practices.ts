import type { Kysely } from 'kysely';

/**
 * 典型案例 (issue 17 deliverable 7; the practices module's tables).
 * TODO(helper): the tables, documented here as 0027 does.
 */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
