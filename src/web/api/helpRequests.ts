/**
 * 帮办代办 help requests (/api/v1/help-requests): the typed client and its TanStack Query options
 * and hooks. Shapes are inferred from the server's zod schemas (type-only imports: nothing from the
 * server reaches the browser bundle), so the two cannot drift apart.
 *
 * One query key per URL under `helpRequestQueries.all`: writes put the request as it now stands into
 * its detail and refetch every list.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { cancelBody, createBody, helpRequestDetail, helpRequestList, ratingBody } from '../../server/modules/assistance/schemas.js';
import { newIdempotencyKey } from './cases.js';
import { api, ApiError } from './client.js';

/** POST /help-requests: the request as sent (optional fields may be left out). */
export type HelpRequestInput = z.input<typeof createBody>;
export type HelpRequestList = z.infer<typeof helpRequestList>;
/** A request in a list: names and phones masked. */
export type HelpRequestSummary = HelpRequestList['items'][number];
/** One request with its history and what the signed-in person `can` do now. */
export type HelpRequestDetail = z.infer<typeof helpRequestDetail>;
export type HelpRequestEvent = HelpRequestDetail['events'][number];
export type CancelHelpInput = z.input<typeof cancelBody>;
export type RateHelpInput = z.input<typeof ratingBody>;

/** A new Idempotency-Key: one per request form, so a double tap or a retry makes one request. */
export const newHelpRequestKey = newIdempotencyKey;

const BASE = '/api/v1/help-requests';
const requestPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export const helpRequestsApi = {
  /** POST with an Idempotency-Key: a retry with the same key and body answers the same request. */
  create: (body: HelpRequestInput, idempotencyKey: string) =>
    api<HelpRequestDetail>(BASE, {
      method: 'POST',
      body,
      headers: { 'idempotency-key': idempotencyKey },
      networkMessage: '网络连接失败，求助可能没有提交成功。请检查网络后再点一次「提交求助」（不会重复提交）',
    }),
  mine: (page: number, pageSize: number, signal?: AbortSignal) => api<HelpRequestList>(`${BASE}/mine`, { query: { page, pageSize }, signal }),
  get: (id: string, signal?: AbortSignal) => api<HelpRequestDetail>(requestPath(id), { signal }),
  cancel: (id: string, body: CancelHelpInput) => api<HelpRequestDetail>(`${requestPath(id)}/cancel`, { method: 'POST', body }),
  rate: (id: string, body: RateHelpInput) => api<HelpRequestDetail>(`${requestPath(id)}/rating`, { method: 'POST', body }),
};

export const helpRequestQueries = {
  all: ['help-requests'] as const,
  /** 我的求助: the signed-in citizen's requests, open first. */
  mine: (page: number, pageSize: number) =>
    queryOptions({
      queryKey: ['help-requests', 'mine', page, pageSize] as const,
      queryFn: ({ signal }) => helpRequestsApi.mine(page, pageSize, signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) => queryOptions({ queryKey: ['help-requests', 'one', id] as const, queryFn: ({ signal }) => helpRequestsApi.get(id, signal) }),
};

export const useMyHelpRequests = (page: number, pageSize: number, enabled = true) => useQuery({ ...helpRequestQueries.mine(page, pageSize), enabled });
export const useHelpRequest = (id: string | undefined) => useQuery({ ...helpRequestQueries.detail(id ?? ''), enabled: Boolean(id) });

/**
 * The answer of a write is the request as it now stands: into its detail; every list is refetched.
 * A conflict (changed meanwhile, or in another status now) refetches the request, so the page shows
 * what it is now and what may still be done.
 */
function useHelpRequestWrite<V>(write: (v: V) => Promise<HelpRequestDetail>, idOf: (v: V) => string | null = () => null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (detail) => {
      queryClient.setQueryData(helpRequestQueries.detail(detail.id).queryKey, detail);
      await queryClient.invalidateQueries({ queryKey: helpRequestQueries.all, predicate: (q) => q.queryKey[1] !== 'one' || q.queryKey[2] !== detail.id });
    },
    onError: (err, v) => {
      const id = idOf(v);
      if (id && err instanceof ApiError && err.status === 409) void queryClient.invalidateQueries({ queryKey: helpRequestQueries.detail(id).queryKey });
    },
  });
}

/** 请帮办员帮我办: a citizen asks for themself or a relative; dispatched at once by the server. */
export const useCreateHelpRequest = () => useHelpRequestWrite((v: { body: HelpRequestInput; idempotencyKey: string }) => helpRequestsApi.create(v.body, v.idempotencyKey));
/** 取消求助 (with the reason, on the version the page showed). */
export const useCancelHelpRequest = () =>
  useHelpRequestWrite(
    (v: { id: string; body: CancelHelpInput }) => helpRequestsApi.cancel(v.id, v.body),
    (v) => v.id,
  );
/** 评价: once, after the request is completed. */
export const useRateHelpRequest = () =>
  useHelpRequestWrite(
    (v: { id: string; body: RateHelpInput }) => helpRequestsApi.rate(v.id, v.body),
    (v) => v.id,
  );
