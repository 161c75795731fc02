import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { gates } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { themeDetail, themeList, themeListQuery, themeParams, themeQuery } from './schemas.js';
import type { ThemeCatalog } from './service.js';

/** 一件事: the published themes (docs/API-CONTRACT.md: GET /api/v1/themes, GET /api/v1/themes/{code}). */
export const themeRoutes = (themes: ThemeCatalog): FastifyPluginAsyncZod => async (app) => {
  const tags = ['themes'];

  app.get('/themes', {
    config: { gate: gates.public },
    schema: {
      tags, summary: '已发布的“一件事”主题：可按个人（出生、教育、就业、婚育、置业、养老、身后）或企业（开办、经营、变更、注销）分类查看；itemCodes 为所含事项',
      querystring: themeListQuery, response: { 200: themeList, ...errorResponses(400) },
    },
  }, async (request) => themes.list(request.query));

  app.get('/themes/:code', {
    config: { gate: gates.public },
    schema: {
      tags, summary: '一个“一件事”主题：所含事项（region 给出时为该地的办理信息）、情形问题、合并后的表单（共用字段只填一次）和去重后的材料清单',
      params: themeParams, querystring: themeQuery, response: { 200: themeDetail, ...errorResponses(400, 404) },
    },
  }, async (request) => themes.get(request.params.code, request.query.region));
};
