import { useQuery } from '@tanstack/react-query';
import { api } from './client.js';
import type { Region, RegionDetail } from './types.js';

export const fetchRegionChildren = async (parent?: string): Promise<Region[]> =>
  (await api<{ items: Region[] }>('/api/v1/regions', { query: { parent } })).items;

export const fetchRegion = (code: string): Promise<RegionDetail> => api<RegionDetail>(`/api/v1/regions/${encodeURIComponent(code)}`);

export const regionChildrenKey = (parent?: string) => ['regions', 'children', parent ?? 'top'] as const;
export const regionKey = (code: string) => ['regions', 'one', code] as const;

/** Regions change rarely: cache them for the whole visit. */
export function useRegionChildren(parent: string | undefined, enabled = true) {
  return useQuery({ queryKey: regionChildrenKey(parent), queryFn: () => fetchRegionChildren(parent), staleTime: Infinity, enabled });
}

export function useRegion(code: string | undefined) {
  return useQuery({ queryKey: regionKey(code ?? ''), queryFn: () => fetchRegion(code!), staleTime: Infinity, enabled: Boolean(code) });
}

export const LEVEL_LABELS: Record<Region['level'], string> = { county: '县（市、区）', town: '镇（街道）', village: '村（社区）' };
