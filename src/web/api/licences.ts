/**
 * 电子证照 (/api/v1/me/licences, /api/v1/me/licence-uses, /api/v1/licences/verify): the typed client
 * and its TanStack Query options and hooks. Shapes are inferred from the server's zod schemas
 * (type-only imports: nothing from the server reaches the browser bundle), so the two cannot drift.
 *
 * One query key per URL under `licenceQueries.all`. Showing a licence (亮证) and checking a code
 * (核验) are mutations, never queries: each call makes a new code, and a code is accepted once, so
 * neither may be repeated by a refetch, a retry or a second mount.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { licenceDetail, licenceUses, showBody, shownCode, verification, wallet } from '../../server/modules/licences/schemas.js';
import { api, ApiError } from './client.js';

/** The wallet: the licences and each licence library asked (whether it answered). */
export type Wallet = z.infer<typeof wallet>;
/** A licence as the wallet lists it (a personal number masked). */
export type LicenceSummary = Wallet['items'][number];
export type WalletSource = Wallet['sources'][number];
/** One licence in full, with what may be shown and its 用证记录. */
export type LicenceDetail = z.infer<typeof licenceDetail>;
export type LicenceUses = z.infer<typeof licenceUses>;
export type LicenceUse = LicenceUses['items'][number];
export type ShowInput = z.input<typeof showBody>;
/** A 亮证 code: the token, when it expires, the address its QR code opens and the QR as SVG. */
export type ShownCode = z.infer<typeof shownCode>;
/** The answer to a check: valid or not (with the reason), and what the holder chose to show. */
export type Verification = z.infer<typeof verification>;

const WALLET = '/api/v1/me/licences';
const licencePath = (id: string) => `${WALLET}/${encodeURIComponent(id)}`;

export const licencesApi = {
  wallet: (signal?: AbortSignal) => api<Wallet>(WALLET, { signal }),
  get: (id: string, signal?: AbortSignal) => api<LicenceDetail>(licencePath(id), { signal }),
  uses: (signal?: AbortSignal) => api<LicenceUses>('/api/v1/me/licence-uses', { signal }),
  show: (id: string, body: ShowInput) =>
    api<ShownCode>(`${licencePath(id)}/show`, { method: 'POST', body, networkMessage: '网络连接失败，没能生成二维码。请检查网络后按「刷新二维码」' }),
  /** No abort signal: a check that reached the server has used the code, so it is never cancelled and sent again. */
  verify: (token: string) => api<Verification>('/api/v1/licences/verify', { query: { token }, networkMessage: '网络连接失败，没能核验。请检查网络后再试' }),
};

export const licenceQueries = {
  all: ['licences'] as const,
  wallet: () => queryOptions({ queryKey: ['licences', 'wallet'] as const, queryFn: ({ signal }) => licencesApi.wallet(signal) }),
  detail: (id: string) => queryOptions({ queryKey: ['licences', 'one', id] as const, queryFn: ({ signal }) => licencesApi.get(id, signal) }),
  uses: () => queryOptions({ queryKey: ['licences', 'uses'] as const, queryFn: ({ signal }) => licencesApi.uses(signal) }),
};

export const useWallet = (enabled = true) => useQuery({ ...licenceQueries.wallet(), enabled });
export const useLicence = (id: string | undefined) => useQuery({ ...licenceQueries.detail(id ?? ''), enabled: Boolean(id) });
export const useLicenceUses = (enabled = true) => useQuery({ ...licenceQueries.uses(), enabled });

/**
 * 亮证: a new signed code for the fields the holder chose. The licence's 用证记录 gains an entry
 * only when someone checks the code, so nothing is refetched here; a refusal because the licence
 * is no longer valid (409) refetches the wallet and the licence, so the pages show why.
 */
export function useShowLicence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: ShowInput }) => licencesApi.show(v.id, v.body),
    onError: (err, v) => {
      if (err instanceof ApiError && err.status === 409) {
        void queryClient.invalidateQueries({ queryKey: licenceQueries.wallet().queryKey });
        void queryClient.invalidateQueries({ queryKey: licenceQueries.detail(v.id).queryKey });
      }
    },
  });
}

/** 核验 a code (anyone, signed in or not): once per code, as the server accepts it once. */
export const useVerifyLicence = () => useMutation({ mutationFn: (token: string) => licencesApi.verify(token) });
