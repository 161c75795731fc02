import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { STAFF_ROLES, type Action, type StaffRole } from '../../shared/roles.js';
import { api, ApiError, CSRF_COOKIE, hasSessionCookie } from './client.js';
import type { Me, Site, SmsCodeSent } from './types.js';

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

export const DEFAULT_SITE: Site = { siteName: '邹城市政务服务', phone: '0537-12345', demoMode: false, version: '', licencesConnected: false, mapTiles: null };

export const sessionQueries = {
  me: () => queryOptions({ queryKey: ['me'] as const, queryFn: fetchMe, staleTime: 5 * 60_000 }),
  site: () => queryOptions({ queryKey: ['site'] as const, queryFn: ({ signal }) => api<Site>('/api/v1/site', { signal }), staleTime: Infinity }),
};
export const ME_KEY = sessionQueries.me().queryKey;

/** `fresh`: refetch on mount even when cached (the workbench needs the current session deadline). */
export const useMe = (fresh = false) => useQuery({ ...sessionQueries.me(), refetchOnMount: fresh ? 'always' : true });
export const useSite = () => useQuery(sessionQueries.site());

/** A sign-in answers the person now signed in: it becomes /me at once. */
function useSignIn<V>(signIn: (v: V) => Promise<Me>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: signIn, onSuccess: (me) => queryClient.setQueryData(ME_KEY, me) });
}

export const useStaffSignIn = () =>
  useSignIn((v: { username: string; password: string }) => api<Me>('/api/v1/auth/staff/login', { method: 'POST', body: v }));
export const useCitizenSignIn = () => useSignIn((v: { phone: string; code: string }) => api<Me>('/api/v1/auth/citizen/login', { method: 'POST', body: v }));
export const useSendSmsCode = () => useMutation({ mutationFn: (phone: string) => api<SmsCodeSent>('/api/v1/auth/citizen/sms-code', { method: 'POST', body: { phone } }) });

/** Extends the staff session (any authenticated request does) and takes its new deadline. */
export function useRefreshSession() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fetchMe, onSuccess: (me) => queryClient.setQueryData(ME_KEY, me) });
}

/** 长辈版 follows a citizen to another device: saved to the account, and to /me at once. */
export function useSaveElderMode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (elderMode: boolean) => api('/api/v1/me/preferences', { method: 'PUT', body: { elderMode } }).then(() => elderMode),
    onSuccess: (elderMode) => queryClient.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, elderMode } : old)),
  });
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
