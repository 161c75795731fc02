import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import {
  addVisitsBody, addVisitsResult, adminRouteItem, adminRouteList, adminRoutesQuery, adminVisitList, adminVisitsQuery, adminVisitView, busRouteDetail, busVisitList,
  cancelVisitBody, createRouteBody, routeIdParams, updateRouteBody, visitIdParams, visitsQuery,
} from './schemas.js';
import type { ServiceBusService } from './service.js';

/** 政务服务大篷车: the public timetable, and the administrators' routes, plans and cancellations. */
export const serviceBusRoutes = (bus: ServiceBusService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['service-bus'];

  app.get('/service-bus/visits', {
    config: { gate: gates.public },
    schema: {
      tags, summary: '流动服务车（大篷车）停靠安排：某镇（街道）或村（社区）及其下辖的停靠（默认今天起 30 天，最多 92 天；已取消的也列出并说明原因）',
      querystring: visitsQuery, response: { 200: busVisitList, ...errorResponses(400) },
    },
  }, async (request) => bus.visits(request.query));

  app.get('/service-bus/routes/:id', {
    config: { gate: gates.public },
    schema: { tags, summary: '流动服务车线路：电话、车辆、可办事项，以及今后 60 天的停靠', params: routeIdParams, response: { 200: busRouteDetail, ...errorResponses(400, 404) } },
  }, async (request) => bus.route(request.params.id));

  app.get('/admin/service-bus/routes', {
    config: { gate: gates.staff('venue.manage') },
    schema: { tags, summary: '本辖区的流动服务车线路（含今后的停靠次数）', querystring: adminRoutesQuery, response: { 200: adminRouteList, ...errorResponses(400, 401, 403) } },
  }, async (request) => bus.adminRoutes(staffActor(request), request.query));

  app.post('/admin/service-bus/routes', {
    config: { gate: gates.staff('venue.manage') },
    schema: { tags, summary: '新建流动服务车线路（运营区域为本辖区的市或镇）', body: createRouteBody, response: { 201: adminRouteItem, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.status(201).send(await bus.createRoute(request.ctx, staffActor(request), request.body)));

  app.put('/admin/service-bus/routes/:id', {
    config: { gate: gates.staff('venue.manage') },
    schema: {
      tags, summary: '修改流动服务车线路或停运（按版本号；今后还有停靠的线路须先取消停靠才能停运）',
      params: routeIdParams, body: updateRouteBody, response: { 200: adminRouteItem, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => bus.updateRoute(request.ctx, staffActor(request), request.params.id, request.body));

  app.get('/admin/service-bus/visits', {
    config: { gate: gates.staff('venue.manage') },
    schema: { tags, summary: '本辖区线路的停靠安排（按线路、区划、日期、状态筛选；默认今天起 60 天）', querystring: adminVisitsQuery, response: { 200: adminVisitList, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => bus.adminVisits(staffActor(request), request.query));

  app.post('/admin/service-bus/routes/:id/visits', {
    config: { gate: gates.staff('venue.manage') },
    schema: {
      tags, summary: '安排停靠：某一天，或每周同一天重复若干周（可跳过节假日和周末）；同一线路同一天时间不能重叠',
      params: routeIdParams, body: addVisitsBody, response: { 201: addVisitsResult, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await bus.addVisits(request.ctx, staffActor(request), request.params.id, request.body)));

  app.post('/admin/service-bus/visits/:id/cancel', {
    config: { gate: gates.staff('venue.manage') },
    schema: { tags, summary: '取消停靠（须写明原因，群众页面显示“已取消”及原因）', params: visitIdParams, body: cancelVisitBody, response: { 200: adminVisitView, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => bus.cancelVisit(request.ctx, staffActor(request), request.params.id, request.body.reason));
};
