import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { readSingleFile } from '../../platform/uploads.js';
import {
  assessmentIdParams, assessmentView, checklistBody, checklistIdParams, checklistList, checklistView, currentChecklistQuery, levelsQuery, overview, overviewQuery,
  photoParams, photoView, publicLevels, saveBody, startBody, venueIdParams, venueStanding, versionBody,
} from './schemas.js';
import { MAX_PHOTO_BYTES, type VenueStandardsService } from './service.js';

/**
 * 政务服务场所标准化评估: checklists (the city administrator publishes versions), assessments of
 * town centres and village stations (drafts, photos, finalising), a venue's history and the
 * overview — for administrators holding `venue.manage`, each within their area (the service
 * decides the place). One public answer: the level a venue reached.
 */
const okResult = z.object({ ok: z.literal(true) });

export const venueStandardsRoutes = (standards: VenueStandardsService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['venue-standards'];
  const gate = gates.staff('venue.manage');

  app.get('/venue-standards/checklists', {
    config: { gate },
    schema: { tags, summary: '评估标准的全部版本（最新在前；标明各类场所现行的版本）', response: { 200: checklistList, ...errorResponses(401, 403) } },
  }, async () => standards.checklists());

  app.get('/venue-standards/checklists/current', {
    config: { gate },
    schema: { tags, summary: '某类场所现行的评估标准（新建评估时使用）', querystring: currentChecklistQuery, response: { 200: checklistView, ...errorResponses(400, 401, 403, 409) } },
  }, async (request) => standards.current(request.query.kind));

  app.get('/venue-standards/checklists/:id', {
    config: { gate },
    schema: { tags, summary: '某一版评估标准：各部分、评估项、分值、等级门槛和必备项', params: checklistIdParams, response: { 200: checklistView, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => standards.checklist(request.params.id));

  app.post('/venue-standards/checklists', {
    config: { gate },
    schema: {
      tags, summary: '发布新版评估标准（仅市级管理员；编码不重复、分值为正、等级门槛逐级提高；已开始的评估仍按原版本）',
      body: checklistBody, response: { 201: checklistView, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await standards.publishChecklist(request.ctx, staffActor(request), request.body)));

  app.get('/venue-standards/overview', {
    config: { gate },
    schema: {
      tags, summary: '标准化评估总览：辖区内为民服务中心和便民服务站的最新评估等级（或未评估），各镇街各等级数量；按镇街、等级、类型筛选',
      querystring: overviewQuery, response: { 200: overview, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => standards.overview(staffActor(request), request.query));

  app.get('/venue-standards/venues/:venueId', {
    config: { gate },
    schema: { tags, summary: '一个场所的评估情况：现行评估标准、未定稿的评估、历次评估（最新在前）', params: venueIdParams, response: { 200: venueStanding, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => standards.standing(staffActor(request), request.params.venueId));

  app.post('/venue-standards/venues/:venueId/assessments', {
    config: { gate },
    schema: {
      tags, summary: '新建一次评估（草稿，按该类场所现行的评估标准；每个场所同时只能有一次未定稿的评估）',
      params: venueIdParams, body: startBody, response: { 201: assessmentView, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await standards.start(request.ctx, staffActor(request), request.params.venueId, request.body)));

  app.get('/venue-standards/assessments/:id', {
    config: { gate },
    schema: { tags, summary: '一次评估：所用评估标准版本、各项得分和说明、照片、总分和等级', params: assessmentIdParams, response: { 200: assessmentView, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => standards.assessment(staffActor(request), request.params.id));

  app.put('/venue-standards/assessments/:id', {
    config: { gate },
    schema: {
      tags, summary: '保存评估草稿：评估日期、各项得分（整体替换）和总体意见（version 为读取时的版本）',
      params: assessmentIdParams, body: saveBody, response: { 200: assessmentView, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => standards.save(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/venue-standards/assessments/:id/finalise', {
    config: { gate },
    schema: {
      tags, summary: '定稿：全部评估项评分后，按所用评估标准计算总分、得分率和等级（含必备项）；定稿后不能修改',
      params: assessmentIdParams, body: versionBody, response: { 200: assessmentView, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => standards.finalise(request.ctx, staffActor(request), request.params.id, request.body));

  app.delete('/venue-standards/assessments/:id', {
    config: { gate },
    schema: { tags, summary: '删除未定稿的评估', params: assessmentIdParams, response: { 200: okResult, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => {
    await standards.discard(request.ctx, staffActor(request), request.params.id);
    return { ok: true as const };
  });

  app.post('/venue-standards/assessments/:id/photos', {
    config: { gate },
    schema: {
      tags, summary: '上传现场照片（multipart，字段 file；仅 JPG、PNG，按内容判断，≤ 20 MB；每次评估最多 30 张）',
      consumes: ['multipart/form-data'], params: assessmentIdParams, response: { 201: photoView, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const actor = staffActor(request);
    const upload = await readSingleFile(request, { maxBytes: MAX_PHOTO_BYTES, tooLarge: '照片不能超过 20 MB' });
    return reply.status(201).send(await standards.addPhoto(request.ctx, actor, request.params.id, upload));
  });

  app.delete('/venue-standards/assessments/:id/photos/:fileId', {
    config: { gate },
    schema: { tags, summary: '从未定稿的评估中删除一张照片', params: photoParams, response: { 200: okResult, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => {
    await standards.removePhoto(request.ctx, staffActor(request), request.params.id, request.params.fileId);
    return { ok: true as const };
  });

  app.get('/venue-standards/levels', {
    config: { gate: gates.public },
    schema: { tags, summary: '场所的标准化等级（公开）：最新定稿评估达到的基础型、标准型或标杆型及评估日期；未评估或未达基础型的不列出', querystring: levelsQuery, response: { 200: publicLevels, ...errorResponses(400) } },
  }, async (request) => standards.publicLevels(request.query.venue));
};
