import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { citizenActor, gates, staffActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { idempotencyHeaders } from '../cases/index.js';
import type { ThemeAdmin } from './admin.js';
import type { ThemeApplications } from './applications.js';
import {
  adminTheme, adminThemeList, themeApplication, themeApplicationBody, themeApplicationList, themeApplicationParams, themeDetail, themeDraftBody, themeIntakeBody, themeList, themeListQuery,
  themeParams, themePrefill, themePublishBody, themeQuery, themeWithdrawBody,
} from './schemas.js';
import type { ThemeCatalog } from './service.js';

/** 一件事: the published themes (docs/API-CONTRACT.md: GET /api/v1/themes, GET /api/v1/themes/{code}). */
export const themeRoutes = (themes: ThemeCatalog, applications: ThemeApplications, admin: ThemeAdmin): FastifyPluginAsyncZod => async (app) => {
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

  app.get('/themes/:code/prefill', {
    config: { gate: gates.citizen },
    schema: {
      tags, summary: '“一件事”申请的自动填充：共用信息和各事项自有字段中，按各字段的填充设置取自本人实名信息或近期申请的内容，并说明来源',
      params: themeParams, response: { 200: themePrefill, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => themes.prefill(citizenActor(request), request.params.code));

  app.post('/themes/:code/applications', {
    config: { gate: gates.citizen },
    schema: {
      tags, summary: '“一件事”一次申请：按情形问题的回答确定要办的事项，共用信息只填一次、材料只交一份，每个事项生成一个办件并送到各自的审批部门；全部生成或全部不生成。Idempotency-Key 使重试返回同一申请',
      params: themeParams, headers: idempotencyHeaders, body: themeApplicationBody,
      response: { 200: themeApplication, 201: themeApplication, ...errorResponses(400, 401, 403, 404, 409, 429) },
    },
  }, async (request, reply) => {
    const { created, result } = await applications.apply(request.ctx, citizenActor(request), request.params.code, request.body, request.headers['idempotency-key']);
    return reply.status(created ? 201 : 200).send(result);
  });

  app.post('/themes/:code/intake', {
    config: { gate: gates.staff('case.intake') },
    schema: {
      tags, summary: '一窗受理“一件事”：窗口为到场的申请人一次收件整件事——按回答确定要办的事项（到场办理的也一并收件），共用信息只录一次、材料只收一份（纸质、扫描件或电子证照），每个事项生成一个办件并送到各自的审批部门；全部生成或全部不生成。申请人有账号的，在其“我的一件事”中可见。Idempotency-Key 使重试返回同一申请',
      params: themeParams, headers: idempotencyHeaders, body: themeIntakeBody,
      response: { 200: themeApplication, 201: themeApplication, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const { created, result } = await applications.intake(request.ctx, staffActor(request), request.params.code, request.body, request.headers['idempotency-key']);
    return reply.status(created ? 201 : 200).send(result);
  });

  app.get('/me/theme-applications', {
    config: { gate: gates.citizen },
    schema: { tags, summary: '我的“一件事”：每次申请的整体进度（办理中、需补正、已全部办结）和已办结件数', response: { 200: themeApplicationList, ...errorResponses(401, 403) } },
  }, async (request) => applications.list(citizenActor(request)));

  app.get('/me/theme-applications/:id', {
    config: { gate: gates.citizen },
    schema: {
      tags, summary: '我的一次“一件事”申请：整体进度、整体办结期限（各办件都受理后为最晚的一个）和每个办件的进度；不是本人的为 404',
      params: themeApplicationParams, response: { 200: themeApplication, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => applications.mine(citizenActor(request), request.params.id));

  // ───────────── building themes (city administrators) ─────────────
  const adminTags = ['admin-themes'];
  const manage = { gate: gates.staff('catalog.manage') };

  app.get('/admin/themes', {
    config: manage,
    schema: { tags: adminTags, summary: '一件事主题列表：草稿、已发布、已停用，草稿是否有未发布的修改', response: { 200: adminThemeList, ...errorResponses(401, 403) } },
  }, async (request) => admin.list(staffActor(request)));

  app.get('/admin/themes/:code', {
    config: manage,
    schema: { tags: adminTags, summary: '一件事主题：正在编辑的草稿和已发布的各版本', params: themeParams, response: { 200: adminTheme, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => admin.get(staffActor(request), request.params.code));

  app.put('/admin/themes/:code/draft', {
    config: manage,
    schema: {
      tags: adminTags, summary: '保存一件事主题草稿（新编码即新建主题）：名称、分类、牵头部门、承诺时限、情形问题、所含事项及适用条件、共用字段及其对应的事项字段',
      params: themeParams, body: themeDraftBody, response: { 200: adminTheme, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => admin.saveDraft(request.ctx, staffActor(request), request.params.code, request.body));

  app.get('/admin/themes/:code/preview', {
    config: manage,
    schema: {
      tags: adminTags, summary: '预览草稿：按所选地点显示各事项、合并后的表单和去重后的材料，以及与事项当前设置不一致之处（problems）',
      params: themeParams, querystring: themeQuery, response: { 200: themeDetail, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => admin.preview(staffActor(request), request.params.code, request.query.region));

  app.post('/admin/themes/:code/publish', {
    config: manage,
    schema: {
      tags: adminTags, summary: '发布草稿为新版本（立即对外提供）；预览有问题时 409 THEME_HAS_PROBLEMS，与已发布版本相同时 409 THEME_UNCHANGED',
      params: themeParams, body: themePublishBody, response: { 200: adminTheme, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => admin.publish(request.ctx, staffActor(request), request.params.code, request.body.note));

  app.post('/admin/themes/:code/withdraw', {
    config: manage,
    schema: {
      tags: adminTags, summary: '停用已发布的主题：不再展示和受理，已提交的申请照常办理和查询',
      params: themeParams, body: themeWithdrawBody, response: { 200: adminTheme, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => admin.withdraw(request.ctx, staffActor(request), request.params.code, request.body.reason));
};
