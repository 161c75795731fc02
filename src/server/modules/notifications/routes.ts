import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { gates, staffActor, signedInActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import {
  messageIdParams, messageList, messagesQuery, outboxList, outboxQuery, previewBody, previewResult, readAllResult, readResult, templateBody, templateList, templateParams,
  templateView, unreadView, warningRunResult,
} from './schemas.js';
import { NotificationService } from './service.js';

export const notificationRoutes = (deps: Deps, service: NotificationService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['notifications'];

  app.get('/notification-templates', {
    config: { gate: gates.staff('notification.manage') },
    schema: { tags, summary: '通知模板（市级管理员）：各通知的短信和站内消息模板、可用占位符、示例效果', response: { 200: templateList, ...errorResponses(401, 403) } },
  }, async (request) => service.listTemplates(staffActor(request)));

  app.put('/notification-templates/:event/:channel', {
    config: { gate: gates.staff('notification.manage') },
    schema: {
      tags, summary: '保存通知模板（未知或本通知不支持的占位符会被拒绝）', params: templateParams, body: templateBody,
      response: { 200: templateView, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => service.saveTemplate(request.ctx, staffActor(request), request.params.event, request.params.channel, request.body));

  app.delete('/notification-templates/:event/:channel', {
    config: { gate: gates.staff('notification.manage') },
    schema: { tags, summary: '恢复默认模板', params: templateParams, response: { 200: templateView, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.resetTemplate(request.ctx, staffActor(request), request.params.event, request.params.channel));

  app.post('/notification-templates/preview', {
    config: { gate: gates.staff('notification.manage') },
    schema: { tags, summary: '用示例数据预览模板（不保存），并给出校验结果', body: previewBody, response: { 200: previewResult, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.preview(staffActor(request), request.body));

  app.post('/notifications/run-warnings', {
    config: { gate: gates.staff('notification.manage') },
    schema: { tags, summary: '立即执行一次办理时限预警扫描（每天自动执行；同一办件同一等级每天只提醒一次）', response: { 200: warningRunResult, ...errorResponses(401, 403) } },
  }, async (request) => service.runWarningsAs(staffActor(request)));

  app.get('/notifications/sms-outbox', {
    config: { gate: gates.staff('notification.manage') },
    schema: { tags, summary: '短信发送记录与状态（手机号已脱敏，不含内容）', querystring: outboxQuery, response: { 200: outboxList, ...errorResponses(400, 401, 403) } },
  }, async (request) => service.outbox(staffActor(request), request.query));

  app.get('/me/messages', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '我的站内消息（群众和工作人员各看自己的），新消息在前，含未读数', querystring: messagesQuery, response: { 200: messageList, ...errorResponses(400, 401) } },
  }, async (request) => service.myMessages(signedInActor(request), request.query));

  app.get('/me/messages/unread-count', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '我的未读消息数', response: { 200: unreadView, ...errorResponses(401) } },
  }, async (request) => service.myUnread(signedInActor(request)));

  app.post('/me/messages/read-all', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '全部标为已读', response: { 200: readAllResult, ...errorResponses(401) } },
  }, async (request) => service.readAll(signedInActor(request)));

  app.post('/me/messages/:id/read', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '标为已读', params: messageIdParams, response: { 200: readResult, ...errorResponses(400, 401, 404) } },
  }, async (request) => service.read(signedInActor(request), request.params.id));
};
