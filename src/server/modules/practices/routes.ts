import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { readFileAndFields } from '../../platform/uploads.js';
import { PRACTICE_LIMITS as L } from '../../../shared/practices.js';
import type { PracticePhotos } from './photos.js';
import {
  createPracticeBody, photoArrangeBody, photoParams, photoRemoveQuery, practiceIdParams, practicePhotoList, practiceRecord, practiceRecordList, practiceRecordListQuery,
  publicPractice, publicPracticeList, publicPracticeQuery, reasonBody, trainingBody, updatePracticeBody, versionBody,
} from './schemas.js';
import type { PracticeService } from './service.js';

/**
 * The portal's answers are the same for everyone: a shared cache may keep them a minute, and a
 * browser that has the same answer (its ETag) gets 304 without the body. A minute is how long a
 * withdrawn practice may still show in a cache; its photos stop being served at once (files module).
 */
const PUBLIC_CACHE = 'public, max-age=60';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function sendPublic(request: FastifyRequest, reply: FastifyReply, body: unknown): any {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', PUBLIC_CACHE).header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

/**
 * 典型案例: the portal's published practices (public), and the workbench's practice records — the
 * places' administrators write and submit them (practice.submit), the city reviews, publishes,
 * withdraws and recommends them for training (practice.review). The service checks the exact place.
 */
export const practiceRoutes = (practices: PracticeService, photos: PracticePhotos): FastifyPluginAsyncZod => async (app) => {
  const tags = ['practices'];

  app.get('/practices', {
    config: { gate: gates.public },
    schema: {
      tags, summary: '已发布的典型案例：最新发布的在前，可按镇（街道）和标签筛选，分页；附有已发布案例的镇（街道）列表',
      querystring: publicPracticeQuery, response: { 200: publicPracticeList, ...errorResponses(400) },
    },
  }, async (request, reply) => sendPublic(request, reply, await practices.publicList(request.query)));

  app.get('/practices/:id', {
    config: { gate: gates.public },
    schema: { tags, summary: '一个已发布的典型案例：全文、照片（含说明）、涉及的事项', params: practiceIdParams, response: { 200: publicPractice, ...errorResponses(400, 404) } },
  }, async (request, reply) => sendPublic(request, reply, await practices.publicGet(request.params.id)));

  const submit = gates.staff('practice.submit');
  const review = gates.staff('practice.review');

  app.get('/practice-records', {
    config: { gate: submit },
    schema: {
      tags, summary: '本辖区的典型案例（草稿、已报送、已退回、已发布、已撤下），可按状态、地区、标题筛选；status=submitted 为市级待审核（等待最久的在前）',
      querystring: practiceRecordListQuery, response: { 200: practiceRecordList, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => practices.list(staffActor(request), request.query));

  app.post('/practice-records', {
    config: { gate: submit },
    schema: {
      tags, summary: `新建典型案例草稿：标题、所在镇（街道）或村（社区）、摘要（≤ ${L.summaryMax} 字）、正文（纯文本，按行分段）、涉及的事项（已发布目录中的事项编码）、标签`,
      body: createPracticeBody, response: { 201: practiceRecord, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await practices.create(request.ctx, staffActor(request), request.body)));

  app.get('/practice-records/:id', {
    config: { gate: submit },
    schema: { tags, summary: '一个典型案例：全文、照片、办理经过（含市级退回理由）和当前可做的操作', params: practiceIdParams, response: { 200: practiceRecord, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => practices.get(staffActor(request), request.params.id));

  app.put('/practice-records/:id', {
    config: { gate: submit },
    schema: {
      tags, summary: '修改典型案例（草稿、已退回、已撤下时；带上读取时的 version，他人已修改时返回 409）',
      params: practiceIdParams, body: updatePracticeBody, response: { 200: practiceRecord, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => practices.update(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/practice-records/:id/submit', {
    config: { gate: submit },
    schema: { tags, summary: '报送市级审核（草稿，或退回、撤下后修改完再次报送）', params: practiceIdParams, body: versionBody, response: { 200: practiceRecord, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => practices.submit(request.ctx, staffActor(request), request.params.id, request.body.version));

  app.post('/practice-records/:id/return', {
    config: { gate: review },
    schema: { tags, summary: '退回（市级）：写明理由，报送单位修改后可再次报送', params: practiceIdParams, body: reasonBody, response: { 200: practiceRecord, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => practices.returnToPlace(request.ctx, staffActor(request), request.params.id, request.body));

  app.post('/practice-records/:id/publish', {
    config: { gate: review },
    schema: { tags, summary: '发布（市级）：在门户「典型案例」中公开，照片随之公开', params: practiceIdParams, body: versionBody, response: { 200: practiceRecord, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => practices.publish(request.ctx, staffActor(request), request.params.id, request.body.version));

  app.post('/practice-records/:id/withdraw', {
    config: { gate: review },
    schema: { tags, summary: '撤下已发布的案例（市级）：写明理由，门户不再显示，培训推荐随之取消', params: practiceIdParams, body: reasonBody, response: { 200: practiceRecord, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => practices.withdraw(request.ctx, staffActor(request), request.params.id, request.body));

  app.put('/practice-records/:id/training', {
    config: { gate: review },
    schema: { tags, summary: '推荐用于培训，或取消推荐（市级；仅已发布的案例）', params: practiceIdParams, body: trainingBody, response: { 200: practiceRecord, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => practices.setTraining(request.ctx, staffActor(request), request.params.id, request.body));

  const photoLimit = `${L.photoBytes / 1024 / 1024} MB`;
  app.post('/practice-records/:id/photos', {
    config: { gate: submit },
    schema: {
      tags,
      summary: `上传一张案例照片（multipart：file 为 JPG、PNG 或 WebP 图片，按内容判断，≤ ${photoLimit}；alt 为照片说明 ${L.altMin}–${L.altMax} 字；version 为读取时的版本）。每个案例最多 ${L.photos} 张，案例发布后照片公开`,
      consumes: ['multipart/form-data'], params: practiceIdParams, response: { 201: practicePhotoList, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const actor = staffActor(request);
    const upload = await readFileAndFields(request, { maxBytes: L.photoBytes, tooLarge: `照片不能超过 ${photoLimit}，请缩小后再上传` });
    return reply.code(201).send(await photos.add(request.ctx, actor, request.params.id, upload));
  });

  app.put('/practice-records/:id/photos', {
    config: { gate: submit },
    schema: {
      tags, summary: '调整照片顺序和说明（列出现有的全部照片，每张一次；带上读取时的 version）',
      params: practiceIdParams, body: photoArrangeBody, response: { 200: practicePhotoList, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => photos.arrange(request.ctx, staffActor(request), request.params.id, request.body));

  app.delete('/practice-records/:id/photos/:fileId', {
    config: { gate: submit },
    schema: { tags, summary: '删除一张照片（?version= 读取时的版本）', params: photoParams, querystring: photoRemoveQuery, response: { 200: practicePhotoList, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => photos.remove(request.ctx, staffActor(request), request.params.id, request.params.fileId, request.query.version));
};
