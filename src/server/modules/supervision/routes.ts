import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { XLSX_MIME } from '../../platform/files.js';
import { gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { overviewWorkbook } from './excel.js';
import { overview, overviewQuery } from './schemas.js';
import type { SupervisionService } from './service.js';

/** The supervision dashboards: the figures of a place and period, and the same as an Excel workbook. */
export const supervisionRoutes = (supervision: SupervisionService, siteName: string): FastifyPluginAsyncZod => async (app) => {
  const tags = ['supervision'];
  const gate = gates.staff('supervision.view');

  app.get('/stats/overview', {
    config: { gate },
    schema: {
      tags,
      summary: '监督看板：某地（市或镇街）某时段的办件量、网办率、一次办好率、按时办结率、超期件、平均办理工作日、满意度、差评整改、帮办代办、自助终端；按地区（含排名）、事项、渠道、日期或月份',
      querystring: overviewQuery, response: { 200: overview, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => supervision.overview(staffActor(request), request.query));

  app.get('/stats/overview.xlsx', {
    config: { gate },
    schema: { tags, summary: '监督看板导出 Excel（概览、各地对比、热门事项、渠道、评价、差评整改、趋势）', querystring: overviewQuery, response: { 200: z.any(), ...errorResponses(400, 401, 403) } },
  }, async (request, reply) => {
    const o = await supervision.overview(staffActor(request), request.query);
    const data = await overviewWorkbook(o, siteName);
    const fileName = `监督统计-${o.region.name}-${o.from}至${o.to}.xlsx`;
    return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).header('cache-control', 'no-store').send(data);
  });
};
