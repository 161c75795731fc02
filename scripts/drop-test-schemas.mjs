// Drops the schemas earlier PostgreSQL test runs left in TEST_DATABASE_URL (t_ + 12 hex digits,
// see src/server/testing.ts). Run by npm test before the PostgreSQL run, when no test uses them.
import pg from 'pg';

const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
await client.connect();
const { rows } = await client.query("select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'");
for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
await client.end();
if (rows.length) console.log(`dropped ${rows.length} test schema(s) left by earlier runs`);
