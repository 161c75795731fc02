import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { gates, staffActor, terminalToken } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { limitPerIp } from '../../platform/rate-limits.js';
import { readFileAndFields } from '../../platform/uploads.js';
import { VENUE_PHOTOS } from '../../../shared/venues.js';
import {
  heartbeatBody, heartbeatResult, issuedToken, maintenanceBody, nearbyQuery, nearbyResult, photoArrangeBody, photoParams, photoRemoveQuery, pointsQuery,
  terminalBoard, terminalBoardItem, terminalBoardQuery, terminalEventList, terminalEventsQuery, terminalIdParams, venueDetail, venueIdParams, venueInput, venueList,
  venuePhotoList, venuePoints, venueRecord, venueRecordList, venueRecordsQuery, venuesQuery, venueUpdate,
} from './schemas.js';
import type { VenueEditor } from './editing.js';
import type { VenuePhotos } from './photos.js';
import type { VenueDirectory } from './service.js';
import { HEARTBEATS_PER_IP_PER_MINUTE, type TerminalService } from './terminals.js';

/** The public service map (docs/API-CONTRACT.md: paths, parameters and named fields are fixed). */
export const venueRoutes = (venues: VenueDirectory): FastifyPluginAsyncZod => async (app) => {
  const tags = ['venues'];
  app.get('/venues', {
    config: { gate: gates.public },
    schema: { tags, summary: '办事地点（政务服务中心、便民服务站、合作网点、自助服务区）：按类型、区划、事项、正在营业、无障碍筛选', querystring: venuesQuery, response: { 200: venueList, ...errorResponses(400) } },
  }, async (request) => venues.list(request.query));

  app.get('/venues/nearby', {
    config: { gate: gates.public },
    schema: { tags, summary: '离某一位置最近的办事地点（由近到远，含距离；可按事项筛选：哪里能办）', querystring: nearbyQuery, response: { 200: nearbyResult, ...errorResponses(400) } },
  }, async (request, reply) => {
    // Sent as UTF-8 JSON bytes (VenueDirectory.nearbyBody): checking the typed answer again against
    // the schema cost twice the search itself (the bench's 20,000-venue nearby), and text would be
    // measured and encoded again on the way out. The schema documents it, and venues.api.test.ts
    // parses answers with it.
    const json = await venues.nearbyBody(request.query);
    return reply.type('application/json; charset=utf-8').send(json as unknown as z.infer<typeof nearbyResult>);
  });

  app.get('/venues/points', {
    config: { gate: gates.public },
    schema: { tags, summary: '地图标注点：全部符合条件的办事地点（精简字段，最多 5000 个）', querystring: pointsQuery, response: { 200: venuePoints, ...errorResponses(400) } },
  }, async (request, reply) => {
    const json = JSON.stringify(await venues.points(request.query));
    return reply.type('application/json; charset=utf-8').send(json as unknown as z.infer<typeof venuePoints>);
  });

  app.get('/venues/:id', {
    config: { gate: gates.public },
    schema: { tags, summary: '办事地点详情：地址、营业时间（含节假日和调休）、电话、可办事项、自助终端、帮办代办员、无障碍设施、路线', params: venueIdParams, response: { 200: venueDetail, ...errorResponses(400, 404) } },
  }, async (request) => venues.detail(request.params.id));
};

/**
 * Self-service terminals: the kiosk's heartbeat (docs/API-CONTRACT.md: POST /terminals/{id}/heartbeat,
 * who: terminal) and the administrators' status board, tokens and maintenance log.
 */
