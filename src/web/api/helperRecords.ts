/**
 * 帮办代办员 for administrators (helper.manage): the helpers of their towns, one helper's full
 * record, adding and saving (version-checked: 409 HELPER_CHANGED when someone saved first), and the
 * helper-role staff accounts of a town a record may be linked to. Types come from the helpers and
 * accounts modules' schemas (type-only imports).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { helperInput, helperRecord, helperRecordList } from '../../server/modules/helpers/schemas.js';
import type { HelperType } from '../../shared/helpers.js';
import { api } from './client.js';
import type { UserList } from './types.js';

export type HelperRecord = z.infer<typeof helperRecord>;
export type HelperRecordList = z.infer<typeof helperRecordList>;
export type HelperInput = z.input<typeof helperInput>;

export interface HelperRecordFilters {
  town?: string;
  /** a village: the helpers covering it (its own and the whole town's) */
  village?: string;
  type?: HelperType;
  q?: string;
  /** true: on the roster only; false: withdrawn only; undefined: both */
  active?: boolean;
  page: number;
  pageSize: number;
}

export const helperRecordQueries = {
  all: ['helper-records'] as const,
  list: (f: HelperRecordFilters) =>
    queryOptions({
      queryKey: ['helper-records', 'list', f] as const,
      queryFn: ({ signal }) =>
        api<HelperRecordList>('/api/v1/helper-records', { query: { ...f, active: f.active === undefined ? undefined : String(f.active) }, signal }),
      placeholderData: keepPreviousData,
    }),
  one: (id: string) =>
    queryOptions({
      queryKey: ['helper-records', 'one', id] as const,
      queryFn: ({ signal }) => api<HelperRecord>(`/api/v1/helper-records/${encodeURIComponent(id)}`, { signal }),
    }),
  /** active or not, the accounts with a helper grant whose home is in the town (the form keeps those whose grant covers it) */
  accounts: (town: string) =>
    queryOptions({
      queryKey: ['helper-records', 'accounts', town] as const,
      queryFn: ({ signal }) => api<UserList>('/api/v1/admin/users', { query: { role: 'helper', regionCode: town, pageSize: 100 }, signal }),
    }),
};

export const useHelperRecords = (f: HelperRecordFilters) => useQuery(helperRecordQueries.list(f));
export const useHelperRecord = (id: string | null) => useQuery({ ...helperRecordQueries.one(id ?? ''), enabled: Boolean(id) });
export const useHelperAccounts = (town: string | undefined, enabled: boolean) => useQuery({ ...helperRecordQueries.accounts(town ?? ''), enabled: enabled && Boolean(town) });

/**
 * Add (no id) or save (id, the version read, and whether the helper is on the roster) a helper;
 * the admin lists and the public rosters this browser holds are asked again.
 */
export function useSaveHelper() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string | null; version?: number; active?: boolean; input: HelperInput }) =>
      v.id
        ? api<HelperRecord>(`/api/v1/helper-records/${encodeURIComponent(v.id)}`, { method: 'PUT', body: { ...v.input, active: v.active ?? true, version: v.version } })
        : api<HelperRecord>('/api/v1/helper-records', { method: 'POST', body: v.input }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(helperRecordQueries.one(saved.id).queryKey, saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['helper-records', 'list'] }),
        queryClient.invalidateQueries({ queryKey: ['helpers'] }),
        queryClient.invalidateQueries({ queryKey: ['venues'] }),
      ]);
    },
  });
}
