import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { listAudit } from '../audit/index.js';
import {
  auditList, auditQuery, createUserBody, grantInput, grantParams, idParams, listUsersQuery, resetPasswordBody, updateUserBody, userList, userView,
} from './schemas.js';
import type { AccountService } from './service.js';

export const accountRoutes = (deps: Deps, accounts: AccountService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['admin'];
  const errs = errorResponses(400, 401, 403, 404, 409);

  app.get('/admin/users', {
    config: { gate: gates.staff('account.view') },
    schema: { tags, summary: '账号列表（本辖区）', querystring: listUsersQuery, response: { 200: userList, ...errs } },
  }, async (request) => accounts.list(staffActor(request), request.query));

  app.post('/admin/users', {
    config: { gate: gates.staff('account.manage') },
    schema: { tags, summary: '新建工作人员账号', body: createUserBody, response: { 201: userView, ...errs } },
  }, async (request, reply) => {
    const user = await accounts.create(request.ctx, staffActor(request), request.body);
    return reply.status(201).send(user);
  });

  app.get('/admin/users/:id', {
    config: { gate: gates.staff('account.view') },
    schema: { tags, summary: '账号详情', params: idParams, response: { 200: userView, ...errs } },
  }, async (request) => accounts.get(staffActor(request), request.params.id));

  app.patch('/admin/users/:id', {
    config: { gate: gates.staff('account.manage') },
    schema: { tags, summary: '修改账号（姓名、手机、所属区划、启用/停用）', params: idParams, body: updateUserBody, response: { 200: userView, ...errs } },
  }, async (request) => accounts.update(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/admin/users/:id/reset-password', {
    config: { gate: gates.staff('account.manage') },
    schema: { tags, summary: '重置密码（并结束其所有会话）', params: idParams, body: resetPasswordBody, response: { 200: userView, ...errs } },
  }, async (request) => accounts.resetPassword(request.ctx, staffActor(request), request.params.id, request.body.password));

  app.post('/admin/users/:id/unlock', {
    config: { gate: gates.staff('account.manage') },
    schema: { tags, summary: '解除登录锁定', params: idParams, response: { 200: userView, ...errs } },
  }, async (request) => accounts.unlock(request.ctx, staffActor(request), request.params.id));

  app.post('/admin/users/:id/grants', {
    config: { gate: gates.staff('account.manage') },
    schema: { tags, summary: '授予角色', params: idParams, body: grantInput, response: { 200: userView, ...errs } },
  }, async (request) => accounts.addGrant(request.ctx, staffActor(request), request.params.id, request.body));

  app.delete('/admin/users/:id/grants/:grantId', {
    config: { gate: gates.staff('account.manage') },
    schema: { tags, summary: '撤销角色', params: grantParams, response: { 200: userView, ...errs } },
  }, async (request) => accounts.removeGrant(request.ctx, staffActor(request), request.params.id, request.params.grantId));

  app.get('/admin/audit', {
    config: { gate: gates.staff('audit.view') },
    schema: { tags, summary: '审计日志（本辖区）', querystring: auditQuery, response: { 200: auditList, ...errorResponses(400, 401, 403) } },
  }, async (request) => listAudit(deps, staffActor(request), request.query));
};
