/**
 * 好差评 for the person who was served: where a handled case's rating stands (whether and until when
 * it may be rated, the rating given, a 差评's rectification) and the rating itself. Asked either
 * for the signed-in citizen's own case (by its number) or with a rating link's token (the SMS
 * invitation, the window QR code: no sign-in). Types come from the ratings module's schemas
 * (type-only: nothing of the server reaches the browser bundle).
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { rateBody, rateResult, ratingState, ratingView } from '../../server/modules/ratings/schemas.js';
import { api, ApiError } from './client.js';

export type RatingState = z.infer<typeof ratingState>;
export type GivenRating = z.infer<typeof ratingView>;
/** What POST /ratings takes (optional fields may be left out). */
export type RateInput = z.input<typeof rateBody>;
export type RateResult = z.infer<typeof rateResult>;

/**
 * A hall's rating device (窗口评价器) or self-service kiosk: its terminal id and bearer token (issued
 * in 工作台「自助终端」), and the channel it rates by.
 */
export interface RatingTerminal {
  id: string;
  token: string;
  channel: 'tablet' | 'kiosk';
}

/** Whose rating: the signed-in citizen's case by its number, a rating link's token, or a case rated at a hall's terminal. */
export type RatingTarget = { caseNo: string } | { token: string } | { caseNo: string; terminal: RatingTerminal };

const bearer = (terminal: RatingTerminal) => ({ authorization: `Bearer ${terminal.token}` });

const BASE = '/api/v1/ratings';

export const ratingQueries = {
  all: ['ratings'] as const,
  state: (target: RatingTarget) =>
    queryOptions({
      // the terminal's token stays out of the key (keys show in the dev tools and caches)
      queryKey: ['ratings', 'state', 'terminal' in target ? { caseNo: target.caseNo, terminalId: target.terminal.id } : target] as const,
      queryFn: ({ signal }) =>
        'terminal' in target
          ? api<RatingState>(`${BASE}/case`, { query: { caseNo: target.caseNo, terminalId: target.terminal.id }, headers: bearer(target.terminal), signal })
          : api<RatingState>(`${BASE}/case`, { query: { ...target }, signal }),
    }),
};

/** Where a case's rating stands; nothing is asked while `target` is null. */
export const useRatingState = (target: RatingTarget | null) =>
  useQuery({ ...ratingQueries.state(target ?? { caseNo: '' }), enabled: target !== null });

/**
 * The rating. Afterwards (and after a refusal that means the page is out of date: rated meanwhile,
 * the time is up) the rating states are asked again.
 */
export function useRate(terminal?: RatingTerminal) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ratingQueries.all });
  return useMutation({
    mutationFn: (body: RateInput) =>
      api<RateResult>(BASE, {
        method: 'POST',
        body: terminal ? { ...body, terminalId: terminal.id } : body,
        ...(terminal ? { headers: bearer(terminal) } : {}),
        networkMessage: '网络连接失败，评价可能没有提交成功。请检查网络后刷新页面查看',
      }),
    onSuccess: refresh,
    onError: (err) => {
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) void refresh();
    },
  });
}
