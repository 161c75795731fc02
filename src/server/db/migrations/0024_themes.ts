import type { Kysely } from 'kysely';

/**
 * 一件事 themed services (issue 16; the themes module's tables).
 *
 * themes: one row per theme — its code (the address, /themes/birth), subject (person | enterprise)
 * and category (a life event or an enterprise stage) for browsing, the name, status (draft: never
 * published; published; withdrawn: no longer offered, its applications still shown), the draft
 * the administrators edit (JSON ThemeDefinition) and the number of its newest published version
 * (0: none yet).
 * theme_versions: each published definition, kept: an application names the version it was made
 * under, so later edits never change what it was.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('themes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('themes_browse').on('themes').columns(['status', 'subject', 'category']).execute();

  await db.schema
    .createTable('theme_versions')
    .addColumn('theme_code', 'text', (c) => c.notNull().references('themes.code'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('theme_versions_pk', ['theme_code', 'version'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('theme_versions').execute();
  await db.schema.dropTable('themes').execute();
}
