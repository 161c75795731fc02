/**
 * The helper workspace's client (帮办工作台, /helper): the requests assigned to the signed-in helper,
 * one request with its history, 接单, the audited phone reveal, the records (联系/上门, 进展, 办结) with
 * their photos, and 代办 consent (an SMS code the person reads out, or a photo of the signed
 * 委托书). Types come from the assistance module's schemas (type-only imports).
 *
 * Records are not sent from here by the pages: they go through the outbox (helper/offline), which
 * keeps them on the phone until the server holds them. These functions are its transport.
 */
import type { z } from 'zod';
import type { helpPhoto, helpRequestDetail, helpRequestList, phoneResult, smsSent } from '../../server/modules/assistance/schemas.js';
import type { HelpRequestStatus } from '../../shared/assistance.js';
import { api } from './client.js';

export type HelpTask = z.infer<typeof helpRequestDetail>;
export type HelpTaskList = z.infer<typeof helpRequestList>;
export type HelpTaskItem = HelpTaskList['items'][number];
export type HelpTaskEvent = HelpTask['events'][number];
export type HelpPhoto = z.infer<typeof helpPhoto>;
export type HelpSmsSent = z.infer<typeof smsSent>;
export type PhoneResult = z.infer<typeof phoneResult>;

/** A helper's open requests and their recent finished ones fit one page (the server's largest). */
export const TASK_PAGE_SIZE = 100;

const one = (id: string) => `/api/v1/help-requests/${encodeURIComponent(id)}`;

export const helperApi = {
  /** the requests assigned to me: open first, 优先 first, then the nearest time limit (the server's order) */
  list: (signal?: AbortSignal, status?: HelpRequestStatus) =>
    api<HelpTaskList>('/api/v1/help-requests', { query: { pageSize: TASK_PAGE_SIZE, status }, signal }),
  get: (id: string, signal?: AbortSignal) => api<HelpTask>(one(id), { signal }),
  /** 接单: accepting one I already accepted answers it as it is (a queued 接单 sent twice) */
  accept: (id: string, signal?: AbortSignal) => api<HelpTask>(`${one(id)}/accept`, { method: 'POST', body: {}, signal }),
  contact: (id: string, body: object, signal?: AbortSignal) => api<HelpTask>(`${one(id)}/contact`, { method: 'POST', body, signal }),
  progress: (id: string, body: object, signal?: AbortSignal) => api<HelpTask>(`${one(id)}/progress`, { method: 'POST', body, signal }),
  complete: (id: string, body: object, signal?: AbortSignal) => api<HelpTask>(`${one(id)}/complete`, { method: 'POST', body, signal }),
  /** the person's full phone, to call them (audited on the server) */
  revealPhone: (id: string) => api<PhoneResult>(`${one(id)}/phone`, { method: 'POST', body: {} }),
  /** one photo; the same clientRef again answers the same photo */
  uploadPhoto: (id: string, photo: { blob: Blob; name: string; ref: string }, signal?: AbortSignal) => {
    const body = new FormData();
    body.append('clientRef', photo.ref);
    body.append('file', photo.blob, photo.name);
    return api<HelpPhoto>(`${one(id)}/photos`, { method: 'POST', body, signal, networkMessage: '网络连接失败，照片未能上传' });
  },
  /** 代办 consent: a 6-digit code to the person's phone */
  sendConsentCode: (id: string) => api<HelpSmsSent>(`${one(id)}/authorisation/sms`, { method: 'POST' }),
  confirmConsentCode: (id: string, code: string) => api<HelpTask>(`${one(id)}/authorisation/sms/confirm`, { method: 'POST', body: { code } }),
  /** 代办 consent: a photo of the 委托书 the person signed */
  uploadConsentLetter: (id: string, photo: Blob, name: string) => {
    const body = new FormData();
    body.append('file', photo, name);
    return api<HelpTask>(`${one(id)}/authorisation/letter`, { method: 'POST', body, networkMessage: '网络连接失败，委托书照片未能上传' });
  },
};

/** The workbench's intake form, filled from the request (代为申请). */
export const applyOnBehalfHref = (id: string) => `/workbench/intake?helpRequest=${encodeURIComponent(id)}`;
