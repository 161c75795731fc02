import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { gates } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { nearbyQuery, nearbyResult, pointsQuery, venueDetail, venueIdParams, venueList, venuePoints, venuesQuery } from './schemas.js';
import type { VenueDirectory } from './service.js';

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
    // Sent as text (VenueDirectory.nearbyJson): checking the typed answer again against the schema
    // cost twice the search itself (the bench's 20,000-venue nearby). The schema documents it, and
    // venues.api.test.ts parses answers with it.
    const json = await venues.nearbyJson(request.query);
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
