/**
 * The demo themes (demo-themes.ts), published as version 1 where there are no themes yet; each
 * publication audited like an administrator's.
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import { systemContext } from '../../platform/context.js';
import { iso } from '../../platform/ids.js';
import { themeDefinitionSchema } from '../../../shared/themes.js';
import { DEMO_THEMES } from './demo-themes.js';

export async function hasThemes(deps: Pick<Deps, 'dbh'>): Promise<boolean> {
  return Boolean(await deps.dbh.db.selectFrom('themes').select('code').limit(1).executeTakeFirst());
}

/** Seeds the demo themes; returns how many (0 when any theme already exists). */
export async function seedDemoThemes(deps: Pick<Deps, 'dbh' | 'clock'>): Promise<number> {
  const { db } = deps.dbh;
  if (await hasThemes(deps)) return 0;
  const now = iso(deps.clock.now());
  await db.transaction().execute(async (tx) => {
    for (const theme of DEMO_THEMES) {
      const definition = JSON.stringify(themeDefinitionSchema.parse(theme.definition));
      const d = theme.definition;
      await tx.insertInto('themes').values({
        code: theme.code, subject: d.subject, category: d.category, name: d.name, status: 'published', draft: definition, version: 1,
        created_at: now, updated_at: now, updated_by: null,
      }).execute();
      await tx.insertInto('theme_versions').values({ theme_code: theme.code, version: 1, definition, published_at: now, published_by: null, note: '演示数据' }).execute();
      await recordAudit(tx, systemContext, { action: 'theme.publish', entityType: 'theme', entityId: theme.code, summary: { name: d.name, version: 1, demo: true } }, deps.clock);
    }
  });
  return DEMO_THEMES.length;
}
