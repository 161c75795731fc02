/**
 * 一件事 themes (GET /api/v1/themes, GET /api/v1/themes/{code}): the typed client and its TanStack
 * Query options and hooks. Shapes are inferred from the server's zod schemas (type-only imports:
 * nothing from the server reaches the browser bundle), so the two cannot drift.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { themeApplication, themeApplicationBody, themeApplicationList, themeDetail, themeIntakeBody, themeList, themePrefill } from '../../server/modules/themes/schemas.js';
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

/** POST /themes/{code}/applications: the whole theme in one submission. */
export type ThemeApplicationInput = z.input<typeof themeApplicationBody>;
/** A theme application with its child cases, combined state and the items applied for in person. */
export type ThemeApplication = z.infer<typeof themeApplication>;
/** POST /themes/:code/intake: a window's application of the whole theme */
export type ThemeIntakeInput = z.input<typeof themeIntakeBody>;
/** Answers filled in for the applicant (shared fields, and each item's own), with their sources. */
export type ThemePrefill = z.infer<typeof themePrefill>;
export type ThemeApplicationSummary = z.infer<typeof themeApplicationList>['items'][number];

export interface ThemeFilter {
  subject?: ThemeSubject;
  category?: string;
  /** only those offered at this place (the county's and its town's) */
  region?: string;
}

/** The theme's page on this site: /themes/{code}?region={town}. */
export const themeHref = (code: string, region?: string | null) => `/themes/${encodeURIComponent(code)}${region ? `?region=${region}` : ''}`;

export const themesApi = {
  list: (filter: ThemeFilter, signal?: AbortSignal) => api<ThemeList>('/api/v1/themes', { query: { subject: filter.subject, category: filter.category, region: filter.region }, signal }),
  intake: (code: string, body: ThemeIntakeInput, idempotencyKey: string) =>
    api<ThemeApplication>(`/api/v1/themes/${encodeURIComponent(code)}/intake`, {
      method: 'POST',
      body,
      headers: { 'idempotency-key': idempotencyKey },
      networkMessage: '网络连接失败，收件可能未提交。请检查网络后再次点击提交（不会重复收件）',
    }),
  get: (code: string, region: string | undefined, signal?: AbortSignal) => api<ThemeDetail>(`/api/v1/themes/${encodeURIComponent(code)}`, { query: { region }, signal }),
  apply: (code: string, body: ThemeApplicationInput, idempotencyKey: string) =>
    api<ThemeApplication>(`/api/v1/themes/${encodeURIComponent(code)}/applications`, {
      method: 'POST',
      body,
      headers: { 'idempotency-key': idempotencyKey },
      networkMessage: '网络连接失败，申请可能未提交。请检查网络后再次点击提交（不会重复申请）',
    }),
  prefill: (code: string, signal?: AbortSignal) => api<ThemePrefill>(`/api/v1/themes/${encodeURIComponent(code)}/prefill`, { signal }),
  mine: (signal?: AbortSignal) => api<{ items: ThemeApplicationSummary[] }>('/api/v1/me/theme-applications', { signal }),
  mineOne: (id: string, signal?: AbortSignal) => api<ThemeApplication>(`/api/v1/me/theme-applications/${encodeURIComponent(id)}`, { signal }),
};

/** The theme application's page in 我的一件事. */
export const themeApplicationHref = (id: string) => `/my/themes/${encodeURIComponent(id)}`;

/** One key per URL. Published themes change rarely (an administrator publishes a new version). */
export const themeQueries = {
  all: ['themes'] as const,
  list: (filter: ThemeFilter) =>
    queryOptions({
      queryKey: ['themes', 'list', filter.subject ?? '', filter.category ?? '', filter.region ?? ''] as const,
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
  /** the applicant's own answers: read once per visit, never refetched under their typing */
  prefill: (code: string) => queryOptions({ queryKey: ['themes', 'prefill', code] as const, queryFn: ({ signal }) => themesApi.prefill(code, signal), staleTime: Infinity, gcTime: 0 }),
  mine: () => queryOptions({ queryKey: ['themes', 'mine'] as const, queryFn: ({ signal }) => themesApi.mine(signal) }),
  mineOne: (id: string) => queryOptions({ queryKey: ['themes', 'mine', id] as const, queryFn: ({ signal }) => themesApi.mineOne(id, signal), retry: false }),
};

export const useThemes = (filter: ThemeFilter) => useQuery(themeQueries.list(filter));
export const useTheme = (code: string, region: string | undefined) => useQuery({ ...themeQueries.detail(code, region), enabled: Boolean(code) });

/** Applies for a whole theme; 我的一件事 and 我的办件 then refetch (the child cases are cases of their own). */
export function useApplyTheme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { code: string; body: ThemeApplicationInput; idempotencyKey: string }) => themesApi.apply(v.code, v.body, v.idempotencyKey),
    onSuccess: (result) => {
      queryClient.setQueryData(themeQueries.mineOne(result.id).queryKey, result);
      void queryClient.invalidateQueries({ queryKey: themeQueries.mine().queryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/** 一窗受理 of a whole theme; the work queues then refetch (each child is a case of its own). */
export function useThemeIntake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { code: string; body: ThemeIntakeInput; idempotencyKey: string }) => themesApi.intake(v.code, v.body, v.idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}
