/**
 * Notifications: my in-site messages (citizens and staff), and for the city administrator the
 * templates, their live preview, the warning scan and the SMS outbox. Shapes come from the
 * server's zod schemas (type-only imports).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  messageList, messageView, outboxList, previewResult, readAllResult, readResult, templateList, templateView, unreadView, warningRunResult,
} from '../../server/modules/notifications/schemas.js';
import { api } from './client.js';

export type Message = z.infer<typeof messageView>;
export type MessageList = z.infer<typeof messageList>;
export type NotificationTemplate = z.infer<typeof templateView>;
export type TemplateList = z.infer<typeof templateList>;
export type TemplatePreview = z.infer<typeof previewResult>;
export type WarningRun = z.infer<typeof warningRunResult>;
export type OutboxList = z.infer<typeof outboxList>;
export type SmsStatus = OutboxList['items'][number]['status'];

export interface TemplateInput {
  title: string;
  body: string;
  enabled: boolean;
}

export type MessageFilters = { page: number; pageSize: number; unread?: boolean };
export type OutboxFilters = { page: number; pageSize: number; status?: SmsStatus };

/** One key per URL; reading a message refetches every message query (lists and the unread count). */
export const notificationQueries = {
  messages: ['messages'] as const,
  myMessages: (q: MessageFilters) =>
    queryOptions({
      queryKey: ['messages', 'list', q] as const,
      queryFn: ({ signal }) => api<MessageList>('/api/v1/me/messages', { query: { page: q.page, pageSize: q.pageSize, unread: q.unread ? 'true' : undefined }, signal }),
      placeholderData: keepPreviousData,
    }),
  /** The unread count, refreshed every minute while the page is open. */
  unread: () =>
    queryOptions({ queryKey: ['messages', 'unread'] as const, queryFn: ({ signal }) => api<z.infer<typeof unreadView>>('/api/v1/me/messages/unread-count', { signal }), refetchInterval: 60_000 }),
  templates: () => queryOptions({ queryKey: ['notification-templates'] as const, queryFn: ({ signal }) => api<TemplateList>('/api/v1/notification-templates', { signal }) }),
  outbox: (q: OutboxFilters) =>
    queryOptions({ queryKey: ['sms-outbox', q] as const, queryFn: ({ signal }) => api<OutboxList>('/api/v1/notifications/sms-outbox', { query: { ...q }, signal }), placeholderData: keepPreviousData }),
};

export const useMyMessages = (q: MessageFilters) => useQuery(notificationQueries.myMessages(q));
export const useUnreadCount = (enabled = true) => useQuery({ ...notificationQueries.unread(), enabled });
export const useTemplates = () => useQuery(notificationQueries.templates());
export const useOutbox = (q: OutboxFilters, enabled = true) => useQuery({ ...notificationQueries.outbox(q), enabled });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<z.infer<typeof readResult>>(`/api/v1/me/messages/${id}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationQueries.messages }),
  });
}

export function useReadAll() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<z.infer<typeof readAllResult>>('/api/v1/me/messages/read-all', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationQueries.messages }),
  });
}

type TemplateRef = { event: string; channel: string };
const templatePath = (t: TemplateRef) => `/api/v1/notification-templates/${t.event}/${t.channel}`;

function useTemplateWrite<V>(write: (v: V) => Promise<NotificationTemplate>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => qc.invalidateQueries({ queryKey: notificationQueries.templates().queryKey }) });
}

export const useSaveTemplate = () =>
  useTemplateWrite((v: TemplateRef & { body: TemplateInput }) => api<NotificationTemplate>(templatePath(v), { method: 'PUT', body: v.body }));
/** Back to the built-in wording. */
export const useResetTemplate = () => useTemplateWrite((t: TemplateRef) => api<NotificationTemplate>(templatePath(t), { method: 'DELETE' }));

/** A live preview changes nothing on the server (POST only because the draft text is long). */
export const previewTemplate = (body: TemplateRef & { title: string; body: string }, signal?: AbortSignal) =>
  api<TemplatePreview>('/api/v1/notification-templates/preview', { method: 'POST', body, signal });

/** Runs the time-limit warning scan now: it may queue messages and texts, so those are refetched. */
export function useRunWarnings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<WarningRun>('/api/v1/notifications/run-warnings', { method: 'POST' }),
    onSuccess: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: notificationQueries.messages }), qc.invalidateQueries({ queryKey: ['sms-outbox'] })]);
    },
  });
}

/** Chinese labels for event codes (messages carry the code). */
export const EVENT_LABELS: Record<string, string> = {
  'case.submitted': '申请已提交',
  'case.accepted': '已受理',
  'case.correction': '需补正',
  'case.refused': '不予受理',
  'case.decided': '已办结',
  'case.warning': '时限预警',
  'case.group_done': '一件事全部办结',
  'rating.invite': '邀请评价',
  'reform.remind': '改革任务督办',
  'practice.returned': '典型案例被退回',
  'practice.published': '典型案例已发布',
  'practice.withdrawn': '典型案例已撤下',
};

export const SMS_STATUS_LABELS: Record<SmsStatus, string> = { queued: '待发送', sent: '已发送', delivered: '已送达', failed: '发送失败' };
