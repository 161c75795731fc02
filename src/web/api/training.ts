/**
 * 培训记录 on the workbench: sessions (training.manage over the organiser), one session with its
 * participants and materials, the staff to pick from, a year's figures, a person's record, and
 * 我的培训 (every staff member). Writes are made on the version read (409 when it changed
 * meanwhile). Types come from the training module's schemas (type-only imports).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  addParticipantsResult, candidateList, caseChoiceList, participantUpdateBody, participantView, personRecord, sessionBody, sessionList, sessionView, summaryView,
} from '../../server/modules/training/schemas.js';
import type { TrainingForm, TrainingStatus } from '../../shared/training.js';
import { api, uploadFile } from './client.js';

export type TrainingSessionList = z.infer<typeof sessionList>;
export type TrainingSessionItem = TrainingSessionList['items'][number];
export type TrainingSession = z.infer<typeof sessionView>;
export type TrainingParticipant = z.infer<typeof participantView>;
export type TrainingSummary = z.infer<typeof summaryView>;
export type TrainingRecord = z.infer<typeof personRecord>;
export type TrainingCandidates = z.infer<typeof candidateList>;
export type SessionInput = z.input<typeof sessionBody>;
export type ParticipantUpdate = z.input<typeof participantUpdateBody>;
export type AddParticipantsResult = z.infer<typeof addParticipantsResult>;
export type TeachingCase = TrainingSession['cases'][number];
export type TeachingCaseChoices = z.infer<typeof caseChoiceList>;

export interface TrainingFilters {
  year?: number;
  region?: string;
  form?: TrainingForm;
  status?: TrainingStatus;
  q?: string;
  page: number;
  pageSize: number;
}

const BASE = '/api/v1/training';
const seg = encodeURIComponent;

export const trainingQueries = {
  all: ['training'] as const,
  list: (f: TrainingFilters) =>
    queryOptions({ queryKey: ['training', 'sessions', f] as const, queryFn: ({ signal }) => api<TrainingSessionList>(`${BASE}/sessions`, { query: { ...f }, signal }), placeholderData: keepPreviousData }),
  session: (id: string) => queryOptions({ queryKey: ['training', 'session', id] as const, queryFn: ({ signal }) => api<TrainingSession>(`${BASE}/sessions/${seg(id)}`, { signal }) }),
  summary: (year: number | undefined, region: string | undefined) =>
    queryOptions({ queryKey: ['training', 'summary', year, region] as const, queryFn: ({ signal }) => api<TrainingSummary>(`${BASE}/summary`, { query: { year, region }, signal }) }),
  candidates: (regionCode: string, q: string) =>
    queryOptions({ queryKey: ['training', 'candidates', regionCode, q] as const, queryFn: ({ signal }) => api<TrainingCandidates>(`${BASE}/candidates`, { query: { regionCode, q: q || undefined }, signal }) }),
  caseChoices: (q: string) =>
    queryOptions({ queryKey: ['training', 'case-choices', q] as const, queryFn: ({ signal }) => api<TeachingCaseChoices>(`${BASE}/case-choices`, { query: { q: q || undefined }, signal }) }),
  person: (staffId: string) => queryOptions({ queryKey: ['training', 'person', staffId] as const, queryFn: ({ signal }) => api<TrainingRecord>(`${BASE}/people/${seg(staffId)}`, { signal }) }),
  mine: () => queryOptions({ queryKey: ['training', 'mine'] as const, queryFn: ({ signal }) => api<TrainingRecord>('/api/v1/me/training', { signal }) }),
};

export const useTrainingSessions = (f: TrainingFilters) => useQuery(trainingQueries.list(f));
export const useTrainingSession = (id: string | undefined) => useQuery({ ...trainingQueries.session(id ?? ''), enabled: Boolean(id) });
export const useTrainingSummary = (year: number | undefined, region: string | undefined) => useQuery(trainingQueries.summary(year, region));
export const useTrainingCandidates = (regionCode: string, q: string, enabled: boolean) => useQuery({ ...trainingQueries.candidates(regionCode, q), enabled });
export const useTeachingCaseChoices = (q: string, enabled: boolean) => useQuery({ ...trainingQueries.caseChoices(q), enabled });
export const useTrainingPerson = (staffId: string | undefined) => useQuery({ ...trainingQueries.person(staffId ?? ''), enabled: Boolean(staffId) });
export const useMyTraining = () => useQuery(trainingQueries.mine());

/** The address of the Excel export of the sessions a filter finds. */
export const sessionsExportPath = (f: Omit<TrainingFilters, 'page' | 'pageSize'>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v));
  const qs = p.toString();
  return `${BASE}/sessions.xlsx${qs ? `?${qs}` : ''}`;
};
export const personExportPath = (staffId: string) => `${BASE}/people/${seg(staffId)}/record.xlsx`;

