import { Migrator, sql, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DbHandle } from './index.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_catalog.js';
import * as m0003 from './migrations/0003_calendar.js';
import * as m0004 from './migrations/0004_cases.js';
import * as m0005 from './migrations/0005_case_forms.js';
import * as m0006 from './migrations/0006_notifications.js';
import * as m0007 from './migrations/0007_case_indexes.js';
import * as m0008 from './migrations/0008_write_guard.js';
import * as m0009 from './migrations/0009_audit_hmac.js';
import * as m0010 from './migrations/0010_sign_in_failures.js';
import * as m0011 from './migrations/0011_real_name.js';
import * as m0012 from './migrations/0012_case_agent_index.js';
import * as m0013 from './migrations/0013_case_eligibility.js';
import * as m0014 from './migrations/0014_venues.js';
import * as m0015 from './migrations/0015_terminal_events.js';
import * as m0016 from './migrations/0016_service_bus.js';
import * as m0017 from './migrations/0017_venue_assessments.js';
import * as m0018 from './migrations/0018_venue_fingerprint_indexes.js';
import * as m0019 from './migrations/0019_helpers.js';
import * as m0020 from './migrations/0020_help_requests.js';
import * as m0021 from './migrations/0021_help_visits_authorisations.js';
import * as m0022 from './migrations/0022_licences.js';
import * as m0023 from './migrations/0023_licence_codes.js';
import * as m0024 from './migrations/0024_themes.js';
import * as m0025 from './migrations/0025_theme_applications.js';
import * as m0026 from './migrations/0026_case_groups.js';
import * as m0027 from './migrations/0027_ratings.js';
import * as m0028 from './migrations/0028_case_figures.js';
import * as m0029 from './migrations/0029_reform_tasks.js';
import * as m0030 from './migrations/0030_training.js';
import * as m0031 from './migrations/0031_practices.js';
import * as m0032 from './migrations/0032_training_cases.js';
import * as m0033 from './migrations/0033_file_blobs.js';

/** Migrations are listed in code (not read from disk) so the same list runs from src/ and dist/. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_catalog': m0002,
  '0003_calendar': m0003,
  '0004_cases': m0004,
  '0005_case_forms': m0005,
  '0006_notifications': m0006,
  '0007_case_indexes': m0007,
  '0008_write_guard': m0008,
  '0009_audit_hmac': m0009,
  '0010_sign_in_failures': m0010,
  '0011_real_name': m0011,
  '0012_case_agent_index': m0012,
  '0013_case_eligibility': m0013,
  '0014_venues': m0014,
  '0015_terminal_events': m0015,
  '0016_service_bus': m0016,
  '0017_venue_assessments': m0017,
  '0018_venue_fingerprint_indexes': m0018,
  '0019_helpers': m0019,
  '0020_help_requests': m0020,
  '0021_help_visits_authorisations': m0021,
  '0022_licences': m0022,
  '0023_licence_codes': m0023,
  '0024_themes': m0024,
  '0025_theme_applications': m0025,
  '0026_case_groups': m0026,
  '0027_ratings': m0027,
  '0028_case_figures': m0028,
  '0029_reform_tasks': m0029,
  '0030_training': m0030,
  '0031_practices': m0031,
  '0032_training_cases': m0032,
  '0033_file_blobs': m0033,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(dbh: DbHandle): Promise<string[]> {
  return applied(await (await migratorFor(dbh)).migrateToLatest());
}

/** Up to `name` and no further: for tests of an upgrade from an older schema. */
export async function migrateUpTo(dbh: DbHandle, name: string): Promise<string[]> {
  return applied(await (await migratorFor(dbh)).migrateTo(name));
}

async function migratorFor(dbh: DbHandle): Promise<Migrator> {
  // On PostgreSQL, keep Kysely's bookkeeping tables in the schema we run in (search_path), or its
  // introspection finds another schema's tables and skips creating ours.
  let migrationTableSchema: string | undefined;
  if (dbh.engine === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(dbh.db);
    migrationTableSchema = rows[0]?.schema;
  }
  return new Migrator({ db: dbh.db, provider, migrationTableSchema });
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
