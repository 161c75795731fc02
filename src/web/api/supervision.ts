/**
 * The supervision dashboard's figures (GET /stats/overview) and its Excel export. Types come from
 * the supervision module's schemas (type-only: nothing of the server reaches the browser bundle).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { overview } from '../../server/modules/supervision/schemas.js';
import { api } from './client.js';

export type Overview = z.infer<typeof overview>;
export type PlaceRow = Overview['places'][number];

export interface OverviewFilters {
  region?: string;
  from?: string;
  to?: string;
}

const query = (f: OverviewFilters) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const useOverview = (f: OverviewFilters, opts: { refetchInterval?: number } = {}) =>
  useQuery({
    queryKey: ['supervision', 'overview', f],
    queryFn: () => api<Overview>(`/api/v1/stats/overview${query(f)}`),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
  });

export const overviewExcelHref = (f: OverviewFilters) => `/api/v1/stats/overview.xlsx${query(f)}`;
