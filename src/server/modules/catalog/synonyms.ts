/** 群众常用说法 → 规范用词: editable data the search expands queries with. City admins keep it. */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { canAtTop, type Actor } from '../../platform/permissions.js';
import { bumpCatalogRevision } from './repo.js';

export class SynonymService {
  constructor(private readonly deps: Deps, private readonly onChanged: () => void) {}

  private async root(actor: Actor) {
    const root = await canAtTop(actor, 'catalog.manage', this.deps.regions);
    if (!root) throw forbidden('只有市级管理员可以维护同义词');
    return root;
  }

  async list(actor: Actor) {
    await this.root(actor);
    const rows = await this.deps.dbh.db.selectFrom('search_synonyms').selectAll().orderBy('term').execute();
    return { total: rows.length, items: rows.map((r) => ({ id: r.id, term: r.term, targets: JSON.parse(r.targets) as string[], updatedAt: r.updated_at })) };
  }

  async create(ctx: RequestContext, actor: Actor, input: { term: string; targets: string[] }) {
    const root = await this.root(actor);
    const now = iso(this.deps.clock.now());
    const id = newId();
    await this.deps.dbh.db.transaction().execute(async (tx) => {
      if (await tx.selectFrom('search_synonyms').select('id').where('term', '=', input.term).executeTakeFirst()) throw conflict('SYNONYM_EXISTS', `“${input.term}”已存在`);
      await tx.insertInto('search_synonyms').values({ id, term: input.term, targets: JSON.stringify(input.targets), created_at: now, updated_at: now }).execute();
      await bumpCatalogRevision(tx, now);
      await recordAudit(tx, ctx, { action: 'catalog.synonym.create', entityType: 'search_synonym', entityId: id, regionCode: root.code, summary: input }, this.deps.clock);
    });
    this.onChanged();
    return { id, term: input.term, targets: input.targets, updatedAt: now };
  }

  async remove(ctx: RequestContext, actor: Actor, id: string) {
    const root = await this.root(actor);
    const now = iso(this.deps.clock.now());
    await this.deps.dbh.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('search_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('同义词', 'SYNONYM_NOT_FOUND');
      await tx.deleteFrom('search_synonyms').where('id', '=', id).execute();
      await bumpCatalogRevision(tx, now);
      await recordAudit(tx, ctx, { action: 'catalog.synonym.delete', entityType: 'search_synonym', entityId: id, regionCode: root.code, summary: { term: row.term } }, this.deps.clock);
    });
    this.onChanged();
  }
}
