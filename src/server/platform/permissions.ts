import { ACTIONS, GRANTABLE_ROLES, roleAllows, type Action, type StaffRole } from '../../shared/roles.js';
import type { Region, RegionRef, RegionTree } from './regions.js';

export interface Grant {
  id: string;
  role: StaffRole;
  regionCode: string;
  regionName: string;
  /** "/370883/370883001/" */
  regionPath: string;
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'citizen'; id: string; name: string | null; sessionId: string }
  | { kind: 'staff'; id: string; name: string; username: string; grants: Grant[]; sessionId: string };

export type { RegionRef };

const within = (target: RegionRef, grant: Grant) => target.path.startsWith(grant.regionPath);

/**
 * The one permission decision: may this actor do `action` to something in region `target`?
 * A staff role granted over a region covers that region's whole subtree.
 */
export function can(actor: Actor, action: Action, target: RegionRef): boolean {
  if (actor.kind !== 'staff') return false;
  return actor.grants.some((g) => roleAllows(g.role, action) && within(target, g));
}

/** May the actor do `action` anywhere at all (for menus and for list endpoints)? */
export function canSomewhere(actor: Actor, action: Action): boolean {
  return actor.kind === 'staff' && actor.grants.some((g) => roleAllows(g.role, action));
}

/**
 * The region subtrees (as path prefixes) where the actor may do `action`. Repositories filter
 * lists of people, cases and ratings with it. Empty means nothing is visible.
 */
export function scopePaths(actor: Actor, action: Action): string[] {
  if (actor.kind !== 'staff') return [];
  const paths = actor.grants.filter((g) => roleAllows(g.role, action)).map((g) => g.regionPath);
  // Drop paths already covered by a shorter one, so queries stay small.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/** May the actor grant `role` over `target`? Only roles no higher than one they hold there. */
export function canGrant(actor: Actor, role: StaffRole, target: RegionRef): boolean {
  if (actor.kind !== 'staff') return false;
  return actor.grants.some(
    (g) => roleAllows(g.role, 'account.manage') && within(target, g) && GRANTABLE_ROLES[g.role].includes(role),
  );
}

/**
 * "A city-level administrator" in one place: `action` granted over the top of the region tree
 * (the county). Returns the top region when the actor may, else null.
 */
export async function canAtTop(actor: Actor, action: Action, tree: RegionTree): Promise<Region | null> {
  const [top] = (await tree.childrenOf(null)) ?? [];
  return top && can(actor, action, tree.ref(top)) ? top : null;
}

/** What the signed-in person may do, for the web app to show (it derives nothing itself). */
export interface Abilities {
  /** each action held somewhere, with the region subtrees where it is held (the widest only) */
  actions: { action: Action; scope: { code: string; name: string }[] }[];
  /** actions held over the whole county: the city-level work (guidance catalogs, templates, calendar) */
  atTop: Action[];
  /** roles this person may grant (account administrators) */
  grantable: StaffRole[];
}

export async function abilitiesOf(actor: Actor, tree: RegionTree): Promise<Abilities> {
  if (actor.kind !== 'staff') return { actions: [], atTop: [], grantable: [] };
  const actions: Abilities['actions'] = [];
  const atTop: Action[] = [];
  for (const action of ACTIONS) {
    const paths = scopePaths(actor, action);
    if (paths.length === 0) continue;
    const scope = actor.grants.filter((g) => paths.includes(g.regionPath)).map((g) => ({ code: g.regionCode, name: g.regionName }));
    actions.push({ action, scope: [...new Map(scope.map((s) => [s.code, s])).values()] });
    if (await canAtTop(actor, action, tree)) atTop.push(action);
  }
  const grantable = new Set<StaffRole>();
  for (const g of actor.grants) for (const r of GRANTABLE_ROLES[g.role]) grantable.add(r);
  return { actions, atTop, grantable: [...grantable] };
}
