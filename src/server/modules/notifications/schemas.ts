import { z } from 'zod';
import { pageQuery } from '../../platform/openapi.js';
import { CHANNEL_CODES, EVENT_CODES } from './templates.js';

export const eventCode = z.enum(EVENT_CODES, { error: '没有这种通知' });
export const channelCode = z.enum(CHANNEL_CODES, { error: '通知渠道只能是 sms 或 site' });
export const templateParams = z.object({ event: eventCode, channel: channelCode });

export const templateBody = z.strictObject({
  title: z.string().max(200, '标题过长').default(''),
  body: z.string().max(2000, '正文过长'),
  enabled: z.boolean(),
});

export const previewBody = z.strictObject({
  event: eventCode,
  channel: channelCode,
  title: z.string().max(200, '标题过长').default(''),
  body: z.string().max(2000, '正文过长'),
});

const fieldProblem = z.object({ field: z.string(), message: z.string() });
const rendered = z.object({ title: z.string(), body: z.string(), length: z.number().int(), parts: z.number().int().nullable() });

export const templateView = z.object({
  event: eventCode,
  eventLabel: z.string(),
  description: z.string(),
  recipient: z.enum(['applicant', 'staff']),
  recipientLabel: z.string(),
  channel: channelCode,
  channelLabel: z.string(),
  title: z.string(),
  body: z.string(),
  enabled: z.boolean(),
  custom: z.boolean().describe('false: the built-in default is in force'),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  placeholders: z.array(z.object({ name: z.string(), description: z.string(), sample: z.string() })),
  preview: rendered,
  warnings: z.array(z.string()),
});
export const templateList = z.object({ signature: z.string(), items: z.array(templateView) });
export const previewResult = rendered.extend({ problems: z.array(fieldProblem), warnings: z.array(z.string()) });

export const messagesQuery = z.object({
  ...pageQuery,
  unread: z.enum(['true', 'false', '1', '0']).optional().transform((v) => v === 'true' || v === '1'),
});
export const messageIdParams = z.object({ id: z.string().uuid('消息编号格式不正确') });
export const messageView = z.object({
  id: z.string(),
  event: z.string(),
  title: z.string(),
  body: z.string(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const messageList = z.object({ total: z.number().int(), unread: z.number().int(), items: z.array(messageView) });
export const unreadView = z.object({ unread: z.number().int() });
export const readResult = messageView.extend({ unread: z.number().int() });
export const readAllResult = z.object({ updated: z.number().int(), unread: z.number().int() });

export const warningRunResult = z.object({
  day: z.string(),
  yellow: z.number().int(),
  red: z.number().int(),
  notifiedCases: z.number().int(),
  messages: z.number().int(),
  sms: z.number().int(),
});

const smsStatus = z.enum(['queued', 'sent', 'delivered', 'failed']);
export const outboxQuery = z.object({ ...pageQuery, status: smsStatus.optional(), template: z.string().max(60).optional() });
export const outboxList = z.object({
  total: z.number().int(),
  counts: z.object({ queued: z.number().int(), sent: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
  items: z.array(z.object({
    id: z.string(),
    phoneMasked: z.string(),
    template: z.string(),
    status: smsStatus,
    sender: z.string(),
    attempts: z.number().int(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    error: z.string().nullable(),
  })),
});
