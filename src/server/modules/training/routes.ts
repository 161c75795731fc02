import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../platform/ids.js';
import { XLSX_MIME } from '../../platform/files.js';
import { gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { readSingleFile } from '../../platform/uploads.js';
import { chinaDate } from '../../platform/calendar.js';
import { personWorkbook, sessionsWorkbook } from './excel.js';
import { MAX_MATERIAL_BYTES, type TrainingMaterials } from './materials.js';
import {
  addParticipantsResult, candidateList, candidateQuery, caseBody, caseChoiceList, caseChoiceQuery, caseParams, caseRemoveQuery, materialParams, participantParams, participantsBody, participantUpdateBody, personRecord, sessionBody,
  sessionExportQuery, sessionIdParams, sessionList, sessionListQuery, sessionUpdateBody, sessionView, staffIdParams, summaryQuery, summaryView,
} from './schemas.js';
import type { TrainingService } from './service.js';

const sendXlsx = (reply: FastifyReply, data: Buffer, fileName: string) =>
  reply.type(XLSX_MIME).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).header('cache-control', 'no-store').send(data);

/**
 * 培训记录. Sessions, their participants and materials belong to those holding training.manage over
 * the organiser (the city or a town; the service checks the exact place); a staff member's record
 * to those holding it over their home, and to the person themself (我的培训: any staff member).
 */
