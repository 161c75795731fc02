/**
 * 典型案例: the portal's published practices (public, cacheable), and the workbench's practice
 * records — the place's administrators write, submit and illustrate them (practice.submit), the city
 * returns, publishes, withdraws and recommends them for training (practice.review); every change is
 * made on the version read (409 PRACTICE_CHANGED when it changed meanwhile). Types come from the
 * practices module's schemas (type-only imports).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createPracticeBody, practicePhotoList, practiceRecord, practiceRecordList, publicPractice, publicPracticeList,
} from '../../server/modules/practices/schemas.js';
import type { PracticeStatus, PracticeTag } from '../../shared/practices.js';
import { api } from './client.js';

export type PracticeRecord = z.infer<typeof practiceRecord>;
export type PracticeRecordList = z.infer<typeof practiceRecordList>;
export type PracticeRecordItem = PracticeRecordList['items'][number];
export type PracticeAction = PracticeRecord['actions'][number];
export type PracticeInput = z.input<typeof createPracticeBody>;
export type PracticePhoto = PracticeRecord['photos'][number];
export type PracticePhotoList = z.infer<typeof practicePhotoList>;
export type PublicPracticeList = z.infer<typeof publicPracticeList>;
export type PublicPracticeItem = PublicPracticeList['items'][number];
export type PublicPractice = z.infer<typeof publicPractice>;

export const PRACTICES_PATH = '/workbench/practices';
export const practicePath = (id: string) => `${PRACTICES_PATH}/${encodeURIComponent(id)}`;
export const publicPracticePath = (id: string) => `/practices/${encodeURIComponent(id)}`;

export interface PracticeRecordFilters {
  status?: PracticeStatus;
  region?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface PublicPracticeFilters {
  town?: string;
  tag?: PracticeTag;
  page: number;
  pageSize: number;
}

export const practiceQueries = {
  all: ['practices'] as const,
  records: (f: PracticeRecordFilters) =>
    queryOptions({
      queryKey: ['practices', 'records', f] as const,
      queryFn: ({ signal }) => api<PracticeRecordList>('/api/v1/practice-records', { query: { ...f }, signal }),
      placeholderData: keepPreviousData,
    }),
  record: (id: string) =>
    queryOptions({
      queryKey: ['practices', 'record', id] as const,
      queryFn: ({ signal }) => api<PracticeRecord>(`/api/v1/practice-records/${encodeURIComponent(id)}`, { signal }),
    }),
  published: (f: PublicPracticeFilters) =>
    queryOptions({
      queryKey: ['practices', 'public', 'list', f] as const,
      queryFn: ({ signal }) => api<PublicPracticeList>('/api/v1/practices', { query: { ...f }, signal }),
      placeholderData: keepPreviousData,
    }),
  one: (id: string) =>
    queryOptions({
      queryKey: ['practices', 'public', 'one', id] as const,
      queryFn: ({ signal }) => api<PublicPractice>(`/api/v1/practices/${encodeURIComponent(id)}`, { signal }),
    }),
};

export const usePracticeRecords = (f: PracticeRecordFilters) => useQuery(practiceQueries.records(f));
export const usePracticeRecord = (id: string | undefined) => useQuery({ ...practiceQueries.record(id ?? ''), enabled: Boolean(id) });
export const usePublishedPractices = (f: PublicPracticeFilters) => useQuery(practiceQueries.published(f));
export const usePublishedPractice = (id: string) => useQuery(practiceQueries.one(id));

/** After a change: the record as it now stands in its entry, and every list asked again. */
function useRecordChange<V>(send: (v: V) => Promise<PracticeRecord>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (next) => {
      const key = practiceQueries.record(next.id).queryKey;
      queryClient.setQueryData(key, next);
      await queryClient.invalidateQueries({ queryKey: practiceQueries.all, predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(key) });
    },
  });
}

/** 新建: a draft of a place the person writes for. */
export const useCreatePractice = () => useRecordChange((body: PracticeInput) => api<PracticeRecord>('/api/v1/practice-records', { method: 'POST', body }));

/** 保存修改 (草稿, 已退回, 已撤下), from the version read. */
export const useUpdatePractice = () =>
  useRecordChange(({ id, ...body }: PracticeInput & { id: string; version: number }) => api<PracticeRecord>(`/api/v1/practice-records/${encodeURIComponent(id)}`, { method: 'PUT', body }));

export type PracticeStep =
  | { step: 'submit' | 'publish'; id: string; version: number }
  | { step: 'return' | 'withdraw'; id: string; version: number; reason: string }
  | { step: 'training'; id: string; version: number; training: boolean };

/** 报送, and the city's 退回, 发布, 撤下 and 推荐用于培训. */
export const usePracticeStep = () =>
  useRecordChange(({ step, id, ...body }: PracticeStep) =>
    api<PracticeRecord>(`/api/v1/practice-records/${encodeURIComponent(id)}/${step}`, { method: step === 'training' ? 'PUT' : 'POST', body }));

export type PracticePhotoChange = { kind: 'add'; file: File; alt: string } | { kind: 'remove'; fileId: string } | { kind: 'arrange'; photos: { fileId: string; alt: string }[] };

/** Changes the practice's photos from the version this page holds; the answer's version and photos go into the record held here. */
export function useChangePracticePhotos(record: Pick<PracticeRecord, 'id' | 'version'>) {
  const queryClient = useQueryClient();
  const path = `/api/v1/practice-records/${encodeURIComponent(record.id)}/photos`;
  return useMutation({
    mutationFn: (change: PracticePhotoChange): Promise<PracticePhotoList> => {
      if (change.kind === 'add') {
        const body = new FormData();
        body.append('alt', change.alt);
        body.append('version', String(record.version));
        body.append('file', change.file, change.file.name);
        return api<PracticePhotoList>(path, { method: 'POST', body });
      }
      if (change.kind === 'arrange') return api<PracticePhotoList>(path, { method: 'PUT', body: { version: record.version, photos: change.photos } });
      return api<PracticePhotoList>(`${path}/${encodeURIComponent(change.fileId)}`, { method: 'DELETE', query: { version: record.version } });
    },
    onSuccess: async (list) => {
      queryClient.setQueryData(practiceQueries.record(record.id).queryKey, (old) => (old ? { ...old, version: list.version, updatedAt: list.updatedAt, photos: list.photos } : old));
      await queryClient.invalidateQueries({ queryKey: ['practices', 'records'] });
    },
  });
}
