/**
 * 帮办代办员: the public roster of a town or village. Shapes are inferred from the server's zod
 * schemas (type-only imports: nothing from the server reaches the browser bundle).
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { helperRoster, rosterHelper } from '../../server/modules/helpers/schemas.js';
import { api } from './client.js';

export type HelperRosterView = z.infer<typeof helperRoster>;
export type RosterHelper = z.infer<typeof rosterHelper>;

/** A roster changes a few times a year: five minutes is fresh enough. */
const STALE_MS = 5 * 60_000;

export const helperQueries = {
  all: ['helpers'] as const,
  /** a village's helpers and its town's coordinators, or every helper of a town */
  roster: (region: string) =>
    queryOptions({
      queryKey: ['helpers', 'roster', region] as const,
      queryFn: ({ signal }) => api<HelperRosterView>('/api/v1/helpers', { query: { region }, signal }),
      staleTime: STALE_MS,
    }),
};

export const useHelperRoster = (region: string) => useQuery(helperQueries.roster(region));
