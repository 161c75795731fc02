/**
 * 电子证照 for staff: a licence a case used in place of a material (the clerk checks it inside the
 * case; 404 LICENCE_NOT_FOUND for any other), the licences the platform issued in the staff
 * member's area, and revoking one (approvers over the issuing place; 409 LICENCE_NOT_VALID when it
 * is no longer valid). Revoking shows everywhere at once: every cached answer about licences is
 * asked again. Types come from the licences module's schemas (type-only imports).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { issuedLicence, issuedList, licenceDetail } from '../../server/modules/licences/schemas.js';
import type { LicenceStatus } from '../../shared/licences.js';
import { api } from './client.js';

export type LicenceDetail = z.infer<typeof licenceDetail>;
export type IssuedLicence = z.infer<typeof issuedLicence>;
export type IssuedList = z.infer<typeof issuedList>;

export interface IssuedFilters {
  region?: string;
  status?: LicenceStatus;
  /** licence type, number or holder name */
  q?: string;
  page: number;
  pageSize: number;
}

const enc = encodeURIComponent;

export const licenceStaffQueries = {
  /** every cached answer about licences (the citizens' wallet keeps its own under it too) */
  all: ['licences'] as const,
  /** the licence a case used for a material: staff who can see the case */
  ofCase: (caseId: string, licenceId: string) =>
    queryOptions({
      queryKey: ['licences', 'case', caseId, licenceId] as const,
      queryFn: ({ signal }) => api<LicenceDetail>(`/api/v1/cases/${enc(caseId)}/licences/${enc(licenceId)}`, { signal }),
      // a 404 (not a licence this case used) will not change by asking again
      retry: false,
    }),
  issued: (f: IssuedFilters) =>
    queryOptions({
      queryKey: ['licences', 'staff', 'issued', f] as const,
      queryFn: ({ signal }) => api<IssuedList>('/api/v1/licences', { query: { ...f }, signal }),
      placeholderData: keepPreviousData,
    }),
};

export const useCaseLicence = (caseId: string, licenceId: string | null) =>
  useQuery({ ...licenceStaffQueries.ofCase(caseId, licenceId ?? ''), enabled: Boolean(licenceId) });
export const useIssuedLicences = (f: IssuedFilters) => useQuery(licenceStaffQueries.issued(f));

/**
 * 注销 (revoke) with the reason: the answer is the licence as it now stands, put into the lists
 * at once; then everything about licences (lists, a case's licence, the holder's wallet) is
 * asked again.
 */
export function useRevokeLicence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) => api<IssuedLicence>(`/api/v1/licences/${enc(v.id)}/revoke`, { method: 'POST', body: { reason: v.reason } }),
    onSuccess: async (next) => {
      queryClient.setQueriesData<IssuedList>({ queryKey: ['licences', 'staff', 'issued'] }, (list) =>
        list ? { ...list, items: list.items.map((l) => (l.id === next.id ? next : l)) } : list,
      );
      await queryClient.invalidateQueries({ queryKey: licenceStaffQueries.all });
    },
  });
}
