/**
 * 服务网点 for administrators: the venues of their places, one venue's full record, adding and
 * saving (version-checked). A centre's or station's address, hours and phone are also its place's
 * 实施清单 contacts, so a save refreshes the lists and guides this browser holds too. Types come
 * from the venues module's schemas (type-only).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { venueInput, venueRecord, venueRecordList } from '../../server/modules/venues/schemas.js';
import type { VenueKind } from '../../shared/venues.js';
import { api } from './client.js';

export type VenueRecord = z.infer<typeof venueRecord>;
export type VenueRecordList = z.infer<typeof venueRecordList>;
export type VenueRecordSummary = VenueRecordList['items'][number];
export type VenueInput = z.input<typeof venueInput>;
export type VenueHoursInput = VenueRecord['hours'];

export interface VenueRecordFilters {
  region?: string;
  kind?: VenueKind;
  q?: string;
  includeClosed?: boolean;
  page: number;
  pageSize: number;
}

export const venueRecordQueries = {
  all: ['venue-records'] as const,
  list: (f: VenueRecordFilters) =>
    queryOptions({
      queryKey: ['venue-records', 'list', f] as const,
      queryFn: ({ signal }) => api<VenueRecordList>('/api/v1/venue-records', { query: { ...f, includeClosed: f.includeClosed ? '1' : undefined }, signal }),
      placeholderData: keepPreviousData,
    }),
  one: (id: string) =>
    queryOptions({
      queryKey: ['venue-records', 'one', id] as const,
      queryFn: ({ signal }) => api<VenueRecord>(`/api/v1/venue-records/${encodeURIComponent(id)}`, { signal }),
    }),
};

export const useVenueRecords = (f: VenueRecordFilters) => useQuery(venueRecordQueries.list(f));
export const useVenueRecord = (id: string | null) => useQuery({ ...venueRecordQueries.one(id ?? ''), enabled: Boolean(id) });

/** Add (no id) or save (id and the version read) a venue; the map, lists and guides are asked again. */
export function useSaveVenue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string | null; version?: number; input: VenueInput }) =>
      v.id
        ? api<VenueRecord>(`/api/v1/venue-records/${encodeURIComponent(v.id)}`, { method: 'PUT', body: { ...v.input, version: v.version } })
        : api<VenueRecord>('/api/v1/venue-records', { method: 'POST', body: v.input }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(venueRecordQueries.one(saved.id).queryKey, saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: venueRecordQueries.all }),
        queryClient.invalidateQueries({ queryKey: ['venues'] }),
        queryClient.invalidateQueries({ queryKey: ['catalog-admin'] }),
        queryClient.invalidateQueries({ queryKey: ['catalog'] }),
      ]);
    },
  });
}
