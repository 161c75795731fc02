/**
 * 好差评 on the workbench (rating.followup): the ratings of the places the person follows up, the
 * 差评 to follow up (open first) and one of them with what the person may do now — 回访, 整改,
 * 申诉, and the city's 复核 (rating.review) — each made on the version read (409
 * FOLLOW_UP_CHANGED when it changed meanwhile); and the window's rating QR code of a handled case
 * (case.view). Types come from the ratings module's schemas (type-only imports).
 */
import { keepPreviousData, queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { followUpList, followUpView, linkResult, ratingList, ratingListItem } from '../../server/modules/ratings/schemas.js';
import type { FollowUpStatus, RatingChannel, RatingLevel, VisitMethod } from '../../shared/ratings.js';
import { api } from './client.js';

export type RatingList = z.infer<typeof ratingList>;
export type RatingItem = z.infer<typeof ratingListItem>;
export type FollowUpList = z.infer<typeof followUpList>;
export type FollowUpItem = FollowUpList['items'][number];
export type FollowUp = z.infer<typeof followUpView>;
export type FollowUpAction = FollowUp['actions'][number];
export type RatingDetail = FollowUp['rating'];
export type RatingLink = z.infer<typeof linkResult>;

export interface RatingFilters {
  region?: string;
  /** YYYY-MM-DD, China days, both ends included */
  from?: string;
  to?: string;
  level?: RatingLevel;
  /** only 差评 (true), only the others (false) */
  bad?: boolean;
  channel?: RatingChannel;
  /** a case number's beginning, or words of the item's name */
  q?: string;
  page: number;
  pageSize: number;
}

export interface FollowUpFilters {
  region?: string;
  status?: FollowUpStatus;
  /** only those past the visit or rectification limit now */
  overdue?: boolean;
  page: number;
  pageSize: number;
}

const boolParam = (b: boolean | undefined) => (b === undefined ? undefined : b ? 'true' : 'false');

export const ratingStaffQueries = {
  all: ['ratings'] as const,
  list: (f: RatingFilters) =>
    queryOptions({
      queryKey: ['ratings', 'staff', 'list', f] as const,
      queryFn: ({ signal }) => api<RatingList>('/api/v1/ratings', { query: { ...f, bad: boolParam(f.bad) }, signal }),
      placeholderData: keepPreviousData,
    }),
  followUps: (f: FollowUpFilters) =>
    queryOptions({
      queryKey: ['ratings', 'staff', 'followups', f] as const,
      queryFn: ({ signal }) => api<FollowUpList>('/api/v1/rating-followups', { query: { ...f, overdue: f.overdue ? 'true' : undefined }, signal }),
      placeholderData: keepPreviousData,
    }),
  followUp: (id: string) =>
    queryOptions({
      queryKey: ['ratings', 'staff', 'followup', id] as const,
      queryFn: ({ signal }) => api<FollowUp>(`/api/v1/rating-followups/${encodeURIComponent(id)}`, { signal }),
    }),
};

export const useRatings = (f: RatingFilters) => useQuery(ratingStaffQueries.list(f));
export const useFollowUps = (f: FollowUpFilters) => useQuery(ratingStaffQueries.followUps(f));
export const useFollowUp = (id: string | undefined) => useQuery({ ...ratingStaffQueries.followUp(id ?? ''), enabled: Boolean(id) });

/** After a step: the follow-up as it now stands in its entry, and every list asked again. */
function useFollowUpStep<V extends { id: string }>(path: 'visit' | 'rectify' | 'appeal' | 'review') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: V) => api<FollowUp>(`/api/v1/rating-followups/${encodeURIComponent(id)}/${path}`, { method: 'POST', body }),
    onSuccess: async (next) => {
      const key = ratingStaffQueries.followUp(next.ratingId).queryKey;
      queryClient.setQueryData(key, next);
      await queryClient.invalidateQueries({ queryKey: ratingStaffQueries.all, predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(key) });
    },
  });
}

/** 回访登记: how the rater was reached and what they said. */
export const useVisitFollowUp = () => useFollowUpStep<{ id: string; method: VisitMethod; note: string; version: number }>('visit');
/** 整改登记: what was done; the rater may then re-rate once. */
export const useRectifyFollowUp = () => useFollowUpStep<{ id: string; measures: string; version: number }>('rectify');
/** 申诉: a malicious or mistaken rating, to the city's review. */
export const useAppealFollowUp = () => useFollowUpStep<{ id: string; reason: string; version: number }>('appeal');
/** 复核 (the city): upheld, the rating stops counting; rejected, the follow-up goes on. */
export const useReviewFollowUp = () => useFollowUpStep<{ id: string; decision: 'upheld' | 'rejected'; note: string; version: number }>('review');

/** 评价二维码: a new window rating link for a handled case (each call makes a new one). */
export const useRatingLink = () => useMutation({ mutationFn: (caseId: string) => api<RatingLink>('/api/v1/ratings/links', { method: 'POST', body: { caseId } }) });

/** What the tabs count: each a total of the list with one filter (the handling place's, when one is chosen). */
export type FollowUpCountKey = FollowUpStatus | 'overdue';
export const FOLLOW_UP_COUNT_KEYS: readonly FollowUpCountKey[] = ['visiting', 'rectifying', 'rectified', 'appealing', 'closed', 'voided', 'overdue'];

/** The totals of the area's 差评 by status, and of those past a limit now (undefined while loading). */
export function useFollowUpCounts(region: string | undefined): { counts: Partial<Record<FollowUpCountKey, number>>; all: number | undefined; failed: boolean } {
  const base = { region, page: 1, pageSize: 1 };
  return useQueries({
    queries: FOLLOW_UP_COUNT_KEYS.map((k) => ratingStaffQueries.followUps(k === 'overdue' ? { ...base, overdue: true } : { ...base, status: k })),
    combine: (results) => {
      const counts: Partial<Record<FollowUpCountKey, number>> = {};
      FOLLOW_UP_COUNT_KEYS.forEach((k, i) => {
        const total = results[i]?.data?.total;
        if (total !== undefined) counts[k] = total;
      });
      const statuses = FOLLOW_UP_COUNT_KEYS.filter((k) => k !== 'overdue');
      const all = statuses.every((k) => counts[k] !== undefined) ? statuses.reduce((n, k) => n + counts[k]!, 0) : undefined;
      return { counts, all, failed: results.some((r) => r.isError) };
    },
  });
}
