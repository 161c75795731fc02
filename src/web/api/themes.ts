/**
 * 一件事 themes (GET /api/v1/themes, GET /api/v1/themes/{code}): the typed client and its TanStack
 * Query options and hooks. Shapes are inferred from the server's zod schemas (type-only imports:
 * nothing from the server reaches the browser bundle), so the two cannot drift.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { themeDetail, themeList } from '../../server/modules/themes/schemas.js';
import type { ThemeSubject } from '../../shared/theme-rules.js';
import { api } from './client.js';

export type ThemeList = z.infer<typeof themeList>;
/** A theme as the browse page lists it. */
export type ThemeSummary = ThemeList['items'][number];
/** A subject (个人, 企业) with its categories and how many published themes each has. */
export type ThemeCategoryGroup = ThemeList['categories'][number];
/** One theme as a guide: its items, situation questions, merged form and deduplicated materials. */
export type ThemeDetail = z.infer<typeof themeDetail>;
export type ThemeDetailItem = ThemeDetail['items'][number];
export type ThemeMaterial = ThemeDetail['materials'][number];
export type ThemeSharedField = ThemeDetail['sharedFields'][number];

export interface ThemeFilter {
  subject?: ThemeSubject;
  category?: string;
}

/** The theme's page on this site: /themes/{code}?region={town}. */
export const themeHref = (code: string, region?: string | null) => `/themes/${encodeURIComponent(code)}${region ? `?region=${region}` : ''}`;

export const themesApi = {
  list: (filter: ThemeFilter, signal?: AbortSignal) => api<ThemeList>('/api/v1/themes', { query: { subject: filter.subject, category: filter.category }, signal }),
  get: (code: string, region: string | undefined, signal?: AbortSignal) => api<ThemeDetail>(`/api/v1/themes/${encodeURIComponent(code)}`, { query: { region }, signal }),
};

/** One key per URL. Published themes change rarely (an administrator publishes a new version). */
export const themeQueries = {
  all: ['themes'] as const,
  list: (filter: ThemeFilter) =>
    queryOptions({
      queryKey: ['themes', 'list', filter.subject ?? '', filter.category ?? ''] as const,
      queryFn: ({ signal }) => themesApi.list(filter, signal),
      // Another subject or category keeps the chips and cards on screen until its list arrives.
      placeholderData: keepPreviousData,
      staleTime: 5 * 60_000,
    }),
  detail: (code: string, region: string | undefined) =>
    queryOptions({
      queryKey: ['themes', 'one', code, region ?? ''] as const,
      queryFn: ({ signal }) => themesApi.get(code, region, signal),
      // Another place for the same theme keeps the page (and the answers given) until it arrives.
      placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === code ? previous : undefined),
      staleTime: 5 * 60_000,
    }),
};

export const useThemes = (filter: ThemeFilter) => useQuery(themeQueries.list(filter));
export const useTheme = (code: string, region: string | undefined) => useQuery({ ...themeQueries.detail(code, region), enabled: Boolean(code) });
