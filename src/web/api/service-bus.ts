/**
 * The service bus (流动服务车 / 政务服务大篷车): the public timetable of village stops, and the
 * administrators' routes, plans and cancellations. Shapes are inferred from the server's zod
 * schemas (type-only imports: nothing from the server reaches the browser bundle). "From today"
 * is the server's (China date by its clock), so the public lists send no dates unless asked.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  addVisitsBody, addVisitsResult, adminRouteItem, adminRouteList, adminVisitList, adminVisitView, busRouteDetail, busVisitList, busVisitView, createRouteBody, updateRouteBody,
} from '../../server/modules/service-bus/schemas.js';
import type { BusVisitStatus } from '../../shared/service-bus.js';
import { api } from './client.js';

export type BusVisit = z.infer<typeof busVisitView>;
export type BusVisitList = z.infer<typeof busVisitList>;
export type BusRouteDetail = z.infer<typeof busRouteDetail>;
export type AdminBusRoute = z.infer<typeof adminRouteItem>;
export type AdminBusRouteList = z.infer<typeof adminRouteList>;
export type AdminBusVisit = z.infer<typeof adminVisitView>;
export type AdminBusVisitList = z.infer<typeof adminVisitList>;
export type BusRouteInput = z.input<typeof createRouteBody>;
export type BusRouteUpdate = z.input<typeof updateRouteBody>;
export type AddVisitsInput = z.input<typeof addVisitsBody>;
export type AddVisitsResult = z.infer<typeof addVisitsResult>;

export interface AdminVisitFilters {
  routeId?: string;
  region?: string;
  from?: string;
  to?: string;
  status?: BusVisitStatus;
  page: number;
  pageSize: number;
}

/** Timetables change a few times a week: five minutes is fresh enough, and a cancellation reaches a reopened page. */
const STALE_MS = 5 * 60_000;

export const serviceBusQueries = {
  all: ['service-bus'] as const,
  /** the stops in a place (and under it), from today for `days` days (the server's default span when omitted) */
  visits: (region: string | undefined, days?: { from: string; to: string }) =>
    queryOptions({
      queryKey: ['service-bus', 'visits', { region, ...days }] as const,
      queryFn: ({ signal }) => api<BusVisitList>('/api/v1/service-bus/visits', { query: { region, ...days }, signal }),
      placeholderData: keepPreviousData,
      staleTime: STALE_MS,
    }),
  route: (id: string) =>
    queryOptions({
      queryKey: ['service-bus', 'route', id] as const,
      queryFn: ({ signal }) => api<BusRouteDetail>(`/api/v1/service-bus/routes/${encodeURIComponent(id)}`, { signal }),
      staleTime: STALE_MS,
    }),
  adminRoutes: () =>
    queryOptions({
      queryKey: ['service-bus', 'admin', 'routes'] as const,
      queryFn: ({ signal }) => api<AdminBusRouteList>('/api/v1/admin/service-bus/routes', { query: { pageSize: 100 }, signal }),
    }),
  adminVisits: (f: AdminVisitFilters) =>
    queryOptions({
      queryKey: ['service-bus', 'admin', 'visits', f] as const,
      queryFn: ({ signal }) => api<AdminBusVisitList>('/api/v1/admin/service-bus/visits', { query: { ...f }, signal }),
      placeholderData: keepPreviousData,
    }),
};

export const useBusVisits = (region: string | undefined, days?: { from: string; to: string }, enabled = true) => useQuery({ ...serviceBusQueries.visits(region, days), enabled });
export const useAdminBusRoutes = () => useQuery(serviceBusQueries.adminRoutes());
export const useAdminBusVisits = (f: AdminVisitFilters) => useQuery(serviceBusQueries.adminVisits(f));

/** A write: afterwards every service bus answer (public and board) is asked again. */
function useBusWrite<V, R>(write: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: serviceBusQueries.all });
    },
  });
}

export const useCreateBusRoute = () => useBusWrite((body: BusRouteInput) => api<AdminBusRoute>('/api/v1/admin/service-bus/routes', { method: 'POST', body }));
export const useUpdateBusRoute = () =>
  useBusWrite((v: { id: string; body: BusRouteUpdate }) => api<AdminBusRoute>(`/api/v1/admin/service-bus/routes/${encodeURIComponent(v.id)}`, { method: 'PUT', body: v.body }));
export const useAddBusVisits = () =>
  useBusWrite((v: { routeId: string; body: AddVisitsInput }) => api<AddVisitsResult>(`/api/v1/admin/service-bus/routes/${encodeURIComponent(v.routeId)}/visits`, { method: 'POST', body: v.body }));
export const useCancelBusVisit = () =>
  useBusWrite((v: { id: string; reason: string }) => api<AdminBusVisit>(`/api/v1/admin/service-bus/visits/${encodeURIComponent(v.id)}/cancel`, { method: 'POST', body: { reason: v.reason } }));
