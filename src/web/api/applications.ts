/**
 * A citizen's application in progress: auto-saved drafts (one per item and place) and values filled
 * from the profile and earlier applications (历史数据自动填充). See src/server/modules/forms.
 */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { draftData, draftList, draftView, prefillView } from '../../server/modules/forms/schemas.js';
import { api, ApiError } from './client.js';

export type DraftData = z.input<typeof draftData>;
export type Draft = Omit<z.infer<typeof draftView>, 'data'> & { data: z.infer<typeof draftData> };
export type DraftList = z.infer<typeof draftList>;
export type Prefill = z.infer<typeof prefillView>;

const draftPath = (code: string) => `/api/v1/application-drafts/${encodeURIComponent(code)}`;

export const applicationsApi = {
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

export function useMyDrafts(enabled = true) {
  return useQuery({ queryKey: ['application-drafts'], queryFn: ({ signal }) => applicationsApi.drafts(signal), enabled });
}