/** A write that answers with the session as it now stands: put in its entry; lists and figures asked again. */
function useSessionWrite<V>(fn: (v: V) => Promise<TrainingSession>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (s) => {
      queryClient.setQueryData(trainingQueries.session(s.id).queryKey, s);
      await queryClient.invalidateQueries({ queryKey: trainingQueries.all, predicate: (q) => q.queryKey[1] !== 'session' });
    },
  });
}

export const useCreateSession = () => useSessionWrite((v: SessionInput) => api<TrainingSession>(`${BASE}/sessions`, { method: 'POST', body: v }));
export const useUpdateSession = () =>
  useSessionWrite(({ id, ...body }: SessionInput & { id: string; version: number }) => api<TrainingSession>(`${BASE}/sessions/${seg(id)}`, { method: 'PUT', body }));
export const useUpdateParticipant = () =>
  useSessionWrite(({ sessionId, participantId, ...body }: ParticipantUpdate & { sessionId: string; participantId: string }) =>
    api<TrainingSession>(`${BASE}/sessions/${seg(sessionId)}/participants/${seg(participantId)}`, { method: 'PUT', body }));
export const useRemoveParticipant = () =>
  useSessionWrite(({ sessionId, participantId }: { sessionId: string; participantId: string }) =>
    api<TrainingSession>(`${BASE}/sessions/${seg(sessionId)}/participants/${seg(participantId)}`, { method: 'DELETE' }));
export const useUploadMaterial = () => useSessionWrite(({ sessionId, file }: { sessionId: string; file: File }) => uploadFile<TrainingSession>(`${BASE}/sessions/${seg(sessionId)}/materials`, file));
export const useRemoveMaterial = () =>
  useSessionWrite(({ sessionId, fileId }: { sessionId: string; fileId: string }) => api<TrainingSession>(`${BASE}/sessions/${seg(sessionId)}/materials/${seg(fileId)}`, { method: 'DELETE' }));

/** 教学案例: cite a published 典型案例, or no longer, on the session's version. */
export const useAddTeachingCase = () =>
  useSessionWrite(({ sessionId, ...body }: { sessionId: string; practiceId: string; version: number }) =>
    api<TrainingSession>(`${BASE}/sessions/${seg(sessionId)}/cases`, { method: 'POST', body }));
export const useRemoveTeachingCase = () =>
  useSessionWrite(({ sessionId, practiceId, version }: { sessionId: string; practiceId: string; version: number }) =>
    api<TrainingSession>(`${BASE}/sessions/${seg(sessionId)}/cases/${seg(practiceId)}`, { method: 'DELETE', query: { version } }));

export function useAddParticipants() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, ...body }: { sessionId: string; staffIds: string[]; externals: { name: string; unit: string; phone?: string }[] }) =>
      api<AddParticipantsResult>(`${BASE}/sessions/${seg(sessionId)}/participants`, { method: 'POST', body }),
    onSuccess: async (r) => {
      queryClient.setQueryData(trainingQueries.session(r.session.id).queryKey, r.session);
      await queryClient.invalidateQueries({ queryKey: trainingQueries.all, predicate: (q) => q.queryKey[1] !== 'session' });
    },
  });
}
