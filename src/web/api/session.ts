import { useMutation, useQuery } from '@tanstack/react-query';
import { GRANTABLE_ROLES, ROLE_ACTIONS, STAFF_ROLES, type Action, type StaffRole } from '../../shared/roles.js';
import { api, ApiError, CSRF_COOKIE, hasSessionCookie } from './client.js';
import type { Me, Site } from './types.js';

export const ME_KEY = ['me'] as const;
export const SITE_KEY = ['site'] as const;

/** The signed-in person, or null. No cookie, no request: anonymous visitors cost nothing. */
export async function fetchMe(): Promise<Me | null> {
  if (!hasSessionCookie()) return null;
  try {
    return await api<Me>('/api/v1/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** `fresh`: refetch on mount even when cached (the workbench needs the current session deadline). */
export function useMe(fresh = false) {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, refetchOnMount: fresh ? 'always' : true });
}

export const DEFAULT_SITE: Site = { siteName: '邹城市政务服务', phone: '0537-12345', demoMode: false, version: '' };

export function useSite() {
  return useQuery({ queryKey: SITE_KEY, queryFn: () => api<Site>('/api/v1/site'), staleTime: Infinity });
}

/**
 * Ends the session (also when it has already gone on the server) and then loads `target` afresh:
 * a full page load leaves nothing of the signed-in person in memory, and no page guard can
 * redirect in between.
 */
export async function signOutAndGo(target: string): Promise<void> {
  try {
    await api('/api/v1/auth/logout', { method: 'POST' });
  } catch {
    // An expired session answers 401; the readable cookie is cleared below either way.
  }
  document.cookie = `${CSRF_COOKIE}=; Max-Age=0; path=/`;
  window.location.replace(target);
}

export function useSignOut(target: string) {
  return useMutation({ mutationFn: () => signOutAndGo(target) });
}

/** Actions the signed-in staff member may do somewhere (the union over their role grants). */
export function actionsOf(me: Me | null | undefined): Set<Action> {
  const out = new Set<Action>();
  if (!me || me.kind !== 'staff') return out;
  for (const r of me.roles) {
    if (r.role === 'citizen') continue;
    for (const a of ROLE_ACTIONS[r.role as StaffRole]) out.add(a);
  }
  return out;
}

export const staffRolesOf = (me: Me | null | undefined) =>
  (me?.roles ?? []).filter((r): r is typeof r & { role: StaffRole; regionCode: string; regionName: string } => r.role !== 'citizen' && r.regionCode !== null);

/**
 * The regions where the signed-in staff member may do `action`, dropping any that another one
 * already covers (division codes nest: 370883 ⊃ 370883001 ⊃ 370883001004).
 */
export function scopeRoots(me: Me | null | undefined, action: Action): { code: string; name: string }[] {
  const regions = staffRolesOf(me)
    .filter((r) => ROLE_ACTIONS[r.role].includes(action))
    .map((r) => ({ code: r.regionCode, name: r.regionName }));
  const unique = [...new Map(regions.map((r) => [r.code, r])).values()];
  return unique.filter((r) => !unique.some((o) => o.code !== r.code && r.code.startsWith(o.code)));
}

/** Roles the signed-in administrator may grant (GRANTABLE_ROLES of their managing roles). */
export function grantableRoles(me: Me | null | undefined): StaffRole[] {
  const out = new Set<StaffRole>();
  for (const r of staffRolesOf(me)) for (const g of GRANTABLE_ROLES[r.role]) out.add(g);
  return STAFF_ROLES.filter((r) => out.has(r));
}
