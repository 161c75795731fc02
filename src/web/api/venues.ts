/**
 * The service map (政务服务地图): venues as a paged list, the nearest to a point, every marker of the
 * map, and one venue's detail. Shapes are inferred from the server's zod schemas (type-only
 * imports: nothing from the server reaches the browser bundle). Filtering and "open now" are the
 * server's: it knows the working-day calendar and China time.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { nearbyItem, nearbyResult, terminalView, venueDetail, venueList, venuePoints, venueSummary } from '../../server/modules/venues/schemas.js';
import { VENUE_GROUPS, type VenueGroup } from '../../shared/venues.js';
import { api } from './client.js';

export type VenueSummary = z.infer<typeof venueSummary>;
export type VenueList = z.infer<typeof venueList>;
export type NearbyVenue = z.infer<typeof nearbyItem>;
export type NearbyResult = z.infer<typeof nearbyResult>;
export type VenuePoints = z.infer<typeof venuePoints>;
export type VenuePoint = VenuePoints['items'][number];
export type VenueDetail = z.infer<typeof venueDetail>;
export type VenueTerminal = z.infer<typeof terminalView>;

/** What the map and its list are filtered by (the page keeps them in its address). */
export interface VenueFilters {
  group?: VenueGroup;
  /** a region code: venues in it or under it */
  region?: string;
  /** a 14-digit item row code: venues where it can be handled */
  item?: string;
  openNow?: boolean;
  accessible?: boolean;
}

export const VENUE_PAGE_SIZE = 20;
/** How many venues 「找离我最近的」 lists (the server allows up to 50). */
export const NEARBY_LIMIT = 20;

/** The filters as query parameters: a group as its kinds, flags only when set (false is "any"). */
function filterParams(f: VenueFilters) {
  return {
    kind: f.group ? VENUE_GROUPS[f.group].kinds.join(',') : undefined,
    item: f.item,
    openNow: f.openNow ? 'true' : undefined,
    accessible: f.accessible ? 'true' : undefined,
  };
}

/**
 * One key per URL. "Open now" moves with the clock, so answers go stale after a minute (a page left
 * open over lunch refreshes when it is used again).
 */
export const venueQueries = {
  list: (f: VenueFilters, page: number, pageSize = VENUE_PAGE_SIZE) =>
    queryOptions({
      queryKey: ['venues', 'list', { ...filterParams(f), region: f.region, page, pageSize }] as const,
      queryFn: ({ signal }) => api<VenueList>('/api/v1/venues', { query: { ...filterParams(f), region: f.region, page, pageSize }, signal }),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  /** The nearest venues to a point; the region filter does not apply (distance is the scope). */
  nearby: (point: { lat: number; lng: number }, f: VenueFilters, limit = NEARBY_LIMIT) =>
    queryOptions({
      queryKey: ['venues', 'nearby', { ...filterParams(f), lat: point.lat, lng: point.lng, limit }] as const,
      queryFn: ({ signal }) => api<NearbyResult>('/api/v1/venues/nearby', { query: { ...filterParams(f), lat: point.lat, lng: point.lng, limit }, signal }),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  points: (f: VenueFilters) =>
    queryOptions({
      queryKey: ['venues', 'points', { ...filterParams(f), region: f.region }] as const,
      queryFn: ({ signal }) => api<VenuePoints>('/api/v1/venues/points', { query: { ...filterParams(f), region: f.region }, signal }),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: ['venues', 'detail', id] as const,
      queryFn: ({ signal }) => api<VenueDetail>(`/api/v1/venues/${encodeURIComponent(id)}`, { signal }),
      staleTime: 60_000,
    }),
};

export const useVenueList = (f: VenueFilters, page: number, enabled = true) => useQuery({ ...venueQueries.list(f, page), enabled });
export const useNearbyVenues = (point: { lat: number; lng: number } | null, f: VenueFilters) =>
  useQuery({ ...venueQueries.nearby(point ?? { lat: 0, lng: 0 }, f), enabled: point !== null });
export const useVenuePoints = (f: VenueFilters, enabled = true) => useQuery({ ...venueQueries.points(f), enabled });
export const useVenue = (id: string) => useQuery({ ...venueQueries.detail(id), enabled: Boolean(id) });
