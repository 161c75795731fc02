/**
 * 场所标准化评估 for administrators: the overview of the centres and stations in their area, one
 * venue's standing and history, an assessment (draft or final), the checklist versions, and the
 * writes — starting, saving and finalising an assessment, its photos. Types come from the
 * venue-standards module's schemas (type-only: nothing of the server reaches the browser bundle).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  assessmentSummary, assessmentView, checklistBody, checklistList, checklistSummary, checklistView, overview, overviewItem, photoView, venueStanding,
} from '../../server/modules/venue-standards/schemas.js';
import type { AssessedKind, OverviewLevel } from '../../shared/venue-standards.js';
import { api, uploadFile } from './client.js';

export type Overview = z.infer<typeof overview>;
export type OverviewRow = z.infer<typeof overviewItem>;
export type VenueStanding = z.infer<typeof venueStanding>;
export type Assessment = z.infer<typeof assessmentView>;
export type AssessmentBrief = z.infer<typeof assessmentSummary>;
export type Checklist = z.infer<typeof checklistView>;
export type ChecklistBrief = z.infer<typeof checklistSummary>;
export type ChecklistList = z.infer<typeof checklistList>;
/** What POST /venue-standards/checklists takes: a whole new version. */
export type ChecklistInput = z.input<typeof checklistBody>;
export type Photo = z.infer<typeof photoView>;

export interface OverviewFilters {
  town?: string;
  level?: OverviewLevel;
  kind?: AssessedKind;
  q?: string;
  page: number;
  pageSize: number;
}

const BASE = '/api/v1/venue-standards';
const id = (s: string) => encodeURIComponent(s);

export const venueStandardQueries = {
  all: ['venue-standards'] as const,
  overview: (f: OverviewFilters) =>
    queryOptions({
      queryKey: ['venue-standards', 'overview', f] as const,
      queryFn: ({ signal }) => api<Overview>(`${BASE}/overview`, { query: { ...f }, signal }),
      placeholderData: keepPreviousData,
    }),
  venue: (venueId: string) =>
    queryOptions({ queryKey: ['venue-standards', 'venue', venueId] as const, queryFn: ({ signal }) => api<VenueStanding>(`${BASE}/venues/${id(venueId)}`, { signal }) }),
  assessment: (assessmentId: string) =>
    queryOptions({ queryKey: ['venue-standards', 'assessment', assessmentId] as const, queryFn: ({ signal }) => api<Assessment>(`${BASE}/assessments/${id(assessmentId)}`, { signal }) }),
  current: (kind: AssessedKind) =>
    queryOptions({ queryKey: ['venue-standards', 'checklist', 'current', kind] as const, queryFn: ({ signal }) => api<Checklist>(`${BASE}/checklists/current`, { query: { kind }, signal }) }),
  checklists: () => queryOptions({ queryKey: ['venue-standards', 'checklists'] as const, queryFn: ({ signal }) => api<ChecklistList>(`${BASE}/checklists`, { signal }) }),
  checklist: (checklistId: string) =>
    queryOptions({ queryKey: ['venue-standards', 'checklist', 'id', checklistId] as const, queryFn: ({ signal }) => api<Checklist>(`${BASE}/checklists/${id(checklistId)}`, { signal }) }),
};

export const useStandardsOverview = (f: OverviewFilters) => useQuery(venueStandardQueries.overview(f));
export const useVenueStanding = (venueId: string) => useQuery(venueStandardQueries.venue(venueId));
export const useAssessment = (assessmentId: string | null | undefined) =>
  useQuery({ ...venueStandardQueries.assessment(assessmentId ?? ''), enabled: Boolean(assessmentId) });
export const useCurrentChecklist = (kind: AssessedKind, enabled = true) => useQuery({ ...venueStandardQueries.current(kind), enabled });
export const useChecklists = () => useQuery(venueStandardQueries.checklists());
export const useChecklist = (checklistId: string | null | undefined) =>
  useQuery({ ...venueStandardQueries.checklist(checklistId ?? ''), enabled: Boolean(checklistId) });

/**
 * A write: an answer that is the assessment goes straight into its entry; everything else of the
 * resource is asked again (the overview, the venue's history).
 */
function useStandardsWrite<V, R>(write: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (result: R) => {
      const answer: unknown = result;
      const placed = isAssessment(answer) ? venueStandardQueries.assessment(answer.id).queryKey : null;
      if (placed && isAssessment(answer)) queryClient.setQueryData(placed, answer);
      await queryClient.invalidateQueries({ queryKey: venueStandardQueries.all, predicate: (q) => !placed || JSON.stringify(q.queryKey) !== JSON.stringify(placed) });
    },
  });
}
const isAssessment = (x: unknown): x is Assessment => typeof x === 'object' && x !== null && 'checklist' in x && 'scores' in x;

export interface SaveInput {
  id: string;
  version: number;
  assessedOn: string;
  scores: Record<string, { points: number; note: string }>;
  summary: string;
}

/** 新建评估: a draft with the current checklist of the venue's kind. */
export const useStartAssessment = () =>
  useStandardsWrite((v: { venueId: string; assessedOn?: string }) => api<Assessment>(`${BASE}/venues/${id(v.venueId)}/assessments`, { method: 'POST', body: v.assessedOn ? { assessedOn: v.assessedOn } : {} }));

/** 保存草稿: the scores replace the draft's (those not sent are unscored). */
export const useSaveAssessment = () =>
  useStandardsWrite(({ id: assessmentId, ...body }: SaveInput) => api<Assessment>(`${BASE}/assessments/${id(assessmentId)}`, { method: 'PUT', body }));

/** 定稿: scored against the assessment's own checklist version, final from then on. */
export const useFinaliseAssessment = () =>
  useStandardsWrite((v: { id: string; version: number }) => api<Assessment>(`${BASE}/assessments/${id(v.id)}/finalise`, { method: 'POST', body: { version: v.version } }));

/** 删除草稿. */
export const useDiscardAssessment = () => useStandardsWrite((assessmentId: string) => api<{ ok: true }>(`${BASE}/assessments/${id(assessmentId)}`, { method: 'DELETE' }));

/** 上传现场照片 (JPG or PNG; the server checks the content). */
export const useAddPhoto = () => useStandardsWrite((v: { id: string; file: File }) => uploadFile<Photo>(`${BASE}/assessments/${id(v.id)}/photos`, v.file));

export const useRemovePhoto = () =>
  useStandardsWrite((v: { id: string; fileId: string }) => api<{ ok: true }>(`${BASE}/assessments/${id(v.id)}/photos/${id(v.fileId)}`, { method: 'DELETE' }));

/** 发布新版评估标准 (the city administrator): the current checklists, the list and the overview are asked again. */
export const usePublishChecklist = () => useStandardsWrite((body: ChecklistInput) => api<Checklist>(`${BASE}/checklists`, { method: 'POST', body }));
