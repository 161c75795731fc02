/**
 * Cases (办件): the typed client for /api/v1/cases — staff queues and actions, window intake,
 * uploads, the overdue report, a citizen's 我的办件 and the public tracker. Shapes are inferred from
 * the server's own zod schemas (type-only imports: nothing from the server reaches the browser
 * bundle), so the two cannot drift apart. Shared by the workbench and the citizen pages.
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  actionBodies, caseDetail, caseList, correctionNoticeView, caseSummary, licenceMatches, mineList, overdueReport, statusCounts, submitBody, submitResult, trackResult, uploadResult,
} from '../../server/modules/cases/schemas.js';
import type { Workflow, WorkflowMaterial, WorkflowStep } from '../../server/modules/cases/schemas.js';
import type { CaseActionName, CaseStatus, DeliveryMethod } from '../../shared/cases.js';
import { applicationQueries } from './applications.js';
import { api, uploadFile } from './client.js';

export type CaseSummary = z.infer<typeof caseSummary>;
export type CaseList = z.infer<typeof caseList>;
/** A case in a staff list, with whether it waits for the signed-in person (等我处理). */
export type CaseListItem = CaseList['items'][number];
export type CaseEvent = CaseDetail['events'][number];
export type CaseMaterial = CaseDetail['materials'][number];
export type MyCases = z.infer<typeof mineList>;
export type MyCase = MyCases['items'][number];
export type SubmitInput = z.input<typeof submitBody>;
export type ApplicantInput = NonNullable<SubmitInput['applicant']>;
export type MaterialInput = NonNullable<SubmitInput['materials']>[number];
export type SubmitResult = z.infer<typeof submitResult>;
export type TrackResult = z.infer<typeof trackResult>;
export type OverdueReport = z.infer<typeof overdueReport>;
export type StatusCounts = z.infer<typeof statusCounts>;
export type OverdueRow = OverdueReport['items'][number];
export type UploadResult = z.infer<typeof uploadResult>;
export type LicenceMatches = z.infer<typeof licenceMatches>;
export type { Workflow, WorkflowMaterial, WorkflowStep };

/** What each action's body holds (the request as sent: optional fields may be left out). */
export type ActionBody<A extends CaseActionName> = z.input<(typeof actionBodies)[A]>;

/** 一次性告知: what the applicant was asked to correct. */
export type CorrectionNotice = z.infer<typeof correctionNoticeView>;

/** A notice of the case as a PDF (受理通知书, 不予受理通知书, 补正材料告知书, 办结通知). */
export interface CaseDocument {
  kind: string;
  /** e.g. 受理通知书 */
  title: string;
  /** false when it cannot be issued in the case's present state */
  available: boolean;
  url?: string;
}

export type CaseDetail = z.infer<typeof caseDetail>;

export interface QueueFilters {
  status?: CaseStatus;
  /** 14-digit item row code */
  item?: string;
  overdue?: boolean;
  /** 等我处理: only the cases waiting for the signed-in person */
  awaiting?: boolean;
  /** a case number (or its leading digits) or part of the applicant's name */
  q?: string;
  region?: string;
  page: number;
  pageSize: number;
}

/** 我代办的: the cases the signed-in staff member took in. */
export interface TakenInFilters {
  status?: CaseStatus;
  awaiting?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

/** The address of a document: the detail's own url, else GET /cases/:id/documents/:kind. */
export const documentHref = (caseId: string, d: CaseDocument) => d.url ?? `/api/v1/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(d.kind)}`;

/** The public tracking page for a case number (what the receipt prints and its QR code holds). */
export const trackPath = (caseNo: string) => `/track?caseNo=${encodeURIComponent(caseNo)}`;

/** A new Idempotency-Key: one per application form, so a double click or a retry makes one case. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; an intranet served over plain http has getRandomValues.
  if (typeof crypto.randomUUID === 'function') return `case-${crypto.randomUUID()}`;
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `case-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

export const casesApi = {
  queue: (f: QueueFilters, signal?: AbortSignal) =>
    api<CaseList>('/api/v1/cases', {
      query: { status: f.status, item: f.item, overdue: f.overdue ? 'true' : undefined, awaiting: f.awaiting ? 'true' : undefined, q: f.q, region: f.region, page: f.page, pageSize: f.pageSize },
      signal,
    }),
  takenIn: (f: TakenInFilters, signal?: AbortSignal) =>
    api<CaseList>('/api/v1/cases/taken-in', { query: { status: f.status, awaiting: f.awaiting ? 'true' : undefined, q: f.q, page: f.page, pageSize: f.pageSize }, signal }),
  get: (id: string, signal?: AbortSignal) => api<CaseDetail>(casePath(id), { signal }),
  act: <A extends CaseActionName>(id: string, action: A, body: ActionBody<A>) => api<CaseDetail>(`${casePath(id)}/actions/${action}`, { method: 'POST', body }),
  /** POST /cases with an Idempotency-Key: a retry with the same key and body returns the same case. */
  submit: (body: SubmitInput, idempotencyKey: string) =>
    api<SubmitResult>('/api/v1/cases', {
      method: 'POST',
      body,
      headers: { 'idempotency-key': idempotencyKey },
      networkMessage: '网络连接失败，申请可能未提交。请检查网络后再次点击提交（不会重复生成办件）',
    }),
  upload: (file: File) => uploadFile<UploadResult>('/api/v1/cases/uploads', file),
  overdueReport: (signal?: AbortSignal) => api<OverdueReport>('/api/v1/cases/overdue-report', { signal }),
  statusCounts: (signal?: AbortSignal) => api<StatusCounts>('/api/v1/cases/status-counts', { signal }),
  mine: (page = 1, pageSize = 20, signal?: AbortSignal) => api<MyCases>('/api/v1/cases/mine', { query: { page, pageSize }, signal }),
  track: (caseNo: string, phone: string, signal?: AbortSignal) => api<TrackResult>('/api/v1/cases/track', { query: { caseNo, phone }, signal }),
};

