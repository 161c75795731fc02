import type { Kysely } from 'kysely';

/**
 * 改革任务 (issue 17 deliverable 4; the reform module's tables): the work plan's tasks as the city
 * decomposes them, the lead region's progress reports with their evidence, acceptance and 督办.
 *
 * reform_tasks: one task of the plan. parent_id null for a top task; depth 1.. (a parent's progress
 * and status are computed from its sub-tasks when read, never stored, so they cannot drift).
 * - title, requirement (工作要求), source (where in the plan it comes from), seq (order among
 *   siblings, as the plan numbers them);
 * - lead_unit (牵头单位, words), lead_region_code/lead_region_path: the city or one town, whose staff
 *   holding reform.report report on it; cooperating: JSON array of unit names (配合单位);
 * - deadline: China date (完成时限);
 * - status: shared/reform.ts REFORM_STATUS_CODES (not_started, in_progress, awaiting (待验收),
 *   done); progress: the latest reported percent (0..100); submitted_at: when 100 % was reported;
 *   accepted_at/accepted_by: the city's acceptance; returned_at/returned_reason: the last return
 *   (the task is back in progress); reminded_at: the last 督办 reminder; last_report_on: the date
 *   of the latest report;
 * - version: optimistic concurrency (a stale write is 409).
 *
 * reform_events: the task's timeline, append-only: kind report (a progress report: reported_on,
 * percent, done_text, problems, next_steps), accept, return (note: the reason), remind (note: the
 * message), create, edit; by_id/by_name: the staff member; at: the instant.
 *
 * reform_evidence: a file (files.id; meta.purpose 'reform-evidence') uploaded for a task, and the
 * report it was attached to (event_id null until a report names it); uploaded_by may attach it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reform_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text')
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('requirement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lead_unit', 'text', (c) => c.notNull())
    .addColumn('lead_region_code', 'text', (c) => c.notNull())
    .addColumn('lead_region_path', 'text', (c) => c.notNull())
    .addColumn('cooperating', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_report_on', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('returned_reason', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('reform_tasks_parent').on('reform_tasks').columns(['parent_id', 'seq']).execute();
  await db.schema.createIndex('reform_tasks_lead').on('reform_tasks').columns(['lead_region_path', 'deadline']).execute();

  await db.schema
    .createTable('reform_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text')
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('reported_on', 'text')
    .addColumn('percent', 'integer')
    .addColumn('done_text', 'text')
    .addColumn('problems', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('reform_events_task').on('reform_events').columns(['task_id', 'at']).execute();

  await db.schema
    .createTable('reform_evidence')
    .addColumn('file_id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reform_evidence_task').on('reform_evidence').columns(['task_id', 'event_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['reform_evidence', 'reform_events', 'reform_tasks']) await db.schema.dropTable(t).execute();
}