export const trainingRoutes = (training: TrainingService, materials: TrainingMaterials, siteName: string, clock: Clock): FastifyPluginAsyncZod => async (app) => {
  const tags = ['training'];
  const gate = gates.staff('training.manage');

  app.get('/training/sessions', {
    config: { gate },
    schema: { tags, summary: '培训场次：辖区内组织的培训，可按年度或日期、组织单位、培训形式、状态、关键词筛选，新的在前', querystring: sessionListQuery, response: { 200: sessionList, ...errorResponses(400, 401, 403) } },
  }, async (request) => training.list(staffActor(request), request.query));

  app.get('/training/sessions.xlsx', {
    config: { gate },
    schema: { tags, summary: '培训记录导出 Excel（培训场次、参训人员），筛选条件同列表', querystring: sessionExportQuery, response: { 200: z.any(), ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const now = clock.now();
    const data = await training.exportRows(staffActor(request), request.query);
    const period = request.query.year ? `${request.query.year}年` : chinaDate(now);
    return sendXlsx(reply, await sessionsWorkbook(data, siteName, now), `培训记录-${period}.xlsx`);
  });

  app.post('/training/sessions', {
    config: { gate },
    schema: {
      tags, summary: '登记一次培训：主题、日期（多日培训填结束日期）、学时（大于 0，以 0.5 为单位）、授课人及单位、地点、形式、组织单位（市级或镇街）、内容、状态',
      body: sessionBody, response: { 201: sessionView, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await training.create(request.ctx, staffActor(request), request.body)));

  app.get('/training/sessions/:id', {
    config: { gate },
    schema: { tags, summary: '一次培训：基本信息、参训人员（外单位人员电话脱敏）、培训资料', params: sessionIdParams, response: { 200: sessionView, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => training.get(staffActor(request), request.params.id));

  app.put('/training/sessions/:id', {
    config: { gate },
    schema: {
      tags, summary: '修改培训信息（带读取时的 version，过期返回 409）；学时改变时，按原学时全额计入的参训人员改按新学时计入',
      params: sessionIdParams, body: sessionUpdateBody, response: { 200: sessionView, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => training.update(request.ctx, staffActor(request), request.params.id, request.body));

  app.get('/training/candidates', {
    config: { gate },
    schema: { tags, summary: '可选的参训人员：组织单位辖区内的工作人员账号，按姓名或用户名查找', querystring: candidateQuery, response: { 200: candidateList, ...errorResponses(400, 401, 403) } },
  }, async (request) => training.candidates(staffActor(request), request.query.regionCode, request.query.q));

  app.post('/training/sessions/:id/participants', {
    config: { gate },
    schema: {
      tags, summary: '批量添加参训人员：辖区内的工作人员账号（staffIds）和没有账号的人员（externals：姓名、单位、可选手机号，加密保存）；已在名单中的不重复添加，在 alreadyListed 中列出',
      params: sessionIdParams, body: participantsBody, response: { 200: addParticipantsResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => training.addParticipants(request.ctx, staffActor(request), request.params.id, request.body));

  app.put('/training/sessions/:id/participants/:participantId', {
    config: { gate },
    schema: {
      tags, summary: '登记参训情况：已参训、缺席或请假，计入学时（默认培训学时，缺席、请假计 0），考核结果（合格、不合格）或成绩；带读取时的 version',
      params: participantParams, body: participantUpdateBody, response: { 200: sessionView, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => training.updateParticipant(request.ctx, staffActor(request), request.params.id, request.params.participantId, request.body));

  app.delete('/training/sessions/:id/participants/:participantId', {
    config: { gate },
    schema: { tags, summary: '把误加的人员移出参训名单', params: participantParams, response: { 200: sessionView, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => training.removeParticipant(request.ctx, staffActor(request), request.params.id, request.params.participantId));

  app.post('/training/sessions/:id/materials', {
    config: { gate },
    schema: {
      tags, summary: '上传培训资料（multipart：file 为 PDF、Word、Excel、PowerPoint、OFD 或图片，按内容判断，≤ 20 MB）',
      consumes: ['multipart/form-data'], params: sessionIdParams, response: { 201: sessionView, ...errorResponses(400, 401, 403, 404, 413, 415) },
    },
  }, async (request, reply) => {
    const actor = staffActor(request);
    const upload = await readSingleFile(request, { maxBytes: MAX_MATERIAL_BYTES, tooLarge: '培训资料不能超过 20 MB' });
    return reply.status(201).send(await materials.upload(request.ctx, actor, request.params.id, upload));
  });

  app.delete('/training/sessions/:id/materials/:fileId', {
    config: { gate },
    schema: { tags, summary: '删除一份培训资料', params: materialParams, response: { 200: sessionView, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => materials.remove(request.ctx, staffActor(request), request.params.id, request.params.fileId));

  app.get('/training/case-choices', {
    config: { gate },
    schema: { tags, summary: '可选用的教学案例：门户已发布的典型案例，推荐用于培训的在前，可按标题查找', querystring: caseChoiceQuery, response: { 200: caseChoiceList, ...errorResponses(400, 401, 403) } },
  }, async (request) => training.caseChoices(request.query.q));

  app.post('/training/sessions/:id/cases', {
    config: { gate },
    schema: {
      tags, summary: '选用一个教学案例（门户已发布的典型案例；未发布或已撤下的返回 400 TRAINING_CASE_NOT_PUBLISHED）；带读取时的 version，过期返回 409',
      params: sessionIdParams, body: caseBody, response: { 200: sessionView, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => training.addCase(request.ctx, staffActor(request), request.params.id, request.body));

  app.delete('/training/sessions/:id/cases/:practiceId', {
    config: { gate },
    schema: { tags, summary: '不再选用一个教学案例（?version= 读取时的版本）', params: caseParams, querystring: caseRemoveQuery, response: { 200: sessionView, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => training.removeCase(request.ctx, staffActor(request), request.params.id, request.params.practiceId, request.query.version));

  app.get('/training/summary', {
    config: { gate },
    schema: { tags, summary: '年度培训统计：各组织单位的场次、已举办场次、学时、培训人数（实到）和人次学时', querystring: summaryQuery, response: { 200: summaryView, ...errorResponses(400, 401, 403) } },
  }, async (request) => training.summary(staffActor(request), request.query));

  app.get('/training/people/:staffId', {
    config: { gate },
    schema: { tags, summary: '个人培训档案：一名工作人员参加过的培训和每年的学时（管理其所在地区培训的管理员可查）', params: staffIdParams, response: { 200: personRecord, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => training.person(staffActor(request), request.params.staffId));

  app.get('/training/people/:staffId/record.xlsx', {
    config: { gate },
    schema: { tags, summary: '个人培训档案导出 Excel', params: staffIdParams, response: { 200: z.any(), ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const r = await training.person(staffActor(request), request.params.staffId);
    return sendXlsx(reply, await personWorkbook(r, siteName, clock.now()), `培训档案-${r.person.name}.xlsx`);
  });

  app.get('/me/training', {
    config: { gate: gates.staff() },
    schema: { tags, summary: '我的培训：本人参加过的培训和每年的学时（所有工作人员）', response: { 200: personRecord, ...errorResponses(401, 403, 404) } },
  }, async (request) => training.mine(staffActor(request)));
};
