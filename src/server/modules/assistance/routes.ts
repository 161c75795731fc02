import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { citizenActor, gates, signedInActor, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { readFileAndFields } from '../../platform/uploads.js';
import type { AssistConsents } from './consent.js';
import type { HelpPhotos } from './photos.js';
import { HELP_PHOTO_MAX_BYTES } from './records.js';
import {
  assignBody, cancelBody, completeBody, contactBody, createBody, helpPhoto, helpRequestDetail, helpRequestList, helpStats, idempotencyHeaders, idParams, mineQuery, phoneResult,
  progressBody, ratingBody, smsCodeBody, smsSent, staffListQuery, statsQuery, versionBody,
} from './schemas.js';
import type { AssistanceService } from './service.js';

const photoLimit = `${HELP_PHOTO_MAX_BYTES / 1024 / 1024} MB`;

/** 帮办代办 help requests: asking, following, the helpers' work, the coordinators' dispatch and figures. */
export const assistanceRoutes = (assist: AssistanceService, photos: HelpPhotos, consents: AssistConsents): FastifyPluginAsyncZod => async (app) => {
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
    schema: { tags, summary: '帮办代办员接单（已由本人接单的再接一次，返回当前状态）', body: versionBody, ...one },
  }, async (request) => assist.accept(request.ctx, staffActor(request), request.params.id, request.body.version));

  app.post('/help-requests/:id/contact', {
    config: { gate: gates.staff('assist.act') },
    schema: { tags, summary: '记录与求助人的首次联系（电话或上门）。at 为实际发生时间（离线记录后补传），photoIds 为已上传的走访照片，clientRef 相同的记录只记一次', body: contactBody, ...one },
  }, async (request) => assist.contact(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/help-requests/:id/progress', {
    config: { gate: gates.staff('assist.act') },
    schema: { tags, summary: '记录办理进展或上门走访（visit，求助人可见）。at、photoIds、clientRef 同首次联系', body: progressBody, ...one },
  }, async (request) => assist.progress(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/help-requests/:id/complete', {
    config: { gate: gates.staff('assist.act') },
    schema: { tags, summary: '办结（填写办理结果，求助人可见）', body: completeBody, ...one },
  }, async (request) => assist.complete(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/help-requests/:id/photos', {
    config: { gate: gates.staff('assist.act') },
    schema: {
      tags,
      summary: `上传一张走访照片（multipart：file 为 JPG、PNG 或 WebP 图片，按内容判断，≤ ${photoLimit}；clientRef 为手机端的上传标识，重复上传返回同一张照片），随后在联系、进展或办结记录的 photoIds 中引用。仅被分派的帮办代办员`,
      consumes: ['multipart/form-data'], params: idParams, response: { 200: helpPhoto, 201: helpPhoto, ...errorResponses(400, 401, 403, 404, 409, 413) },
    },
  }, async (request, reply) => {
    const actor = staffActor(request);
    const upload = await readFileAndFields(request, { maxBytes: HELP_PHOTO_MAX_BYTES, tooLarge: `照片不能超过 ${photoLimit}，请缩小后再上传` });
    const { created, photo } = await photos.upload(request.ctx, actor, request.params.id, upload);
    return reply.code(created ? 201 : 200).send(photo);
  });

  app.post('/help-requests/:id/authorisation/sms', {
    config: { gate: gates.staff('assist.act') },
    schema: {
      tags, summary: '代办授权：向求助人手机发送 6 位验证码（10 分钟有效，每分钟最多一次）；求助人把验证码告诉帮办代办员即表示同意代为申请',
      params: idParams, response: { 200: smsSent, ...errorResponses(400, 401, 403, 404, 409, 429) },
    },
  }, async (request) => consents.sendCode(request.ctx, staffActor(request), request.params.id));

  app.post('/help-requests/:id/authorisation/sms/confirm', {
    config: { gate: gates.staff('assist.act') },
    schema: { tags, summary: '代办授权：输入求助人告知的验证码（输错 5 次须重新发送；每个验证码只能用一次）。授权 30 天内有效，用于一次代为申请', body: smsCodeBody, ...one },
  }, async (request) => consents.confirmCode(request.ctx, staffActor(request), request.params.id, request.body.code));

  app.post('/help-requests/:id/authorisation/letter', {
    config: { gate: gates.staff('assist.act') },
    schema: {
      tags, summary: `代办授权：上传求助人签字的委托书照片（multipart：file 为 JPG、PNG 或 WebP 图片，≤ ${photoLimit}）。授权 30 天内有效，用于一次代为申请`,
      consumes: ['multipart/form-data'], params: idParams, response: { 200: helpRequestDetail, ...errorResponses(400, 401, 403, 404, 409, 413) },
    },
  }, async (request) => {
    const actor = staffActor(request);
    const upload = await readFileAndFields(request, { maxBytes: HELP_PHOTO_MAX_BYTES, tooLarge: `委托书照片不能超过 ${photoLimit}，请缩小后再上传` });
    return consents.letter(request.ctx, actor, request.params.id, upload);
  });

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
