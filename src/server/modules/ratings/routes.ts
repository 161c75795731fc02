import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { gates, staffActor, terminalToken } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { terminalUnauthorized, unauthenticated } from '../../platform/errors.js';
import type { RatingFollowUps } from './followups.js';
import {
  appealBody, followUpList, followUpListQuery, followUpView, linkBody, linkResult, rateBody, rateResult, ratingIdParams, ratingList, ratingListQuery,
  ratingState, ratingStateQuery, rectifyBody, reviewBody, visitBody,
} from './schemas.js';
import type { Rater, RatingService } from './service.js';

/**
 * Who is rating: a rating link's token, a terminal (its id and bearer token), or the person signed
 * in — the applicant (PC, mobile) or the city's 好差评 office typing in a phone rating. The
 * service checks each against the case.
 */
function raterOf(request: FastifyRequest, q: { token?: string; terminalId?: string }): Rater {
  if (q.token) return { kind: 'link', token: q.token };
  if (q.terminalId) {
    if (!request.headers.authorization) throw terminalUnauthorized();
    return { kind: 'terminal', terminalId: q.terminalId, token: terminalToken(request) };
  }
  const actor = request.ctx.actor;
  if (actor.kind === 'citizen') return { kind: 'citizen', actor };
  if (actor.kind === 'staff') return { kind: 'staff', actor };
  throw unauthenticated('请先登录，或使用短信、窗口二维码中的评价链接');
}

/**
 * 好差评. Rating is one public endpoint for every channel (the rater proves themself to the service
 * by session, link token or terminal token, so the gate is public); the follow-up of 差评 belongs
 * to the staff holding rating.followup over the handling place, the appeal review to the city.
 */
export const ratingRoutes = (ratings: RatingService, followUps: RatingFollowUps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['ratings'];

  app.get('/ratings/case', {
    config: { gate: gates.public },
    schema: {
      tags, summary: '一个办件的评价情况：能否评价、截止日期、评价维度、已有评价和差评整改情况（凭登录、评价链接 token 或终端令牌）',
      querystring: ratingStateQuery, response: { 200: ratingState, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => ratings.state(raterOf(request, request.query), request.query.caseNo));

  app.post('/ratings', {
    config: { gate: gates.public },
    schema: {
      tags,
      summary: '评价一个已办结的办件（好差评）：level 1–5（5 为非常满意）；差评须选原因或填写意见；办结后 5 个工作日内、一次一评，差评整改后可再评一次',
      description: '群众登录后评价（channel pc/mobile）；短信或窗口二维码中的评价链接（body.token，channel sms/window_qr）；窗口评价器、自助终端（body.terminalId 与 Authorization: Bearer 终端令牌，channel tablet/kiosk）；市级好差评工作人员录入电话评价（channel phone）。',
      body: rateBody, response: { 201: rateResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await ratings.rate(request.ctx, raterOf(request, request.body), request.body)));

  app.post('/ratings/links', {
    config: { gate: gates.staff('case.view') },
    schema: { tags, summary: '窗口评价二维码：为已办结的办件生成评价链接和二维码，群众扫码即可评价', body: linkBody, response: { 201: linkResult, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request, reply) => reply.status(201).send(await ratings.windowLink(request.ctx, staffActor(request), request.body.caseId)));

  const followUp = gates.staff('rating.followup');

  app.get('/ratings', {
    config: { gate: followUp },
    schema: { tags, summary: '辖区内的评价（按办理地），可按时间、等级、差评、渠道、事项或办件编号筛选', querystring: ratingListQuery, response: { 200: ratingList, ...errorResponses(400, 401, 403) } },
  }, async (request) => followUps.list(staffActor(request), request.query));

  app.get('/rating-followups', {
    config: { gate: followUp },
    schema: { tags, summary: '差评回访整改：待办的在前，时限近的在前；可筛选状态和超期', querystring: followUpListQuery, response: { 200: followUpList, ...errorResponses(400, 401, 403) } },
  }, async (request) => followUps.followUps(staffActor(request), request.query));

  app.get('/rating-followups/:id', {
    config: { gate: followUp },
    schema: { tags, summary: '一条差评的回访、整改、复评和申诉复核', params: ratingIdParams, response: { 200: followUpView, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => followUps.get(staffActor(request), request.params.id));

  app.post('/rating-followups/:id/visit', {
    config: { gate: followUp },
    schema: { tags, summary: '登记回访（1 个工作日内）', params: ratingIdParams, body: visitBody, response: { 200: followUpView, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => followUps.visit(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/rating-followups/:id/rectify', {
    config: { gate: followUp },
    schema: { tags, summary: '登记整改措施和结果（整改时限内）；评价人随后可再评价一次', params: ratingIdParams, body: rectifyBody, response: { 200: followUpView, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => followUps.rectify(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/rating-followups/:id/appeal', {
    config: { gate: followUp },
    schema: { tags, summary: '恶意或错误差评申诉，提交市级复核', params: ratingIdParams, body: appealBody, response: { 200: followUpView, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => followUps.appeal(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/rating-followups/:id/review', {
    config: { gate: gates.staff('rating.review') },
    schema: { tags, summary: '申诉复核（市级）：成立则该评价不计入统计；不成立则继续整改', params: ratingIdParams, body: reviewBody, response: { 200: followUpView, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => followUps.review(request.ctx, staffActor(request), request.params.id, request.body));
};
