import { useMutation, useQuery } from '@tanstack/react-query';
import { STAFF_ROLES, type Action, type StaffRole } from '../../shared/roles.js';
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

// What the person may do comes with /me, decided by the server's policy (platform/permissions.ts
// abilitiesOf): the web app shows menus and pickers from it and derives nothing from role names or
// the length of region codes.

/** Actions the signed-in staff member may do somewhere. */
export function actionsOf(me: Me | null | undefined): Set<Action> {
  return new Set((me?.abilities.actions ?? []).map((a) => a.action));
}

export const staffRolesOf = (me: Me | null | undefined) =>
  (me?.roles ?? []).filter((r): r is typeof r & { role: StaffRole; regionCode: string; regionName: string } => r.role !== 'citizen' && r.regionCode !== null);

/** The regions where the signed-in staff member may do `action` (the widest subtrees only). */
export function scopeRoots(me: Me | null | undefined, action: Action): { code: string; name: string }[] {
  return me?.abilities.actions.find((a) => a.action === action)?.scope ?? [];
}

/** Whether the person may do `action` over the whole county: the city-level work. */
export const canAtTop = (me: Me | null | undefined, action: Action): boolean => me?.abilities.atTop.includes(action) ?? false;

/** Roles the signed-in administrator may grant. */
export function grantableRoles(me: Me | null | undefined): StaffRole[] {
  const out = new Set(me?.abilities.grantable ?? []);
  return STAFF_ROLES.filter((r) => out.has(r));
}
