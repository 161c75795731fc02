import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import type { HelperEditor } from './editing.js';
import { helperIdParams, helperInput, helperRecord, helperRecordList, helperRecordsQuery, helperRoster, helperUpdate, rosterQuery } from './schemas.js';
import type { HelperDirectory } from './service.js';

/** The public 帮办代办 roster (docs/API-CONTRACT.md: GET /api/v1/helpers?region=CODE, who: anyone). */
export const helperRoutes = (directory: HelperDirectory): FastifyPluginAsyncZod => async (app) => {
  app.get('/helpers', {
    config: { gate: gates.public },
    schema: {
      tags: ['helpers'],
      summary: '帮办代办员名单：村（社区）为覆盖本村的帮办代办员及所在镇（街道）的总协调，镇（街道）为全镇在册的帮办代办员（含工作电话、服务区域、帮办事项、值守时间）',
      querystring: rosterQuery, response: { 200: helperRoster, ...errorResponses(400, 404) },
    },
  }, async (request) => directory.roster(request.query.region));
};

/** The workbench's 帮办代办员 roster: administrators (helper.manage) keep their towns' helpers. */
export const helperRecordRoutes = (editor: HelperEditor): FastifyPluginAsyncZod => async (app) => {
  const tags = ['helpers'];
  const gate = gates.staff('helper.manage');

  app.get('/helper-records', {
    config: { gate },
    schema: { tags, summary: '帮办代办员名单维护：本辖区的帮办代办员（可按镇街、服务村（社区）、类型、姓名或网格筛选）', querystring: helperRecordsQuery, response: { 200: helperRecordList, ...errorResponses(400, 401, 403) } },
  }, async (request) => editor.list(staffActor(request), request.query));

  app.post('/helper-records', {
    config: { gate },
    schema: { tags, summary: '新增帮办代办员（服务区域为本镇街道或其下的村、社区；可关联帮办代办员工作账号）', body: helperInput, response: { 201: helperRecord, ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => reply.code(201).send(await editor.create(request.ctx, staffActor(request), request.body)));

  app.get('/helper-records/:id', {
    config: { gate },
    schema: { tags, summary: '一位帮办代办员的全部可维护信息', params: helperIdParams, response: { 200: helperRecord, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => editor.get(staffActor(request), request.params.id));

  app.put('/helper-records/:id', {
    config: { gate },
    schema: { tags, summary: '修改帮办代办员（带上读取时的 version；他人已修改时返回 409）；active=false 为停用，true 为恢复', params: helperIdParams, body: helperUpdate, response: { 200: helperRecord, ...errorResponses(400, 401, 403, 404, 409) } },
  }, async (request) => editor.update(request.ctx, staffActor(request), request.params.id, request.body));
};
