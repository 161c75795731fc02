/**
 * Building 一件事 themes (GET/PUT/POST /api/v1/admin/themes…): the typed client and its TanStack
 * Query hooks. Shapes come from the server's zod schemas (type-only imports).
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { adminTheme, adminThemeList } from '../../server/modules/themes/schemas.js';
import type { ThemeDefinitionInput } from '../../shared/themes.js';
import { api } from './client.js';
import type { ThemeDetail } from './themes.js';

export type AdminThemeList = z.infer<typeof adminThemeList>;
export type AdminTheme = z.infer<typeof adminTheme>;
export type { ThemeDefinitionInput };

const path = (code: string) => `/api/v1/admin/themes/${encodeURIComponent(code)}`;

export const themesAdminApi = {
  list: (signal?: AbortSignal) => api<AdminThemeList>('/api/v1/admin/themes', { signal }),
  get: (code: string, signal?: AbortSignal) => api<AdminTheme>(path(code), { signal }),
  saveDraft: (code: string, draft: ThemeDefinitionInput) => api<AdminTheme>(`${path(code)}/draft`, { method: 'PUT', body: draft }),
  preview: (code: string, region: string | undefined, signal?: AbortSignal) => api<ThemeDetail>(`${path(code)}/preview`, { query: { region }, signal }),
  publish: (code: string, note: string) => api<AdminTheme>(`${path(code)}/publish`, { method: 'POST', body: { note } }),
  withdraw: (code: string, reason: string) => api<AdminTheme>(`${path(code)}/withdraw`, { method: 'POST', body: { reason } }),
};

export const themeAdminQueries = {
  list: () => queryOptions({ queryKey: ['admin-themes', 'list'] as const, queryFn: ({ signal }) => themesAdminApi.list(signal) }),
  one: (code: string) => queryOptions({ queryKey: ['admin-themes', 'one', code] as const, queryFn: ({ signal }) => themesAdminApi.get(code, signal), retry: false }),
  preview: (code: string, region: string | undefined) =>
    queryOptions({ queryKey: ['admin-themes', 'preview', code, region ?? ''] as const, queryFn: ({ signal }) => themesAdminApi.preview(code, region, signal), retry: false }),
};

/** Every change to a theme: its page, the list and the previews refetch; the public theme pages too. */
function useThemeChange<V>(fn: (v: V) => Promise<AdminTheme>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (theme) => {
      queryClient.setQueryData(themeAdminQueries.one(theme.code).queryKey, theme);
      void queryClient.invalidateQueries({ queryKey: ['admin-themes'] });
      void queryClient.invalidateQueries({ queryKey: ['themes'] });
    },
  });
}

export const useSaveThemeDraft = () => useThemeChange((v: { code: string; draft: ThemeDefinitionInput }) => themesAdminApi.saveDraft(v.code, v.draft));
export const usePublishTheme = () => useThemeChange((v: { code: string; note: string }) => themesAdminApi.publish(v.code, v.note));
export const useWithdrawTheme = () => useThemeChange((v: { code: string; reason: string }) => themesAdminApi.withdraw(v.code, v.reason));
export const useAdminThemes = () => useQuery(themeAdminQueries.list());
