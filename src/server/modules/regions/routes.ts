import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/openapi.js';
import { regionCode, regionDetail, regionList, regionsQuery } from './schemas.js';
import type { Region } from './service.js';

const regionNotFound = (code: string) => new AppError(404, 'REGION_NOT_FOUND', `行政区划 ${code} 不存在`);

export const regionRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const view = (r: Region) => ({
    code: r.code, name: r.shortName, fullName: r.name, level: r.level, parentCode: r.parentCode, hasChildren: deps.regions.hasChildren(r.code),
  });

  app.get('/regions', {
    schema: { tags: ['regions'], summary: '下级行政区划（不传 parent 返回顶级）', querystring: regionsQuery, response: { 200: regionList, ...errorResponses(400, 404) } },
  }, async (request) => {
    const parent = request.query.parent ?? null;
    const children = await deps.regions.childrenOf(parent);
    if (!children) throw regionNotFound(parent!);
    return { items: children.map(view) };
  });

  app.get('/regions/:code', {
    schema: { tags: ['regions'], summary: '行政区划详情及上级', params: z.object({ code: regionCode }), response: { 200: regionDetail, ...errorResponses(400, 404) } },
  }, async (request) => {
    const region = await deps.regions.get(request.params.code);
    if (!region) throw regionNotFound(request.params.code);
    const ancestors = (await deps.regions.ancestors(region.code)).filter((a) => a.code !== region.code);
    return { ...view(region), lat: region.lat, lng: region.lng, ancestors: ancestors.map((a) => ({ code: a.code, name: a.shortName, level: a.level })) };
  });
};
