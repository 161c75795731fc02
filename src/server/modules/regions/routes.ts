import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { gates } from '../../platform/gates.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/openapi.js';
import { regionCode, regionDetail, regionList, regionsQuery } from './schemas.js';
import type { Region } from './service.js';

const regionNotFound = (code: string) => new AppError(404, 'REGION_NOT_FOUND', `行政区划 ${code} 不存在`);

export const regionRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const view = (r: Region) => ({
    code: r.code, name: r.shortName, fullName: r.name, level: r.level, parentCode: r.parentCode, hasChildren: deps.regions.hasChildren(r.code),
  });

  // Every address picker asks this, and the tree rarely changes: the JSON is built once per
  // parent and tree version, then sent as is (a string skips the serializer).
  const childrenJson = new Map<string, { version: number; json: string }>();
  app.get('/regions', {
    config: { gate: gates.public },
    schema: { tags: ['regions'], summary: '下级行政区划（不传 parent 返回顶级）', querystring: regionsQuery, response: { 200: regionList, ...errorResponses(400, 404) } },
  }, async (request, reply) => {
    const parent = request.query.parent ?? null;
    const all = await deps.regions.childrenOf(parent);
    // A site of one county (SITE_REGION) shows its own county as the top; the portal's pickers start there.
    const site = deps.config.siteRegion;
    const children = parent === null && site ? all?.filter((r) => r.code === site) : all;
    if (!children) throw regionNotFound(parent!);
    const key = parent ?? '';
    let cached = childrenJson.get(key);
    if (!cached || cached.version !== deps.regions.version) {
      cached = { version: deps.regions.version, json: JSON.stringify(regionList.parse({ items: children.map(view) })) };
      childrenJson.set(key, cached);
    }
    // The typed reply expects the object; a pre-serialized string is sent unchanged by Fastify.
    return reply.type('application/json; charset=utf-8').send(cached.json as unknown as z.infer<typeof regionList>);
  });

  app.get('/regions/:code', {
    config: { gate: gates.public },
    schema: { tags: ['regions'], summary: '行政区划详情及上级', params: z.object({ code: regionCode }), response: { 200: regionDetail, ...errorResponses(400, 404) } },
  }, async (request) => {
    const region = await deps.regions.get(request.params.code);
    if (!region) throw regionNotFound(request.params.code);
    const ancestors = (await deps.regions.ancestors(region.code)).filter((a) => a.code !== region.code);
    return { ...view(region), lat: region.lat, lng: region.lng, ancestors: ancestors.map((a) => ({ code: a.code, name: a.shortName, level: a.level })) };
  });
};
