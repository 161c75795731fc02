import type { Kysely } from 'kysely';

/**
 * 帮办代办员 (issue 14, DOMAIN.md §5): the helpers' roster.
 *
 * helpers: one person who helps people with their business (村两委, 党员, 社区工作者, 网格员, 志愿者, 退休干部).
 * - type: a code of shared/helpers.ts HELPER_TYPE_CODES (village_committee, party_member …).
 * - phone_enc: the work phone, encrypted like staff phones (platform/crypto.ts DataProtector). It is
 *   public on the roster by design, but the table holds it as personal data: lists for
 *   administrators, audit entries and logs carry it masked.
 * - town_code, town_path: the town (镇/街道) the helper belongs to. Its administrators (helper.manage
 *   over it) manage the record; scope is a prefix test on town_path, as for role grants.
 * - staff_id: the linked staff account (role helper) that will use the helper workspace; null when
 *   the helper has no account. At most one helper per account (a unique index: several nulls allowed
 *   on both engines).
 * - is_coordinator 1: the town's 帮办代办 coordinator, who gets the requests no helper covers and is
 *   listed on every village page of the town.
 * - grid: the 网格 within the village the helper covers (free text, e.g. 第三网格：幸福路 1–12 号楼).
 * - item_codes: JSON array of the 14-digit item codes the helper helps with (empty: anything).
 * - duty: JSON { week: { '1': ['08:30-12:00'] … }, calendar: 'working' | 'own' } (ISO weekday →
 *   China-time intervals, as a venue's weekly hours); duty_note: free words (电话预约可上门).
 * - active 0: withdrawn from the roster (kept for history); version: bumped on each edit (409 when
 *   an edit was made on an older copy).
 *
 * helper_areas: the places a helper covers — villages of their town, or the town itself (then
 * every village of it). region_path is the place's path, for subtree questions (the areas under a
 * region) without joining `regions`.
 *
 * Indexes: a village's roster asks the areas by place (helper_areas_region: region_code →
 * helper_id) and the town's coordinators, a town's roster every active helper of the town
 * (helpers_town: town_code, active, is_coordinator); a helper's own areas come by the primary key.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('helpers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('town_code', 'text', (c) => c.notNull())
    .addColumn('town_path', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('is_coordinator', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grid', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('item_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('duty', 'text', (c) => c.notNull())
    .addColumn('duty_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('helpers_town').on('helpers').columns(['town_code', 'active', 'is_coordinator']).execute();
  await db.schema.createIndex('helpers_town_path').on('helpers').column('town_path').execute();
  await db.schema.createIndex('helpers_staff').on('helpers').column('staff_id').unique().execute();

  await db.schema
    .createTable('helper_areas')
    .addColumn('helper_id', 'text', (c) => c.notNull().references('helpers.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_path', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('helper_areas_pk', ['helper_id', 'region_code'])
    .execute();
  await db.schema.createIndex('helper_areas_region').on('helper_areas').columns(['region_code', 'helper_id']).execute();
  await db.schema.createIndex('helper_areas_path').on('helper_areas').column('region_path').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('helper_areas').execute();
  await db.schema.dropTable('helpers').execute();
}
