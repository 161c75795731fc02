import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { gates, staffActor, citizenActor, signedInActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import {
  draftBody, draftList, draftParams, draftQuery, draftView, formListView, formSettingsBody, formSettingsView, itemCodeParams, prefillView,
} from './schemas.js';
import type { ItemFormService } from './service.js';

export const formRoutes = (deps: Deps, forms: ItemFormService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['forms'];

  app.get('/items/:code/form', {
    config: { gate: gates.public },
    schema: { tags, summary: '事项的申请表单（公开：申请页、窗口收件页据此显示表单）', params: itemCodeParams, response: { 200: formSettingsView, ...errorResponses(400, 404) } },
  }, async (request) => forms.settings(request.params.code));

  app.get('/items/:code/prefill', {
    config: { gate: gates.citizen },
    schema: { tags, summary: '历史数据自动填充：本人资料和以往申请中的答案（标明来源）', params: itemCodeParams, response: { 200: prefillView, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => forms.prefill(citizenActor(request), request.params.code));

  app.get('/admin/item-forms', {
    config: { gate: gates.staff() },
    schema: { tags, summary: '已设计申请表单的事项', response: { 200: formListView, ...errorResponses(401, 403) } },
  }, async (request) => forms.list(staffActor(request)));

  app.put('/admin/item-forms/:code', {
    config: { gate: gates.staff() },
    schema: { tags, summary: '保存事项的申请表单与流程设置（带版本号，防止覆盖他人的修改）', params: itemCodeParams, body: formSettingsBody, response: { 200: formSettingsView, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => forms.save(request.ctx, staffActor(request), request.params.code, request.body));

  app.get('/application-drafts', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '我的申请草稿', response: { 200: draftList, ...errorResponses(401) } },
  }, async (request) => forms.drafts(signedInActor(request)));

  app.get('/application-drafts/:code', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '读取申请草稿（事项 + 办理地点）', params: draftParams, querystring: draftQuery, response: { 200: draftView, ...errorResponses(400, 401, 404) } },
  }, async (request) => forms.draft(signedInActor(request), request.params.code, request.query.region));

  app.put('/application-drafts/:code', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '自动保存申请草稿（群众：仅限可网上申请的事项）', params: draftParams, querystring: draftQuery, body: draftBody, response: { 200: draftView, ...errorResponses(400, 401, 404, 409) } },
  }, async (request) => forms.saveDraft(signedInActor(request), request.params.code, request.query.region, request.body.data));

  app.delete('/application-drafts/:code', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '删除申请草稿', params: draftParams, querystring: draftQuery, response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses(400, 401, 404) } },
  }, async (request) => {
    await forms.deleteDraft(signedInActor(request), request.params.code, request.query.region);
    return { ok: true as const };
  });
};
