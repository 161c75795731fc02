import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REFORM_EVIDENCE_MAX_BYTES } from '../../../shared/reform.js';
import { XLSX_MIME } from '../../platform/files.js';
import { gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { readSingleFile } from '../../platform/uploads.js';
import { trackerWorkbook } from './excel.js';
import {
  acceptBody, remindBody, reportBody, returnBody, taskBody, taskDetail, taskEditBody, taskIdParams, taskList, taskListQuery, uploadedEvidence,
} from './schemas.js';
import type { ReformService } from './service.js';

/**
 * 改革任务: the city (reform.manage) decomposes the plan, sets lead units, regions and deadlines,
 * accepts or returns completions and sends 督办 reminders; the lead region's staff (reform.report)
 * report progress with evidence. Both see the tracker, each over their own subtree.
 */
export const reformRoutes = (reform: ReformService, siteName: string, now: () => Date): FastifyPluginAsyncZod => async (app) => {
  const tags = ['reform'];
  const view = gates.staff('reform.report');
  const manage = gates.staff('reform.manage');
  const one = { params: taskIdParams, response: { 200: taskDetail, ...errorResponses(400, 401, 403, 404, 409) } };

  app.get('/reform-tasks', {
    config: { gate: view },
    schema: {
      tags, summary: '改革任务台账：辖区牵头的任务（按方案顺序，含上级任务名称）、超期和临期标记，按牵头单位汇总（落后的在前）；可按状态、牵头地区、超期、临期、关键词筛选',
      querystring: taskListQuery, response: { 200: taskList, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => reform.list(staffActor(request), request.query));

  app.get('/reform-tasks.xlsx', {
    config: { gate: view },
    schema: { tags, summary: '改革任务台账导出 Excel（任务清单、牵头单位汇总），筛选条件同列表', querystring: taskListQuery, response: { 200: z.any(), ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const list = await reform.list(staffActor(request), request.query);
    const data = await trackerWorkbook(list, siteName, now());
    const fileName = `改革任务台账-${list.today}.xlsx`;
    return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).header('cache-control', 'no-store').send(data);
  });

  app.post('/reform-tasks', {
    config: { gate: manage },
    schema: {
      tags, summary: '新建改革任务，或分解子任务（parentId）：牵头单位、牵头地区（市级或镇街）、配合单位、完成时限（不晚于上级任务）',
      body: taskBody, response: { 201: taskDetail, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await reform.create(request.ctx, staffActor(request), request.body)));

  app.get('/reform-tasks/:id', {
    config: { gate: view },
    schema: { tags, summary: '一项改革任务：要求、上级任务、子任务、进展时间线（含证明材料）和当前可做的操作', params: taskIdParams, response: { 200: taskDetail, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => reform.get(staffActor(request), request.params.id));

  app.patch('/reform-tasks/:id', {
    config: { gate: manage },
    schema: { tags, summary: '修改改革任务（名称、要求、来源、牵头单位和地区、配合单位、完成时限）', body: taskEditBody, ...one },
  }, async (request) => reform.edit(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/reform-tasks/:id/evidence', {
    config: { gate: view },
    schema: {
      tags,
      summary: `上传一个证明材料（multipart：file 为 PDF、JPG、PNG、Word、Excel 或 OFD，按内容判断，≤ ${REFORM_EVIDENCE_MAX_BYTES / 1024 / 1024} MB），随后在进展填报的 evidence 中引用。仅牵头地区的工作人员`,
      consumes: ['multipart/form-data'], params: taskIdParams, response: { 201: uploadedEvidence, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const actor = staffActor(request);
    const upload = await readSingleFile(request, { maxBytes: REFORM_EVIDENCE_MAX_BYTES, tooLarge: `证明材料不能超过 ${REFORM_EVIDENCE_MAX_BYTES / 1024 / 1024} MB` });
    return reply.status(201).send(await reform.uploadEvidence(request.ctx, actor, request.params.id, upload));
  });

  app.post('/reform-tasks/:id/reports', {
    config: { gate: view },
    schema: { tags, summary: '进展填报：日期、完成进度（0–100）、完成情况、存在问题、下步计划、证明材料；填报 100% 即报请验收（待验收）', body: reportBody, ...one },
  }, async (request) => reform.report(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/reform-tasks/:id/accept', {
    config: { gate: manage },
    schema: { tags, summary: '验收通过（任务已完成，记录验收人和时间）', body: acceptBody, ...one },
  }, async (request) => reform.accept(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/reform-tasks/:id/return', {
    config: { gate: manage },
    schema: { tags, summary: '退回（填写原因，任务回到推进中）', body: returnBody, ...one },
  }, async (request) => reform.return(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/reform-tasks/:id/remind', {
    config: { gate: manage },
    schema: { tags, summary: '督办：向牵头地区填报人员发送站内提醒，并记入任务时间线', body: remindBody, ...one },
  }, async (request) => reform.remind(request.ctx, staffActor(request), request.params.id, request.body));
};
