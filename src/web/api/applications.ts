/**
 * A citizen's application in progress: auto-saved drafts (one per item and place) and values filled
 * from the profile and earlier applications (历史数据自动填充). See src/server/modules/forms.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { draftData, draftList, draftView, prefillView } from '../../server/modules/forms/schemas.js';
import { api, ApiError } from './client.js';

export type DraftData = z.input<typeof draftData>;
export type Draft = Omit<z.infer<typeof draftView>, 'data'> & { data: z.infer<typeof draftData> };
export type DraftList = z.infer<typeof draftList>;
export type Prefill = z.infer<typeof prefillView>;

const draftPath = (code: string) => `/api/v1/application-drafts/${encodeURIComponent(code)}`;

const applicationsApi = {
  /** The saved draft, or null when there is none. */
  draft: async (code: string, region: string, signal?: AbortSignal): Promise<Draft | null> => {
    try {
      return await api<Draft>(draftPath(code), { query: { region }, signal });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && err.code === 'DRAFT_NOT_FOUND') return null;
      throw err;
    }
  },
  saveDraft: (code: string, region: string, data: DraftData) => api<Draft>(draftPath(code), { method: 'PUT', query: { region }, body: { data } }),
  deleteDraft: (code: string, region: string) => api<{ ok: true }>(draftPath(code), { method: 'DELETE', query: { region } }),
  drafts: (signal?: AbortSignal) => api<DraftList>('/api/v1/application-drafts', { signal }),
  prefill: (code: string, signal?: AbortSignal) => api<Prefill>(`/api/v1/items/${encodeURIComponent(code)}/prefill`, { signal }),
};

/** One key per URL. A draft is the applicant's own work in progress: it is never refetched behind their back. */
export const applicationQueries = {
  drafts: () => queryOptions({ queryKey: ['application-drafts', 'list'] as const, queryFn: ({ signal }) => applicationsApi.drafts(signal) }),
  draft: (code: string, region: string) =>
    queryOptions({ queryKey: ['application-drafts', 'one', code, region] as const, queryFn: ({ signal }) => applicationsApi.draft(code, region, signal), staleTime: Infinity, retry: false }),
  prefill: (code: string) => queryOptions({ queryKey: ['prefill', code] as const, queryFn: ({ signal }) => applicationsApi.prefill(code, signal), staleTime: Infinity }),
};

export const useMyDrafts = (enabled = true) => useQuery({ ...applicationQueries.drafts(), enabled });

/** Auto-save: the saved draft becomes the cached one; the list of my drafts is refetched. */
export function useSaveDraft(code: string, region: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: DraftData) => applicationsApi.saveDraft(code, region, data),
    onSuccess: async (draft) => {
      queryClient.setQueryData(applicationQueries.draft(code, region).queryKey, draft);
      await queryClient.invalidateQueries({ queryKey: applicationQueries.drafts().queryKey });
    },
  });
}

/** The draft is gone once its application is submitted (or the applicant starts over). */
export function useDeleteDraft(code: string, region: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => applicationsApi.deleteDraft(code, region),
    onSuccess: async () => {
      queryClient.setQueryData(applicationQueries.draft(code, region).queryKey, null);
      await queryClient.invalidateQueries({ queryKey: applicationQueries.drafts().queryKey });
    },
  });
}
