import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { errorResponses, pageQuery } from '../../platform/openapi.js';
import { forbidden } from '../../platform/errors.js';
import { citizenActor, gates, signedInActor, staffActor } from '../../platform/gates.js';
import { limitPerIp } from '../../platform/rate-limits.js';
import { canSomewhere } from '../../platform/permissions.js';
import { readSingleFile } from '../../platform/uploads.js';
import { CASE_ACTION_NAMES, CASE_ACTIONS, type CaseActionName } from '../../../shared/cases.js';
import { z } from 'zod';
import { detectFileType, MAX_UPLOAD_BYTES } from '../files/index.js';
import {
  actionBodies, parseActionBody, caseDetail, licenceMatches, licenceMatchQuery, caseIdParams, caseList, idempotencyHeaders, listQuery, mineList, takenInQuery, overdueReport, statusCounts, submitBody, submitResult, trackQuery, trackResult, uploadResult,
} from './schemas.js';
import type { CaseService } from './service.js';
import { contentDisposition, type CaseDocuments } from './documents.js';
import { documentParams } from './schemas.js';

export const TRACK_LOOKUPS_PER_MINUTE = 30;

export const caseRoutes = (deps: Deps, cases: CaseService, documents: CaseDocuments): FastifyPluginAsyncZod => async (app) => {
  // on shutdown, submissions already queued are written before the database is closed
  app.addHook('onClose', () => cases.idle());
  const tags = ['cases'];
  const errs = errorResponses(400, 401, 403, 404, 409);

  app.post('/cases', {
    config: { gate: gates.signedIn },
    schema: {
      tags, summary: '提交申请（群众网上申请；窗口人员一窗受理；帮办代办员代为申请）。Idempotency-Key 使重试返回同一办件',
      headers: idempotencyHeaders, body: submitBody, response: { 200: submitResult, 201: submitResult, ...errs },
    },
  }, async (request, reply) => {
    const actor = signedInActor(request);
    const { created, result } = await cases.submit(request.ctx, actor, request.body, request.headers['idempotency-key']);
    return reply.status(created ? 201 : 200).send(result);
  });

  app.post('/cases/uploads', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '上传申请材料（multipart，字段 file；PDF、JPG、PNG、OFD，≤ 20 MB，按内容判断类型）', consumes: ['multipart/form-data'], response: { 201: uploadResult, ...errorResponses(400, 401, 403, 413, 415) } },
  }, async (request, reply) => {
    const actor = signedInActor(request);
    // Staff upload for an intake only: a staff member without case.intake has no reason to.
    if (actor.kind === 'staff' && !canSomewhere(actor, 'case.intake')) throw forbidden();
    const upload = await readSingleFile(request, { maxBytes: MAX_UPLOAD_BYTES, tooLarge: '文件不能超过 20 MB' });
    return reply.status(201).send(await cases.storeUpload(request.ctx, actor, upload, detectFileType));
  });

  app.get('/cases/track', {
    // Guessing a case number and phone pair: 30 lookups a minute per address.
    config: { gate: gates.public, rateLimit: limitPerIp(TRACK_LOOKUPS_PER_MINUTE) },
    schema: { tags, summary: '办件进度查询（免登录：办件编号 + 申请人手机号）', querystring: trackQuery, response: { 200: trackResult, ...errorResponses(400, 404, 429) } },
  }, async (request) => cases.track(request.query.caseNo, request.query.phone));

  app.get('/cases/licence-matches', {
    config: { gate: gates.citizen },
    schema: { tags, summary: '本人电子证照可免提交的材料（按事项和办理地点）', querystring: licenceMatchQuery, response: { 200: licenceMatches, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => cases.licenceMatches(citizenActor(request), request.query.item, request.query.region));

  app.get('/cases/mine', {
    config: { gate: gates.citizen },
    schema: { tags, summary: '我的办件（含办理过程）', querystring: z.object(pageQuery), response: { 200: mineList, ...errorResponses(401, 403) } },
  }, async (request) => cases.mine(citizenActor(request), request.query));

  app.get('/cases/overdue-report', {
    config: { gate: gates.staff('case.view') },
    schema: { tags, summary: '超期预警统计（按镇街：在办、黄灯、红灯）', response: { 200: overdueReport, ...errorResponses(401, 403) } },
  }, async (request) => cases.overdueReport(staffActor(request)));

  app.get('/cases/status-counts', {
    config: { gate: gates.staff('case.view') },
    schema: { tags, summary: '办件工作台各状态件数（本辖区；一次返回全部状态）', response: { 200: statusCounts, ...errorResponses(401, 403) } },
  }, async (request) => cases.statusCounts(staffActor(request)));

  app.get('/cases/taken-in', {
    // Whoever takes cases in (window staff, helpers) follows their own intakes, wherever the cases are now.
    config: { gate: gates.staff('case.intake') },
    schema: { tags, summary: '我代办的：本人收件或代为申请的办件（等我处理的在前，再按紧急程度；证件号、手机号已脱敏）', querystring: takenInQuery, response: { 200: caseList, ...errorResponses(400, 401, 403) } },
  }, async (request) => cases.takenIn(staffActor(request), request.query));

  app.get('/cases', {
    config: { gate: gates.staff('case.view') },
    schema: { tags, summary: '办件工作台（本辖区；等我处理的在前，再按紧急程度排序；awaiting=true 只看等我处理；证件号、手机号已脱敏）', querystring: listQuery, response: { 200: caseList, ...errorResponses(400, 401, 403) } },
  }, async (request) => cases.queue(staffActor(request), request.query));

  app.get('/cases/:id', {
    config: { gate: gates.signedIn },
    schema: { tags, summary: '办件详情（辖区工作人员或申请人本人）', params: caseIdParams, response: { 200: caseDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => cases.get(signedInActor(request), request.params.id));

  app.get('/cases/:id/documents/:kind', {
    config: { gate: gates.signedIn },
    schema: {
      tags, summary: '办件文书 PDF：受理通知书（acceptance）、不予受理通知书（refusal）、补正材料告知书（correction，最近一次）、办结通知书（completion）。申请人本人或辖区工作人员；办件未到出具该文书的环节时 409 DOCUMENT_NOT_AVAILABLE',
      params: documentParams, produces: ['application/pdf'], response: { 200: z.any().describe('PDF（application/pdf）'), ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const doc = await documents.render(signedInActor(request), request.params.id, request.params.kind);
    return reply.type('application/pdf').header('content-disposition', contentDisposition(doc.fileName, doc.asciiName)).header('cache-control', 'private, no-store').send(doc.pdf);
  });

  for (const action of CASE_ACTION_NAMES) {
    registerAction(action);
  }

  function registerAction<A extends CaseActionName>(action: A) {
    app.post(`/cases/:id/actions/${action}`, {
      config: { gate: gates.signedIn },
      schema: { tags, summary: `办件操作：${CASE_ACTIONS[action]}`, params: caseIdParams, body: actionBodies[action], response: { 200: caseDetail, ...errs } },
    }, async (request) => cases.act(request.ctx, signedInActor(request), request.params.id, action, parseActionBody(action, request.body)));
  }
};