/**
 * One query key per URL: every read of a case resource goes through these options, and writes
 * invalidate by `caseQueries.all` (everything about cases) or a detail's own key.
 */
export const caseQueries = {
  all: ['cases'] as const,
  queue: (f: QueueFilters) =>
    queryOptions({ queryKey: ['cases', 'queue', f] as const, queryFn: ({ signal }) => casesApi.queue(f, signal), placeholderData: keepPreviousData }),
  /** 我代办的: the cases the signed-in staff member took in. */
  takenIn: (f: TakenInFilters) =>
    queryOptions({ queryKey: ['cases', 'taken-in', f] as const, queryFn: ({ signal }) => casesApi.takenIn(f, signal), placeholderData: keepPreviousData }),
  /** How many cases wait in each status, in all, and for the signed-in person: the queue's tabs, in one request. */
  statusCounts: () => queryOptions({ queryKey: ['cases', 'status-counts'] as const, queryFn: ({ signal }) => casesApi.statusCounts(signal), staleTime: 30_000 }),
  detail: (id: string) => queryOptions({ queryKey: ['cases', 'one', id] as const, queryFn: ({ signal }) => casesApi.get(id, signal) }),
  overdueReport: () => queryOptions({ queryKey: ['cases', 'overdue-report'] as const, queryFn: ({ signal }) => casesApi.overdueReport(signal) }),
  mine: (page: number, pageSize: number) =>
    queryOptions({ queryKey: ['cases', 'mine', page, pageSize] as const, queryFn: ({ signal }) => casesApi.mine(page, pageSize, signal), placeholderData: keepPreviousData }),
  /** The signed-in citizen's licences that stand in for the item's materials (电子证照免提交). */
  licenceMatches: (item: string, region: string) =>
    queryOptions({
      queryKey: ['cases', 'licence-matches', item, region] as const,
      queryFn: ({ signal }) => api<LicenceMatches>('/api/v1/cases/licence-matches', { query: { item, region }, signal }),
      staleTime: 60_000,
      retry: false,
    }),
};

export const useCaseQueue = (f: QueueFilters) => useQuery(caseQueries.queue(f));
export const useTakenInCases = (f: TakenInFilters) => useQuery(caseQueries.takenIn(f));
export const useStatusCounts = () => useQuery(caseQueries.statusCounts());
export const useCase = (id: string | undefined) => useQuery({ ...caseQueries.detail(id ?? ''), enabled: Boolean(id) });
export const useOverdueReport = () => useQuery(caseQueries.overdueReport());
export const useMyCases = (page = 1, pageSize = 20, enabled = true) => useQuery({ ...caseQueries.mine(page, pageSize), enabled });

/** One action's request: the body type follows the action's name. */
export type CaseActionRequest = { [A in CaseActionName]: { id: string; action: A; body: ActionBody<A> } }[CaseActionName];

/**
 * An action on a case (受理, 审查, 决定, 补正, 撤回…): the answer is the case as it now stands, put
 * straight into its detail; lists, counts and reports about cases are refetched.
 */
export function useCaseAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: CaseActionRequest) => casesApi.act(v.id, v.action, v.body),
    onSuccess: async (detail: CaseDetail) => {
      queryClient.setQueryData(caseQueries.detail(detail.id).queryKey, detail);
      await queryClient.invalidateQueries({ queryKey: caseQueries.all, predicate: (q) => q.queryKey[1] !== 'one' || q.queryKey[2] !== detail.id });
    },
  });
}

/**
 * Submitting an application (online or at the window) makes a case: every case list is refetched.
 * The server deletes the application's auto-saved draft with it, so the cached one goes too (a
 * draft is never refetched by itself: it would otherwise come back on the next visit).
 */
export function useSubmitCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: SubmitInput; idempotencyKey: string }) => casesApi.submit(v.body, v.idempotencyKey),
    // The server deleted the application's draft. The lists refetch in the background: the
    // 申请已提交 screen does not wait for them.
    onSuccess: (_result, v) => {
      queryClient.setQueryData(applicationQueries.draft(v.body.itemCode, v.body.regionCode).queryKey, null);
      void queryClient.invalidateQueries({ queryKey: caseQueries.all });
      void queryClient.invalidateQueries({ queryKey: applicationQueries.drafts().queryKey });
    },
  });
}

/**
 * 一窗受理: submits the application and reads the new case as it now stands (the receipt prints
 * it), as one write, so the form stays busy until the receipt can be shown. Every case list is
 * refetched, also when only the reading failed (the case exists by then).
 */
export function useSubmitAtWindow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (v: { body: SubmitInput; idempotencyKey: string }) => {
      const { id } = await casesApi.submit(v.body, v.idempotencyKey);
      return queryClient.fetchQuery(caseQueries.detail(id));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: caseQueries.all }),
  });
}

/** A material's file, stored until a case claims it (nothing cached changes). */
export const useUploadCaseFile = () => useMutation({ mutationFn: (file: File) => casesApi.upload(file) });

/** The public lookup by case number and phone (rate-limited on the server, so only on request). */
export const useTrackCase = () => useMutation({ mutationFn: (v: { caseNo: string; phone: string }) => casesApi.track(v.caseNo, v.phone) });

/** The delivery method's words, for a code the server sent. */
export type { DeliveryMethod };
