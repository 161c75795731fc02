/**
 * 改革任务 on the workbench: the tracker (tasks the person sees, the summary by lead unit), one
 * task, and the changes — create/decompose, edit, progress reports with evidence files, the city's
 * acceptance, return and 督办 — each made on the version read (409 REFORM_TASK_CHANGED when it
 * changed meanwhile). Types come from the reform module's schemas (type-only imports).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { evidenceView, taskBody, taskDetail, taskList } from '../../server/modules/reform/schemas.js';
import type { ReformStatus } from '../../shared/reform.js';
import { api, download, uploadFile } from '../api/client.js';

export type TaskList = z.infer<typeof taskList>;
export type TaskItem = TaskList['items'][number];
export type LeadRow = TaskList['summary'][number];
export type Task = z.infer<typeof taskDetail>;
export type TaskAction = Task['actions'][number];
export type Evidence = z.infer<typeof evidenceView>;
export type TaskInput = z.input<typeof taskBody>;

export const REFORM_PATH = '/workbench/reform-tasks';
export const taskPath = (id: string) => `${REFORM_PATH}/${encodeURIComponent(id)}`;

export interface TaskFilters {
  status?: ReformStatus;
  region?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  q?: string;
}

const BASE = '/api/v1/reform-tasks';
const query = (f: TaskFilters) => ({ ...f, overdue: f.overdue ? 'true' : undefined, dueSoon: f.dueSoon ? 'true' : undefined });

export const reformQueries = {
  all: ['reform'] as const,
  list: (f: TaskFilters) =>
    queryOptions({ queryKey: ['reform', 'list', f] as const, queryFn: ({ signal }) => api<TaskList>(BASE, { query: query(f), signal }), placeholderData: keepPreviousData }),
  task: (id: string) => queryOptions({ queryKey: ['reform', 'task', id] as const, queryFn: ({ signal }) => api<Task>(`${BASE}/${encodeURIComponent(id)}`, { signal }) }),
};

export const useTaskList = (f: TaskFilters) => useQuery(reformQueries.list(f));
export const useTask = (id: string | undefined) => useQuery({ ...reformQueries.task(id ?? ''), enabled: Boolean(id) });

/** The tracker as an Excel workbook, with the list's filters. */
export const downloadTracker = (f: TaskFilters) => {
  const qs = new URLSearchParams(Object.entries(query(f)).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
  return download(qs ? `${BASE}.xlsx?${qs}` : `${BASE}.xlsx`);
};

/** After a change: the task as it now stands in its entry, and every list asked again. */
function useTaskChange<V>(send: (v: V) => Promise<Task>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (next) => {
      const key = reformQueries.task(next.id).queryKey;
      queryClient.setQueryData(key, next);
      await queryClient.invalidateQueries({ queryKey: reformQueries.all, predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(key) });
    },
  });
}

/** 新建任务, or 分解 (parentId). */
export const useCreateTask = () => useTaskChange((body: TaskInput) => api<Task>(BASE, { method: 'POST', body }));
export const useEditTask = () => useTaskChange(({ id, ...body }: Omit<TaskInput, 'parentId'> & { id: string; version: number }) => api<Task>(`${BASE}/${encodeURIComponent(id)}`, { method: 'PATCH', body }));
export const useReport = () =>
  useTaskChange(({ id, ...body }: { id: string; reportedOn: string; percent: number; done: string; problems: string; nextSteps: string; evidence: string[]; version: number }) =>
    api<Task>(`${BASE}/${encodeURIComponent(id)}/reports`, { method: 'POST', body }));
export const useAccept = () => useTaskChange(({ id, ...body }: { id: string; note: string; version: number }) => api<Task>(`${BASE}/${encodeURIComponent(id)}/accept`, { method: 'POST', body }));
export const useReturn = () => useTaskChange(({ id, ...body }: { id: string; reason: string; version: number }) => api<Task>(`${BASE}/${encodeURIComponent(id)}/return`, { method: 'POST', body }));
export const useRemind = () => useTaskChange(({ id, ...body }: { id: string; message: string; version: number }) => api<Task>(`${BASE}/${encodeURIComponent(id)}/remind`, { method: 'POST', body }));

/** One evidence file up (it waits, unattached, until a report names it). */
export const uploadEvidence = (taskId: string, file: File) => uploadFile<Evidence>(`${BASE}/${encodeURIComponent(taskId)}/evidence`, file);
