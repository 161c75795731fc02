/**
 * 服务网点 for administrators: the venues of their places, one venue's full record, adding and
 * saving (version-checked). A centre's or station's address, hours and phone are also its place's
 * 实施清单 contacts, so a save refreshes the lists and guides this browser holds too. Types come
 * from the venues module's schemas (type-only).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { venueInput, venuePhotoList, venueRecord, venueRecordList } from '../../server/modules/venues/schemas.js';
import type { VenueKind } from '../../shared/venues.js';
import { api } from './client.js';

export type VenueRecord = z.infer<typeof venueRecord>;
export type VenueRecordList = z.infer<typeof venueRecordList>;
export type VenueRecordSummary = VenueRecordList['items'][number];
export type VenueInput = z.input<typeof venueInput>;
export type VenueHoursInput = VenueRecord['hours'];
export type VenuePhoto = VenueRecord['photos'][number];
export type VenuePhotoList = z.infer<typeof venuePhotoList>;

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

/** A change to a venue's photos: a new image with its description, a new order and descriptions, or one removed. */
export type PhotoChange =
  | { kind: 'add'; file: File; alt: string }
  | { kind: 'arrange'; photos: { fileId: string; alt: string }[] }
  | { kind: 'remove'; fileId: string };

/**
 * Changes a venue's photos from the version this browser holds (409 VENUE_CHANGED when someone
 * else changed the venue since). The answer's version and photos go into the record held here, so
 * the record's form saves from the new version without reloading what is being typed into it.
 */
export function useChangeVenuePhotos(record: Pick<VenueRecord, 'id' | 'version'>) {
  const queryClient = useQueryClient();
  const path = `/api/v1/venue-records/${encodeURIComponent(record.id)}/photos`;
  return useMutation({
    mutationFn: (change: PhotoChange): Promise<VenuePhotoList> => {
      if (change.kind === 'add') {
        // the description and the version first, then the image (the server reads them in any order)
        const body = new FormData();
        body.append('alt', change.alt);
        body.append('version', String(record.version));
        body.append('file', change.file, change.file.name);
        return api<VenuePhotoList>(path, { method: 'POST', body });
      }
      if (change.kind === 'arrange') return api<VenuePhotoList>(path, { method: 'PUT', body: { version: record.version, photos: change.photos } });
      return api<VenuePhotoList>(`${path}/${encodeURIComponent(change.fileId)}`, { method: 'DELETE', query: { version: record.version } });
    },
    onSuccess: async (list) => {
      queryClient.setQueryData(venueRecordQueries.one(record.id).queryKey, (old) => (old ? { ...old, version: list.version, updatedAt: list.updatedAt, photos: list.photos } : old));
      await queryClient.invalidateQueries({ queryKey: ['venues'] });
    },
  });
}
