/**
 * The public service catalog: search, guides (办事指南) and catalog notices (目录调整公示).
 * Shapes are inferred from the server's zod schemas (type-only imports: nothing from the server
 * reaches the browser bundle). Matching — Chinese, pinyin, initials, colloquial synonyms — happens on the server.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { guideView, itemSummary, noticeDetail, noticeList, noticeSummary, searchResult } from '../../server/modules/catalog/schemas.js';
import { QUICK_FILTERS, type QuickFilter } from '../../shared/catalog.js';
import { api } from './client.js';

export type SearchResult = z.infer<typeof searchResult>;
export type ItemSummary = z.infer<typeof itemSummary>;
export type Guide = z.infer<typeof guideView>;
export type GuideMaterial = Guide['materials'][number];
export type GuideSituation = Guide['situations'][number];

export type NoticeSummary = z.infer<typeof noticeSummary>;
export type NoticeList = z.infer<typeof noticeList>;
export type NoticeDetail = z.infer<typeof noticeDetail>;

export type Level = 'town' | 'village';
export type Audience = 'person' | 'business';

/** What a search asks for; the same fields travel in the results page's address. */
export interface ItemQuery {
  q?: string;
  region?: string;
  level?: Level;
  department?: string;
  audience?: Audience;
  theme?: string;
  quick: QuickFilter[];
  page: number;
}

export const PAGE_SIZE = 20;
export const QUICK_KEYS = Object.keys(QUICK_FILTERS) as QuickFilter[];
export const REGION_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;

const isLevel = (v: string | null): v is Level => v === 'town' || v === 'village';
const isAudience = (v: string | null): v is Audience => v === 'person' || v === 'business';

/** Reads a search from an address's query string, dropping anything malformed. */
export function parseItemQuery(params: URLSearchParams): ItemQuery {
  const text = (key: string, max: number) => {
    const v = params.get(key)?.trim();
    return v ? v.slice(0, max) : undefined;
  };
  const region = params.get('region');
  const level = params.get('level');
  const audience = params.get('audience');
  const quick = (params.get('quick') ?? '').split(',').filter((k): k is QuickFilter => (QUICK_KEYS as string[]).includes(k));
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: text('q', 100),
    region: region && REGION_CODE.test(region) ? region : undefined,
    level: isLevel(level) ? level : undefined,
    department: text('department', 50),
    audience: isAudience(audience) ? audience : undefined,
    theme: text('theme', 20),
    quick: QUICK_KEYS.filter((k) => quick.includes(k)),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 100000) : 1,
  };
}

/** The address of a search: /items?q=…&region=… (empty fields left out; page 1 implied). */
export function itemsHref(query: Partial<ItemQuery>): string {
  const params = new URLSearchParams();
  const set = (k: string, v: string | undefined) => {
    if (v) params.set(k, v);
  };
  set('q', query.q);
  set('region', query.region);
  set('level', query.level);
  set('audience', query.audience);
  set('department', query.department);
  set('theme', query.theme);
  if (query.quick?.length) params.set('quick', query.quick.join(','));
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const qs = params.toString();
  return qs ? `/items?${qs}` : '/items';
}

/** The shareable address of a guide: /items/{code}?region={code}. */
export const guideHref = (code: string, region?: string | null) => `/items/${encodeURIComponent(code)}${region ? `?region=${region}` : ''}`;

/** The guide's QR code (SVG); the server encodes its PUBLIC_URL address. */
export const qrHref = (code: string, region?: string | null) =>
  `/api/v1/items/${encodeURIComponent(code)}/qr.svg${region ? `?${new URLSearchParams({ region }).toString()}` : ''}`;

/** GET /api/v1/items as sent: the portal's search, the home page's facets, the window's and the designer's item pickers. */
export type SearchParams = Partial<Omit<ItemQuery, 'quick'>> & {
  /** comma-separated quick filters */
  quick?: string;
  pageSize: number;
};

/** One key per URL (the search key is the exact query sent). Published catalog data changes rarely. */
export const catalogQueries = {
  search: (params: SearchParams) =>
    queryOptions({
      queryKey: ['catalog', 'items', params] as const,
      queryFn: ({ signal }) => api<SearchResult>('/api/v1/items', { query: { ...params }, signal }),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  guide: (code: string, region: string | undefined) =>
    queryOptions({
      queryKey: ['catalog', 'guide', code, region ?? ''] as const,
      queryFn: ({ signal }) => api<Guide>(`/api/v1/items/${encodeURIComponent(code)}`, { query: { region }, signal }),
      staleTime: 5 * 60_000,
    }),
  notices: (page: number, pageSize: number) =>
    queryOptions({
      queryKey: ['catalog', 'notices', page, pageSize] as const,
      queryFn: ({ signal }) => api<NoticeList>('/api/v1/catalog-notices', { query: { page, pageSize }, signal }),
      placeholderData: keepPreviousData,
      staleTime: 5 * 60_000,
    }),
  notice: (id: string) =>
    queryOptions({
      queryKey: ['catalog', 'notice', id] as const,
      queryFn: ({ signal }) => api<NoticeDetail>(`/api/v1/catalog-notices/${encodeURIComponent(id)}`, { signal }),
      staleTime: 5 * 60_000,
    }),
};

/** The portal's search, from the results page's address. */
export const useItemSearch = (query: ItemQuery) => useQuery(catalogQueries.search({ ...query, quick: query.quick.join(',') || undefined, pageSize: PAGE_SIZE }));

/** Theme and department counts of everything a place offers (the home page's theme links). */
export const useCatalogFacets = (region?: string) => useQuery({ ...catalogQueries.search({ region, pageSize: 1 }), staleTime: 5 * 60_000 });

export const useGuide = (code: string, region: string | undefined, enabled = true) => useQuery({ ...catalogQueries.guide(code, region), enabled: enabled && Boolean(code) });
export const useNotices = (page: number, pageSize = 20) => useQuery(catalogQueries.notices(page, pageSize));
export const useNotice = (id: string) => useQuery({ ...catalogQueries.notice(id), enabled: Boolean(id) });
