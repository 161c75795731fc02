/**
 * Self-service terminals for administrators (自助终端): the status board, refreshed every 30
 * seconds; a terminal's maintenance log; new heartbeat tokens and maintenance. Types come from the
 * venues module's schemas (type-only: nothing of the server reaches the browser bundle).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { issuedToken, terminalBoard, terminalBoardItem, terminalEventList, terminalEventView } from '../../server/modules/venues/schemas.js';
import type { TerminalStatus } from '../../shared/terminals.js';
import { api } from './client.js';

export type TerminalBoard = z.infer<typeof terminalBoard>;
export type BoardTerminal = z.infer<typeof terminalBoardItem>;
export type TerminalEvent = z.infer<typeof terminalEventView>;
export type TerminalEventList = z.infer<typeof terminalEventList>;
export type IssuedToken = z.infer<typeof issuedToken>;

export interface BoardFilters {
  region?: string;
  status?: TerminalStatus;
  page: number;
  pageSize: number;
}

/** How often the board asks again: a terminal goes offline after 10 silent minutes. */
export const BOARD_REFRESH_MS = 30_000;

export const terminalQueries = {
  all: ['terminals'] as const,
  board: (f: BoardFilters) =>
    queryOptions({
      queryKey: ['terminals', 'board', f] as const,
      queryFn: ({ signal }) => api<TerminalBoard>('/api/v1/terminals', { query: { ...f }, signal }),
      placeholderData: keepPreviousData,
      refetchInterval: BOARD_REFRESH_MS,
    }),
  events: (id: string, page: number, pageSize: number) =>
    queryOptions({
      queryKey: ['terminals', 'events', id, page, pageSize] as const,
      queryFn: ({ signal }) => api<TerminalEventList>(`/api/v1/terminals/${encodeURIComponent(id)}/events`, { query: { page, pageSize }, signal }),
      placeholderData: keepPreviousData,
    }),
};

export const useTerminalBoard = (f: BoardFilters) => useQuery(terminalQueries.board(f));
export const useTerminalEvents = (id: string | null, page: number, pageSize: number) =>
  useQuery({ ...terminalQueries.events(id ?? '', page, pageSize), enabled: Boolean(id) });

/** A write to a terminal: afterwards the board and its log are asked again. */
function useTerminalWrite<V, R>(write: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: terminalQueries.all });
    },
  });
}

/** 重新生成令牌: the answer holds the token, shown once. */
export const useIssueToken = () =>
  useTerminalWrite((id: string) => api<IssuedToken>(`/api/v1/terminals/${encodeURIComponent(id)}/token`, { method: 'POST' }));

/** 停用维护 / 恢复服务 (a reason is required to take a terminal out of service). */
export const useSetMaintenance = () =>
  useTerminalWrite((v: { id: string; inService: boolean; note: string }) =>
    api<BoardTerminal>(`/api/v1/terminals/${encodeURIComponent(v.id)}/maintenance`, { method: 'POST', body: { inService: v.inService, note: v.note } }));
