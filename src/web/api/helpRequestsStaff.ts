/**
 * 帮办代办求助 for the coordinators of a town (assist.coordinate): the requests of their area
 * (masked, open and 优先 first), one request with its whole history, assigning (分派/改派) and
 * cancelling on the version read (409 HELP_REQUEST_CHANGED when it changed meanwhile), and a
 * month's figures. The citizens' functions are in helpRequests.ts. Types come from the assistance
 * module's schemas (type-only imports).
 */
import { keepPreviousData, queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { helpRequestDetail, helpRequestEvent, helpRequestList, helpRequestListItem, helpStats } from '../../server/modules/assistance/schemas.js';
import { isOpenHelpStatus, type HelpRequestStatus } from '../../shared/assistance.js';
import { api } from './client.js';

export type HelpRequestItem = z.infer<typeof helpRequestListItem>;
export type HelpRequestDetail = z.infer<typeof helpRequestDetail>;
export type HelpRequestEvent = z.infer<typeof helpRequestEvent>;
export type HelpRequestList = z.infer<typeof helpRequestList>;
export type HelpStats = z.infer<typeof helpStats>;

export interface HelpRequestFilters {
  status?: HelpRequestStatus;
  /** only those past a time limit now */
  overdue?: boolean;
  village?: string;
  helperId?: string;
  page: number;
  pageSize: number;
}

const toQuery = (f: HelpRequestFilters) => ({ ...f, overdue: f.overdue ? 'true' : undefined });

export const helpRequestStaffQueries = {
  /** every cached answer about help requests (the citizens' pages keep theirs under it too) */
  all: ['help-requests'] as const,
  list: (f: HelpRequestFilters) =>
    queryOptions({
      queryKey: ['help-requests', 'staff', 'list', f] as const,
      queryFn: ({ signal }) => api<HelpRequestList>('/api/v1/help-requests', { query: toQuery(f), signal }),
      placeholderData: keepPreviousData,
    }),
  one: (id: string) =>
    queryOptions({
      queryKey: ['help-requests', 'staff', 'one', id] as const,
      queryFn: ({ signal }) => api<HelpRequestDetail>(`/api/v1/help-requests/${encodeURIComponent(id)}`, { signal }),
    }),
  stats: (q: { town?: string; month?: string }) =>
    queryOptions({
      queryKey: ['help-requests', 'staff', 'stats', q] as const,
      queryFn: ({ signal }) => api<HelpStats>('/api/v1/help-requests/stats', { query: q, signal }),
      placeholderData: keepPreviousData,
    }),
  /** A helper's requests, open first (the list's order): how many of them are open. */
  openLoad: (helperId: string) =>
    queryOptions({
      queryKey: ['help-requests', 'staff', 'load', helperId] as const,
      queryFn: async ({ signal }) => {
        const page = await api<HelpRequestList>('/api/v1/help-requests', { query: { helperId, pageSize: LOAD_PAGE }, signal });
        const open = page.items.filter((i) => isOpenHelpStatus(i.status)).length;
        // open ones come first: a full page of them may go on past it
        return { open, more: open === LOAD_PAGE && page.total > LOAD_PAGE };
      },
    }),
};

/** The most a list answer holds (the server's page size limit). */
const LOAD_PAGE = 100;

export const useHelpRequests = (f: HelpRequestFilters) => useQuery(helpRequestStaffQueries.list(f));
export const useHelpRequest = (id: string | undefined) => useQuery({ ...helpRequestStaffQueries.one(id ?? ''), enabled: Boolean(id) });
export const useHelpStats = (q: { town?: string; month?: string }) => useQuery(helpRequestStaffQueries.stats(q));

/** How many open requests each helper has (one small question per helper). */
export const useHelperLoads = (helperIds: string[], enabled: boolean) =>
  useQueries({
    queries: helperIds.map((id) => ({ ...helpRequestStaffQueries.openLoad(id), enabled })),
    combine: (results) => new Map(helperIds.map((id, i) => [id, results[i]?.data] as const)),
  });

/** What the summary strip and the tabs count: each a total of the list with one filter. */
export type HelpCountKey = HelpRequestStatus | 'overdue';
export const HELP_COUNT_KEYS: readonly HelpCountKey[] = ['unassigned', 'assigned', 'accepted', 'contacted', 'completed', 'cancelled', 'overdue'];

/** The totals of the area's requests by status, and of those past a limit now (undefined while loading). */
export function useHelpRequestCounts(): { counts: Partial<Record<HelpCountKey, number>>; all: number | undefined; failed: boolean } {
  const base = { page: 1, pageSize: 1 };
  return useQueries({
    queries: HELP_COUNT_KEYS.map((k) => helpRequestStaffQueries.list(k === 'overdue' ? { ...base, overdue: true } : { ...base, status: k })),
    combine: (results) => {
      const counts: Partial<Record<HelpCountKey, number>> = {};
      HELP_COUNT_KEYS.forEach((k, i) => {
        const total = results[i]?.data?.total;
        if (total !== undefined) counts[k] = total;
      });
      const statuses = HELP_COUNT_KEYS.filter((k) => k !== 'overdue');
      const all = statuses.every((k) => counts[k] !== undefined) ? statuses.reduce((n, k) => n + counts[k]!, 0) : undefined;
      return { counts, all, failed: results.some((r) => r.isError) };
    },
  });
}

/** After a change: the request as it now stands, and everything listed or counted about requests asked again. */
function useHelpRequestChange<V>(run: (v: V) => Promise<HelpRequestDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (detail) => {
      queryClient.setQueryData(helpRequestStaffQueries.one(detail.id).queryKey, detail);
      await queryClient.invalidateQueries({ queryKey: helpRequestStaffQueries.all, predicate: (q) => !(q.queryKey[2] === 'one' && q.queryKey[3] === detail.id) });
    },
  });
}

/** 分派 / 改派: to a helper covering the village (or a coordinator of the town); `version` as the page showed it. */
export const useAssignHelpRequest = () =>
  useHelpRequestChange((v: { id: string; helperId: string; note: string; version: number }) =>
    api<HelpRequestDetail>(`/api/v1/help-requests/${encodeURIComponent(v.id)}/assign`, { method: 'POST', body: { helperId: v.helperId, note: v.note, version: v.version } }));

/** 取消求助, with the reason (the citizen reads it). */
export const useCancelHelpRequest = () =>
  useHelpRequestChange((v: { id: string; reason: string; version: number }) =>
    api<HelpRequestDetail>(`/api/v1/help-requests/${encodeURIComponent(v.id)}/cancel`, { method: 'POST', body: { reason: v.reason, version: v.version } }));
