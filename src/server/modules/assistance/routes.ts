import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { citizenActor, gates, signedInActor, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import {
  assignBody, cancelBody, completeBody, contactBody, createBody, helpRequestDetail, helpRequestList, helpStats, idempotencyHeaders, idParams, mineQuery, phoneResult,
  progressBody, ratingBody, staffListQuery, statsQuery, versionBody,
} from './schemas.js';
import type { AssistanceService } from './service.js';

/** 帮办代办 help requests: asking, following, the helpers' work, the coordinators' dispatch and figures. */
export const assistanceRoutes = (assist: AssistanceService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['assistance'];
  const errs = errorResponses(400, 401, 403, 404, 409);
  const one = { params: idParams, response: { 200: helpRequestDetail, ...errs } };

  app.post('/help-requests', {
    config: { gate: gates.signedIn },
    schema: {
      tags, summary: '提交帮办代办求助（群众为本人或亲属；窗口人员、协调人代为登记窗口或电话求助），随即分派给覆盖该村（社区）的帮办代办员。Idempotency-Key 使重试返回同一求助',
      headers: idempotencyHeaders, body: createBody, response: { 200: helpRequestDetail, 201: helpRequestDetail, ...errs },
    },
  }, async (request, reply) => {
    const { created, request: result } = await assist.create(request.ctx, signedInActor(request), request.body, request.headers['idempotency-key']);
    return reply.status(created ? 201 : 200).send(result);
  });

  app.get('/help-requests/mine', {
    config: { gate: gates.citizen },
    schema: { tags, summary: '我的帮办代办求助（未办结的在前）', querystring: mineQuery, response: { 200: helpRequestList, ...errorResponses(400, 401, 403) } },
  }, async (request) => assist.mine(citizenActor(request), request.query));

  app.get('/help-requests/stats', {
    config: { gate: gates.staff('assist.coordinate') },
    schema: { tags, summary: '帮办代办月度统计：按状态计数、超时、平均接单和联系用时（工作小时）、各帮办代办员工作量、平均评价', querystring: statsQuery, response: { 200: helpStats, ...errorResponses(400, 401, 403) } },
  }, async (request) => assist.stats(staffActor(request), request.query));

  app.get('/help-requests', {
    config: { gate: gates.staff() },
    schema: {
      tags, summary: '帮办代办求助列表：帮办代办员看分派给自己的，协调人看本辖区的（可按状态、超时、村、帮办代办员筛选）；未办结、优先、时限近的在前，姓名电话已脱敏',
      querystring: staffListQuery, response: { 200: helpRequestList, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => assist.list(staffActor(request), request.query));

  app.get('/help-requests/:id', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '一条帮办代办求助及其办理记录（群众只看到给本人的记录）', ...one },
  }, async (request) => assist.get(signedInActor(request), request.params.id));

  app.post('/help-requests/:id/accept', {
    config: { gate: gates.staff('assist.act') },
    schema: { tags, summary: '帮办代办员接单', body: versionBody, ...one },
  }, async (request) => assist.accept(request.ctx, staffActor(request), request.params.id, request.body.version));

  app.post('/help-requests/:id/contact', {
    config: { gate: gates.staff('assist.act') },
    schema: { tags, summary: '记录与求助人的首次联系（电话或上门）', body: contactBody, ...one },
  }, async (request) => assist.contact(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/help-requests/:id/progress', {
    config: { gate: gates.staff('assist.act') },
    schema: { tags, summary: '记录办理进展（求助人可见）', body: progressBody, ...one },
  }, async (request) => assist.progress(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/help-requests/:id/complete', {
    config: { gate: gates.staff('assist.act') },
    schema: { tags, summary: '办结（填写办理结果，求助人可见）', body: completeBody, ...one },
  }, async (request) => assist.complete(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/help-requests/:id/phone', {
    config: { gate: gates.staff('assist.act') },
    schema: { tags, summary: '查看求助人完整电话（仅被分派的帮办代办员，记入审计日志）', params: idParams, body: versionBody, response: { 200: phoneResult, ...errs } },
  }, async (request) => assist.revealPhone(request.ctx, staffActor(request), request.params.id));

  app.post('/help-requests/:id/assign', {
    config: { gate: gates.staff('assist.coordinate') },
    schema: { tags, summary: '分派或改派给本村（社区）或本镇（街道）的帮办代办员', body: assignBody, ...one },
  }, async (request) => assist.assign(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/help-requests/:id/cancel', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '取消求助（求助人本人在办结前，或协调人；须写明原因）', body: cancelBody, ...one },
  }, async (request) => assist.cancel(request.ctx, signedInActor(request), request.params.id, request.body));

  app.post('/help-requests/:id/rating', {
    config: { gate: gates.citizen },
    schema: { tags, summary: '评价办结的帮办代办（1–5 星，每次求助一次）', body: ratingBody, ...one },
  }, async (request) => assist.rate(request.ctx, citizenActor(request), request.params.id, request.body));
};
