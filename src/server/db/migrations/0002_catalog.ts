import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text')
    /** where the bytes are (file store key); null for generated files */
    .addColumn('storage_key', 'text')
    /** 'upload' | 'blank-form' (generated on first download from `meta`) */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  await db.schema
    .createTable('catalogs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('demonstration', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalogs_region_level', ['region_code', 'level'])
    .execute();

  await db.schema
    .createTable('catalog_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalogs.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('based_on_id', 'text')
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('effective_date', 'text')
    .addUniqueConstraint('catalog_versions_no', ['catalog_id', 'version_no'])
    .execute();
  await db.schema.createIndex('catalog_versions_status').on('catalog_versions').columns(['catalog_id', 'status']).execute();

  await db.schema
    .createTable('catalog_items')
    .addColumn('version_id', 'text', (c) => c.notNull().references('catalog_versions.id').onDelete('cascade'))
    .addColumn('row_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_items_pk', ['version_id', 'row_code'])
    .execute();

  await db.schema
    .createTable('catalog_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalogs.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('catalog_versions.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** JSON: the diff against the version it replaced */
    .addColumn('diff', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_notices_published').on('catalog_notices').column('published_at').execute();

  await db.schema
    .createTable('impl_lists')
    .addColumn('region_code', 'text', (c) => c.primaryKey().references('regions.code'))
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalogs.id'))
    .addColumn('profile_draft', 'text', (c) => c.notNull())
    .addColumn('profile_published', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dirty', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .execute();
  await db.schema.createIndex('impl_lists_catalog').on('impl_lists').column('catalog_id').execute();

  await db.schema
    .createTable('impl_item_overrides')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('row_code', 'text', (c) => c.notNull())
    .addColumn('draft', 'text')
    .addColumn('published', 'text')
    .addPrimaryKeyConstraint('impl_item_overrides_pk', ['region_code', 'row_code'])
    .execute();

  await db.schema
    .createTable('search_synonyms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('term', 'text', (c) => c.notNull().unique())
    /** JSON array of the words the term stands for */
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['search_synonyms', 'impl_item_overrides', 'impl_lists', 'catalog_notices', 'catalog_items', 'catalog_versions', 'catalogs', 'files']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
