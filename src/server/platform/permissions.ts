import type { CaseActorRole } from '../../shared/cases.js';
import { ACTIONS, GRANTABLE_ROLES, roleAllows, STAFF_ROLES, type Action, type StaffRole } from '../../shared/roles.js';
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
 * Who holds `actions` over a place: the grants that give it are those of a role allowing any of
 * the actions, on the place itself or on one of its ancestors (a grant covers its subtree). The
 * accounts module, which keeps the grants, finds their holders with this (time-limit warnings go
 * to the staff handling a case's place).
 */
export function grantsCovering(place: Pick<RegionRef, 'path'>, actions: readonly Action[]): { roles: StaffRole[]; regionCodes: string[] } {
  return {
    roles: STAFF_ROLES.filter((r) => actions.some((a) => roleAllows(r, a))),
    regionCodes: place.path.split('/').filter(Boolean),
  };
}

/** What access to a case depends on: who applied, who took it in, and its places. */
export interface CaseAccess {
  /** the applicant's citizen account, if the case has one */
  citizenId: string | null;
  /** the staff member who took it in (at a window, or a helper on someone's behalf) */
  agentStaffId: string | null;
  /** where it was submitted */
  received: RegionRef;
  /** the body that decides it */
  handling: RegionRef;
  /** where it is now */
  current: RegionRef;
}

/**
 * May the actor see this case? Its applicant; the staff member who took it in; staff who may view
 * cases, or receive them, where it was submitted, where it is decided or where it is now.
 */
export function mayViewCase(actor: Actor, c: CaseAccess): boolean {
  if (actor.kind === 'citizen') return c.citizenId === actor.id;
  if (actor.kind !== 'staff') return false;
  if (c.agentStaffId === actor.id) return true;
  return [c.received, c.handling, c.current].some((r) => can(actor, 'case.view', r) || can(actor, 'case.receive', r));
}

/**
 * A person's roles on a case (the `by` of shared/cases.ts CASE_TRANSITIONS): the applicant; the
 * receiving window where the case is now; the intake and the decider of the handling body, once
 * the case is there. `decidedBy` is the case's workflow setting: `window_clerk` for 即办件 decided
 * at the window.
 */
export function caseRoles(actor: Actor, c: CaseAccess & { decidedBy?: 'approver' | 'window_clerk' }): Set<CaseActorRole> {
  const roles = new Set<CaseActorRole>();
  if (actor.kind === 'citizen') {
    if (c.citizenId === actor.id) roles.add('applicant');
    return roles;
  }
  if (actor.kind !== 'staff') return roles;
  const atHandling = c.current.code === c.handling.code;
  // Window staff receive every case at their place. A helper (帮办代办员) collects and applies on
  // people's behalf (DOMAIN.md §5) and does not review others' applications: they act as the
  // receiving window only on the cases they took in themselves.
  const receives = (ref: RegionRef) => can(actor, 'case.receive', ref) || (c.agentStaffId === actor.id && can(actor, 'case.intake', ref));
  if (receives(c.current)) roles.add('receiver');
  if (atHandling && receives(c.handling)) roles.add('handler_intake');
  if (atHandling && can(actor, 'case.decide', c.handling)) roles.add('decider');
  // 即办件 configured to be decided at the window: the handling body's window staff decide too.
  if (atHandling && can(actor, 'case.receive', c.handling) && c.decidedBy === 'window_clerk') roles.add('decider');
  return roles;
}

/**
 * What caseRoles decides a staff member's roles by, as region path prefixes, so that a repository
 * can ask it of many cases at once in SQL (the work queue's 等我处理). With P(paths, place) = "the
 * place's path starts with one of these", and `receives(place)` = P(receive, place) or (the person
 * took the case in and P(intakeOwn, place)):
 * - receiver: receives(where the case is now);
 * - handler_intake: the case is at its handling place and receives(the handling place);
 * - decider: the case is at its handling place and P(decide, handling), or P(receive, handling)
 *   for a case whose workflow has it decided at the window (`decidedBy` window_clerk).
 * Null for anyone who holds none of these actions (no case ever waits for them). A test checks
 * the SQL against caseRoles case by case.
 */
export interface CaseRoleScopes {
  staffId: string;
  /** case.receive */
  receive: string[];
  /** case.intake: the receiving window only on the cases this person took in themselves */
  intakeOwn: string[];
  /** case.decide */
  decide: string[];
}

export function caseRoleScopes(actor: Actor): CaseRoleScopes | null {
  if (actor.kind !== 'staff') return null;
  const scopes = { staffId: actor.id, receive: scopePaths(actor, 'case.receive'), intakeOwn: scopePaths(actor, 'case.intake'), decide: scopePaths(actor, 'case.decide') };
  return scopes.receive.length || scopes.intakeOwn.length || scopes.decide.length ? scopes : null;
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
  // The top of the tree is looked up once (canAtTop's rule, for every action at once).
  const [top] = (await tree.childrenOf(null)) ?? [];
  const topRef = top ? tree.ref(top) : null;
  for (const action of ACTIONS) {
    const paths = scopePaths(actor, action);
    if (paths.length === 0) continue;
    const scope = actor.grants.filter((g) => paths.includes(g.regionPath)).map((g) => ({ code: g.regionCode, name: g.regionName }));
    actions.push({ action, scope: [...new Map(scope.map((s) => [s.code, s])).values()] });
    if (topRef && can(actor, action, topRef)) atTop.push(action);
  }
  const grantable = new Set<StaffRole>();
  for (const g of actor.grants) for (const r of GRANTABLE_ROLES[g.role]) grantable.add(r);
  return { actions, atTop, grantable: [...grantable] };
}

/** What access to a 帮办代办 help request depends on (the assistance module asks). */
export interface HelpRequestAccess {
  /** the citizen account that asked, if any */
  citizenId: string | null;
  /** the staff member who typed it in for someone (at a window, from a phone call), if any */
  registeredBy: string | null;
  /** the actor is the helper the request is assigned to (the assistance module resolves their roster record) */
  assignedToActor: boolean;
  /** the village of the person helped */
  village: RegionRef;
}

/**
 * A person's roles on a help request: the citizen who asked, the staff member who typed it in
 * (they may follow it), its assigned helper, a coordinator over its village.
 */
export type HelpRequestRole = 'requester' | 'registrar' | 'helper' | 'coordinator';

export function helpRequestRoles(actor: Actor, r: HelpRequestAccess): Set<HelpRequestRole> {
  const roles = new Set<HelpRequestRole>();
  if (actor.kind === 'citizen') {
    if (r.citizenId === actor.id) roles.add('requester');
    return roles;
  }
  if (actor.kind !== 'staff') return roles;
  if (r.registeredBy === actor.id) roles.add('registrar');
  // A coordinator may hand a request to any helper of the town, so the helper's own grant need not cover the village.
  if (r.assignedToActor && canSomewhere(actor, 'assist.act')) roles.add('helper');
  if (can(actor, 'assist.coordinate', r.village)) roles.add('coordinator');
  return roles;
}

/**
 * May a staff member register a help request for someone in this village (at a window, or from
 * a phone call)? Those who take cases in there (window staff, helpers) and its coordinators.
 */
export const mayRegisterHelpRequest = (actor: Actor, village: RegionRef): boolean =>
  can(actor, 'case.intake', village) || can(actor, 'assist.coordinate', village);
