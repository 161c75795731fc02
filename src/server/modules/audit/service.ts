import type { Deps } from '../../deps.js';
import { scopePaths } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  action?: string;
  page: number;
  pageSize: number;
}

/**
 * Audit rows in the actor's regions. Rows with no region (citizen sign-ins and the like) are shown
 * only to administrators of the first county of the tree (the deployment's own): a county imported
 * beside it in the same database sees only the rows of its own places.
 */
export async function listAudit(deps: Deps, actor: StaffActor, q: AuditQuery) {
  const paths = scopePaths(actor, 'audit.view');
  if (paths.length === 0) return { total: 0, items: [] };
  const [home] = (await deps.regions.childrenOf(null)) ?? [];
  const seesUnregioned = home !== undefined && paths.includes(home.path);
  const base = () => {
    let query = deps.dbh.db.selectFrom('audit_log as a').leftJoin('regions as r', 'r.code', 'a.region_code');
    query = query.where((eb) => {
      const inScope = paths.map((p) => eb('r.path', 'like', `${p}%`));
      return eb.or(seesUnregioned ? [...inScope, eb('a.region_code', 'is', null)] : inScope);
    });
    if (q.entityType) query = query.where('a.entity_type', '=', q.entityType);
    if (q.entityId) query = query.where('a.entity_id', '=', q.entityId);
    if (q.action) query = query.where('a.action', '=', q.action);
    return query;
  };
  const total = Number((await base().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base().selectAll('a').orderBy('a.seq', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return {
    total,
    items: rows.map((r) => ({
      seq: r.seq, at: r.at, actorKind: r.actor_kind, actorName: r.actor_name, onBehalfOf: r.on_behalf_of, action: r.action,
      entityType: r.entity_type, entityId: r.entity_id, regionCode: r.region_code, summary: JSON.parse(r.summary) as Record<string, unknown>,
      channel: r.channel, ip: r.ip,
    })),
  };
}