export const terminalRoutes = (terminals: TerminalService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['terminals'];

  app.post('/terminals/:id/heartbeat', {
    // The terminal gate, not public: the route table and the authorisation matrix then say that a
    // kiosk calls it, and a request without a bearer token is refused before its body is read. The
    // token itself is checked by the service, which knows the terminals. Limited per address here
    // (forged tokens included) and per terminal in the service (after its token is checked, so a
    // forger cannot use up a real kiosk's allowance).
    config: { gate: gates.terminal, rateLimit: limitPerIp(HEARTBEATS_PER_IP_PER_MINUTE) },
    bodyLimit: 4096,
    schema: {
      tags, summary: '自助终端心跳：上报运行状态（终端令牌认证，Authorization: Bearer <令牌>；建议每分钟一次，10 分钟未上报显示离线）',
      security: [{ terminal: [] }], params: terminalIdParams, body: heartbeatBody,
      response: { 200: heartbeatResult, ...errorResponses(400, 401, 429) },
    },
  }, async (request) => terminals.heartbeat(request.params.id, terminalToken(request), request.body));

  app.get('/terminals', {
    config: { gate: gates.staff('venue.manage') },
    schema: { tags, summary: '自助终端状态看板（本辖区）：在线、离线、维护中，终端上报的故障', querystring: terminalBoardQuery, response: { 200: terminalBoard, ...errorResponses(400, 401, 403) } },
  }, async (request) => terminals.board(staffActor(request), request.query));

  app.post('/terminals/:id/token', {
    config: { gate: gates.staff('venue.manage') },
    schema: { tags, summary: '重新生成终端令牌（只显示这一次，旧令牌立即失效）', params: terminalIdParams, response: { 200: issuedToken, ...errorResponses(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const issued = await terminals.issueToken(request.ctx, staffActor(request), request.params.id);
    return reply.header('cache-control', 'no-store').send(issued);
  });

  app.post('/terminals/:id/maintenance', {
    config: { gate: gates.staff('venue.manage') },
    schema: { tags, summary: '停用维护或恢复服务（停用须填写原因）', params: terminalIdParams, body: maintenanceBody, response: { 200: terminalBoardItem, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => terminals.setMaintenance(request.ctx, staffActor(request), request.params.id, request.body));

  app.get('/terminals/:id/events', {
    config: { gate: gates.staff('venue.manage') },
    schema: { tags, summary: '终端维护记录（最新在前）：状态变化、停用与恢复、令牌生成', params: terminalIdParams, querystring: terminalEventsQuery, response: { 200: terminalEventList, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => terminals.events(staffActor(request), request.params.id, request.query.page, request.query.pageSize));
};

/** The workbench's 服务网点: administrators (venue.manage) add, correct and close venues in their places, and keep their photos. */
export const venueRecordRoutes = (editor: VenueEditor, photos: VenuePhotos): FastifyPluginAsyncZod => async (app) => {
  const tags = ['venues'];
  const gate = gates.staff('venue.manage');

  app.get('/venue-records', {
    config: { gate },
    schema: { tags, summary: '服务网点维护：本辖区的办事地点（可按区划、类型、名称或地址筛选）', querystring: venueRecordsQuery, response: { 200: venueRecordList, ...errorResponses(400, 401, 403) } },
  }, async (request) => editor.list(staffActor(request), request.query));

  app.post('/venue-records', {
    config: { gate },
    schema: { tags, summary: '新增办事地点（政务服务中心、便民服务站的地址、时间、电话同时是本地实施清单的办理地点、办理时间、咨询电话）', body: venueInput, response: { 201: venueRecord, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.code(201).send(await editor.create(request.ctx, staffActor(request), request.body)));

  app.get('/venue-records/:id', {
    config: { gate },
    schema: { tags, summary: '一个办事地点的全部可维护信息', params: venueIdParams, response: { 200: venueRecord, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => editor.get(staffActor(request), request.params.id));

  app.put('/venue-records/:id', {
    config: { gate },
    schema: { tags, summary: '修改办事地点（带上读取时的 version；他人已修改时返回 409）；active=false 为撤销', params: venueIdParams, body: venueUpdate, response: { 200: venueRecord, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => editor.update(request.ctx, staffActor(request), request.params.id, request.body));

  const photoLimit = `${VENUE_PHOTOS.maxBytes / 1024 / 1024} MB`;
  app.post('/venue-records/:id/photos', {
    config: { gate },
    schema: {
      tags,
      summary: `上传一张网点照片（multipart：file 为 JPG、PNG 或 WebP 图片，按内容判断，≤ ${photoLimit}；alt 为照片说明 ${VENUE_PHOTOS.altMin}–${VENUE_PHOTOS.altMax} 字，给看不见图片的人读；version 为读取时的版本）。每个网点最多 ${VENUE_PHOTOS.max} 张，网点在服务地图上显示时照片公开`,
      consumes: ['multipart/form-data'], params: venueIdParams, response: { 201: venuePhotoList, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (request, reply) => {
    const actor = staffActor(request);
    const upload = await readFileAndFields(request, { maxBytes: VENUE_PHOTOS.maxBytes, tooLarge: `照片不能超过 ${photoLimit}，请缩小后再上传` });
    return reply.code(201).send(await photos.add(request.ctx, actor, request.params.id, upload));
  });

  app.put('/venue-records/:id/photos', {
    config: { gate },
    schema: {
      tags, summary: '调整网点照片的顺序和说明：按新顺序列出现有的全部照片（每张一次）及其说明，带上读取时的 version',
      params: venueIdParams, body: photoArrangeBody, response: { 200: venuePhotoList, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => photos.arrange(request.ctx, staffActor(request), request.params.id, request.body));

  app.delete('/venue-records/:id/photos/:fileId', {
    config: { gate },
    schema: {
      tags, summary: '删除一张网点照片（?version= 读取时的版本）：删除后不再公开',
      params: photoParams, querystring: photoRemoveQuery, response: { 200: venuePhotoList, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => photos.remove(request.ctx, staffActor(request), request.params.id, request.params.fileId, request.query.version));
};
