/**
 * Cases (办件): the typed client for /api/v1/cases — staff queues and actions, window intake,
 * uploads, the overdue report, a citizen's 我的办件 and the public tracker. Shapes are inferred from
 * the server's own zod schemas (type-only imports: nothing from the server reaches the browser
 * bundle), so the two cannot drift apart. Shared by the workbench and the citizen pages.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  actionBodies, caseDetail, caseList, caseSummary, mineList, overdueReport, statusCounts, submitBody, submitResult, trackResult, uploadResult,
} from '../../server/modules/cases/schemas.js';
import type { Workflow, WorkflowMaterial, WorkflowStep } from '../../server/modules/cases/schemas.js';
import type { CaseActionName, CaseStatus, DeliveryMethod } from '../../shared/cases.js';
import type { FormDefinition } from '../../shared/forms.js';
import { api, ApiError, CSRF_COOKIE, readCookie } from './client.js';

export type CaseSummary = z.infer<typeof caseSummary>;
export type CaseList = z.infer<typeof caseList>;
export type CaseEvent = CaseDetailBase['events'][number];
export type CaseMaterial = CaseDetailBase['materials'][number];
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
export type { Workflow, WorkflowMaterial, WorkflowStep };

/** What each action's body holds (the request as sent: optional fields may be left out). */
export type ActionBody<A extends CaseActionName> = z.input<(typeof actionBodies)[A]>;

/** 一次性告知: what the applicant was asked to correct. */
export interface CorrectionNotice {
  at: string;
  opinion: string;
  items: { materialId?: string; field?: string; reason: string; name: string }[];
}

/** A notice of the case as a PDF (受理通知书, 不予受理通知书, 补正材料告知书, 办结通知). */
export interface CaseDocument {
  kind: string;
  /** e.g. 受理通知书 */
  title: string;
  /** false when it cannot be issued in the case's present state */
  available: boolean;
  url?: string;
}

type CaseDetailBase = z.infer<typeof caseDetail>;
export type CaseDetail = Omit<CaseDetailBase, 'workflow' | 'correctionNotice' | 'allowedActions' | 'status' | 'documents' | 'formDefinition'> & {
  status: CaseStatus;
  /** the item's form when the case was submitted (labels and rules of formData) */
  formDefinition: FormDefinition | null;
  workflow: Workflow;
  correctionNotice: CorrectionNotice | null;
  allowedActions: CaseActionName[];
  documents?: CaseDocument[];
};

export interface QueueFilters {
  status?: CaseStatus;
  /** 14-digit item row code */
  item?: string;
  overdue?: boolean;
  /** a case number (or its leading digits) or part of the applicant's name */
  q?: string;
  region?: string;
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

/** multipart/form-data POST of one file in the field `file` (fetch sets the boundary). */
async function postFile<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  const data = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  if (!response.ok) {
    if (data?.error?.code && data.error.message) throw new ApiError(response.status, data.error.code, data.error.message, data.error.details);
    if (response.status === 413) throw new ApiError(413, 'FILE_TOO_LARGE', '文件不能超过 20 MB');
    throw new ApiError(response.status, 'HTTP_ERROR', `上传失败（HTTP ${response.status}），请稍后再试`);
  }
  return data as T;
}

export const casesApi = {
  queue: (f: QueueFilters, signal?: AbortSignal) =>
    api<CaseList>('/api/v1/cases', {
      query: { status: f.status, item: f.item, overdue: f.overdue ? 'true' : undefined, q: f.q, region: f.region, page: f.page, pageSize: f.pageSize },
      signal,
    }),
  get: (id: string, signal?: AbortSignal) => api<CaseDetail>(casePath(id), { signal }),
  act: <A extends CaseActionName>(id: string, action: A, body: ActionBody<A>) => api<CaseDetail>(`${casePath(id)}/actions/${action}`, { method: 'POST', body }),
  /** POST /cases with an Idempotency-Key: a retry with the same key and body returns the same case. */
  submit: async (body: SubmitInput, idempotencyKey: string): Promise<SubmitResult> => {
    const csrf = readCookie(CSRF_COOKIE);
    let response: Response;
    try {
      response = await fetch('/api/v1/cases', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/json', 'idempotency-key': idempotencyKey, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        body: JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，申请可能未提交。请检查网络后再次点击提交（不会重复生成办件）');
    }
    const data = (await response.json().catch(() => undefined)) as (SubmitResult & { error?: { code?: string; message?: string; details?: unknown } }) | undefined;
    if (!response.ok) {
      const e = data?.error;
      if (e?.code && e.message) throw new ApiError(response.status, e.code, e.message, e.details);
      throw new ApiError(response.status, 'HTTP_ERROR', `服务暂时不可用（HTTP ${response.status}），请稍后再试`);
    }
    return data as SubmitResult;
  },
  upload: (file: File) => postFile<UploadResult>('/api/v1/cases/uploads', file),
  overdueReport: (signal?: AbortSignal) => api<OverdueReport>('/api/v1/cases/overdue-report', { signal }),
  statusCounts: (signal?: AbortSignal) => api<StatusCounts>('/api/v1/cases/status-counts', { signal }),
  mine: (page = 1, pageSize = 20, signal?: AbortSignal) => api<MyCases>('/api/v1/cases/mine', { query: { page, pageSize }, signal }),
  track: (caseNo: string, phone: string, signal?: AbortSignal) => api<TrackResult>('/api/v1/cases/track', { query: { caseNo, phone }, signal }),
};

export const CASES_KEY = ['cases'] as const;
export const caseKey = (id: string) => ['cases', 'one', id] as const;

export function useCaseQueue(f: QueueFilters) {
  return useQuery({
    queryKey: ['cases', 'queue', f],
    queryFn: ({ signal }) => casesApi.queue(f, signal),
    placeholderData: keepPreviousData,
  });
}

/** How many cases wait in each status, and in all: the queue's tabs, in one request. */
export function useStatusCounts() {
  return useQuery({
    queryKey: ['cases', 'status-counts'],
    queryFn: ({ signal }) => casesApi.statusCounts(signal),
    staleTime: 30_000,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKey(id ?? ''),
    queryFn: ({ signal }) => casesApi.get(id!, signal),
    enabled: Boolean(id),
  });
}

export function useOverdueReport() {
  return useQuery({ queryKey: ['cases', 'overdue-report'], queryFn: ({ signal }) => casesApi.overdueReport(signal) });
}

export function useMyCases(page = 1, pageSize = 20, enabled = true) {
  return useQuery({ queryKey: ['cases', 'mine', page, pageSize], queryFn: ({ signal }) => casesApi.mine(page, pageSize, signal), placeholderData: keepPreviousData, enabled });
}

/** The delivery method's words, for a code the server sent. */
export type { DeliveryMethod };
