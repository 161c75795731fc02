/**
 * Notifications: my in-site messages (citizens and staff), and for the city administrator the
 * templates, their live preview, the warning scan and the SMS outbox. Shapes come from the
 * server's zod schemas (type-only imports).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export const MESSAGES_KEY = ['messages'] as const;
export const UNREAD_KEY = ['messages', 'unread'] as const;
export const TEMPLATES_KEY = ['notification-templates'] as const;

export function useMyMessages(q: { page: number; pageSize: number; unread?: boolean }) {
  return useQuery({
    queryKey: [...MESSAGES_KEY, 'list', q],
    queryFn: ({ signal }) => api<MessageList>('/api/v1/me/messages', { query: { page: q.page, pageSize: q.pageSize, unread: q.unread ? 'true' : undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The unread count, refreshed every minute while the page is open. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => api<z.infer<typeof unreadView>>('/api/v1/me/messages/unread-count', { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<z.infer<typeof readResult>>(`/api/v1/me/messages/${id}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: MESSAGES_KEY }),
  });
}

export function useReadAll() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<z.infer<typeof readAllResult>>('/api/v1/me/messages/read-all', { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: MESSAGES_KEY }),
  });
}

export function useTemplates() {
  return useQuery({ queryKey: TEMPLATES_KEY, queryFn: ({ signal }) => api<TemplateList>('/api/v1/notification-templates', { signal }) });
}

export interface TemplateInput {
  title: string;
  body: string;
  enabled: boolean;
}

export const notificationApi = {
  save: (event: string, channel: string, body: TemplateInput) => api<NotificationTemplate>(`/api/v1/notification-templates/${event}/${channel}`, { method: 'PUT', body }),
  reset: (event: string, channel: string) => api<NotificationTemplate>(`/api/v1/notification-templates/${event}/${channel}`, { method: 'DELETE' }),
  preview: (body: { event: string; channel: string; title: string; body: string }, signal?: AbortSignal) =>
    api<TemplatePreview>('/api/v1/notification-templates/preview', { method: 'POST', body, signal }),
  runWarnings: () => api<WarningRun>('/api/v1/notifications/run-warnings', { method: 'POST' }),
};

export function useOutbox(q: { page: number; pageSize: number; status?: SmsStatus }, enabled = true) {
  return useQuery({
    queryKey: ['sms-outbox', q],
    queryFn: ({ signal }) => api<OutboxList>('/api/v1/notifications/sms-outbox', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    enabled,
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
};

export const SMS_STATUS_LABELS: Record<SmsStatus, string> = { queued: '待发送', sent: '已发送', delivered: '已送达', failed: '发送失败' };
