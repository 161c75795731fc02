import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './client.js';
import type { Region, RegionDetail } from './types.js';

const fetchRegionChildren = async (parent?: string, signal?: AbortSignal): Promise<Region[]> =>
  (await api<{ items: Region[] }>('/api/v1/regions', { query: { parent }, signal })).items;

/** Regions change rarely: cached for the whole visit, one key per URL. */
export const regionQueries = {
  children: (parent?: string) =>
    queryOptions({ queryKey: ['regions', 'children', parent ?? 'top'] as const, queryFn: ({ signal }) => fetchRegionChildren(parent, signal), staleTime: Infinity }),
  one: (code: string) =>
    queryOptions({ queryKey: ['regions', 'one', code] as const, queryFn: ({ signal }) => api<RegionDetail>(`/api/v1/regions/${encodeURIComponent(code)}`, { signal }), staleTime: Infinity }),
};

export const useRegionChildren = (parent: string | undefined, enabled = true) => useQuery({ ...regionQueries.children(parent), enabled });
export const useRegion = (code: string | undefined) => useQuery({ ...regionQueries.one(code ?? ''), enabled: Boolean(code) });

export const LEVEL_LABELS: Record<Region['level'], string> = { county: '县（市、区）', town: '镇（街道）', village: '村（社区）' };
