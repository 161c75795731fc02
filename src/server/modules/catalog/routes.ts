import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { gates, staffActor } from '../../platform/gates.js';
import { AppError } from '../../platform/errors.js';
import { XLSX_MIME } from '../../platform/files.js';
import { errorResponses, pageQuery } from '../../platform/openapi.js';
import { publicLink } from '../../platform/public-url.js';
import { readSingleFile } from '../../platform/uploads.js';
import { catalogItemSchema } from '../../../shared/catalog-item.js';
import { exportCatalogWorkbook, exportImplementationWorkbook, MAX_WORKBOOK_BYTES, parseCatalogWorkbook, parseImplementationWorkbook, type SheetProblem } from './excel.js';
import {
  catalogIdParams, catalogImportResult, catalogList, catalogVersionView, createVersionBody, guideQuery, guideView, implImportResult, implListDetail, implLists,
  itemCodeParams, itemOverrideSchema, lintReport, listProfileSchema, listsQuery, noticeDetail, noticeList, noticeParams, publishBody, publishResult,
  regionItemParams, regionParams, searchQuery, searchResult, synonymBody, synonymList, synonymParams, synonymView, versionDiff, versionIdParams,
  versionItemDetail, versionItemParams, versionItems, versionItemsQuery,
} from './schemas.js';

import type { CatalogModule } from './module.js';
import { loadQrCode } from '../../platform/heavy-libs.js';

/**
 * Sends text that is already JSON (a cached answer); Fastify passes strings through unserialized,
 * so the route's response schema documents the answer but does not check it (contract.test.ts does).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sendJson = (reply: FastifyReply, json: string): any => reply.type('application/json; charset=utf-8').send(json);

export const catalogRoutes = (deps: Deps, mod: CatalogModule): FastifyPluginAsyncZod => async (app) => {
  const { publicCatalog, catalogs, lists, synonyms } = mod;
  const publicTags = ['catalog'];
  const adminTags = ['catalog-admin'];
  const errs = errorResponses(400, 401, 403, 404, 409);

  // ── public ──
  app.get('/items', {
    config: { gate: gates.public },
    schema: { tags: publicTags, summary: '搜索已发布的事项目录（中文、全拼、首字母、俗称）', querystring: searchQuery, response: { 200: searchResult, ...errorResponses(400, 404) } },
  }, async (request, reply) => sendJson(reply, await publicCatalog.searchJson(request.query)));

  app.get('/items/:code', {
    config: { gate: gates.public },
    schema: { tags: publicTags, summary: '事项办事指南（带 region 时含该镇村的办理地点、时间、电话）', params: itemCodeParams, querystring: guideQuery, response: { 200: guideView, ...errorResponses(400, 404) } },
  }, async (request, reply) => sendJson(reply, await publicCatalog.guideJson(request.params.code, request.query.region)));

  app.get('/items/:code/qr.svg', {
    config: { gate: gates.public },
    // An `origin` parameter (sent by older pages) is dropped by the non-strict query schema: the
    // address is PUBLIC_URL's, whoever asks, so the publicly cached image is the same for all.
    schema: { tags: publicTags, summary: '办事指南页面二维码（SVG，指向 PUBLIC_URL 下的指南页面）', params: itemCodeParams, querystring: guideQuery },
  }, async (request, reply) => {
    const guide = await publicCatalog.guide(request.params.code, request.query.region);
    const svg = await (await loadQrCode()).toString(publicLink(deps.config.publicUrl, guide.path), { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(svg);
  });

  app.get('/catalog-notices', {
    config: { gate: gates.public },
    schema: { tags: publicTags, summary: '目录调整公示', querystring: z.object(pageQuery), response: { 200: noticeList, ...errorResponses(400) } },
  }, async (request) => publicCatalog.notices(request.query.page, request.query.pageSize));

  app.get('/catalog-notices/:id', {
    config: { gate: gates.public },
    schema: { tags: publicTags, summary: '公示详情（含调整明细）', params: noticeParams, response: { 200: noticeDetail, ...errorResponses(400, 404) } },
  }, async (request) => publicCatalog.notice(request.params.id));

  // ── guidance catalogs (city admin) ──
  app.get('/admin/catalogs', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '指导目录及其版本', response: { 200: catalogList, ...errs } } },
    async (request) => catalogs.listCatalogs(staffActor(request)));

  app.post('/admin/catalogs/:catalogId/versions', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '新建目录版本（复制当前发布版）', params: catalogIdParams, body: createVersionBody, response: { 201: catalogVersionView, ...errs } },
  }, async (request, reply) => reply.status(201).send(await catalogs.createDraft(request.ctx, staffActor(request), request.params.catalogId, request.body.note)));

  app.get('/admin/catalog-versions/:versionId/items', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '版本内的事项（含质量检查计数）', params: versionIdParams, querystring: versionItemsQuery, response: { 200: versionItems, ...errs } },
  }, async (request) => catalogs.versionItems(staffActor(request), request.params.versionId, request.query));

  app.get('/admin/catalog-versions/:versionId/items/:code', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '事项详情及质量检查结果', params: versionItemParams, response: { 200: versionItemDetail, ...errs } },
  }, async (request) => catalogs.versionItem(staffActor(request), request.params.versionId, request.params.code));

  app.post('/admin/catalog-versions/:versionId/items', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '草稿中新增事项', params: versionIdParams, body: catalogItemSchema, response: { 201: versionItemDetail, ...errs } },
  }, async (request, reply) => reply.status(201).send(await catalogs.saveItem(request.ctx, staffActor(request), request.params.versionId, request.body)));

  app.put('/admin/catalog-versions/:versionId/items/:code', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '修改草稿中的事项', params: versionItemParams, body: catalogItemSchema, response: { 200: versionItemDetail, ...errs } },
  }, async (request) => catalogs.saveItem(request.ctx, staffActor(request), request.params.versionId, request.body, request.params.code));

  app.delete('/admin/catalog-versions/:versionId/items/:code', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '从草稿中删除事项', params: versionItemParams, response: { 200: z.object({ ok: z.literal(true) }), ...errs } },
  }, async (request) => {
    await catalogs.deleteItem(request.ctx, staffActor(request), request.params.versionId, request.params.code);
    return { ok: true as const };
  });

  app.post('/admin/catalog-versions/:versionId/submit', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '提交审核', params: versionIdParams, response: { 200: catalogVersionView, ...errs } } },
    async (request) => catalogs.submit(request.ctx, staffActor(request), request.params.versionId));

  app.post('/admin/catalog-versions/:versionId/return', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '退回草稿', params: versionIdParams, response: { 200: catalogVersionView, ...errs } } },
    async (request) => catalogs.returnToDraft(request.ctx, staffActor(request), request.params.versionId));

  app.post('/admin/catalog-versions/:versionId/publish', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '发布（生成调整公示）', params: versionIdParams, body: publishBody, response: { 200: publishResult, ...errs } },
  }, async (request) => catalogs.publish(request.ctx, staffActor(request), request.params.versionId, request.body));

  app.get('/admin/catalog-versions/:versionId/diff', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '与现行发布版的差异', params: versionIdParams, response: { 200: versionDiff, ...errs } } },
    async (request) => catalogs.diff(staffActor(request), request.params.versionId));

  app.get('/admin/catalog-versions/:versionId/lint', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '目录质量检查报告', params: versionIdParams, response: { 200: lintReport, ...errs } } },
    async (request) => catalogs.lint(staffActor(request), request.params.versionId));

  // ── Excel exchange ──
  const readWorkbook = (request: FastifyRequest) =>
    readSingleFile(request, { maxBytes: MAX_WORKBOOK_BYTES, tooLarge: '工作簿不能超过 10 MB', notMultipart: '请以 multipart/form-data 上传 Excel 文件（字段 file）' });
  const workbookInvalid = (problems: SheetProblem[]) =>
    new AppError(400, 'WORKBOOK_INVALID', `工作簿有 ${problems.length} 处错误，未导入任何数据`, problems);
  const sendWorkbook = (reply: FastifyReply, fileName: string, data: Buffer) =>
    reply.type(XLSX_MIME).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).header('cache-control', 'no-store').send(data);

  app.get('/admin/catalog-versions/:versionId/export', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '导出目录版本为 Excel（GB/T 39046 字段名为表头）', params: versionIdParams },
  }, async (request, reply) => {
    const { catalog, version, items } = await catalogs.exportItems(staffActor(request), request.params.versionId);
    const data = await exportCatalogWorkbook(items, { title: catalog.name, level: catalog.level, version: String(version.version_no), demonstration: catalog.demonstration === 1 });
    return sendWorkbook(reply, `${catalog.name}-第${version.version_no}版.xlsx`, data);
  });

  app.post('/admin/catalog-versions/:versionId/import', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '从 Excel 导入并替换草稿中的全部事项（有任何错误则不导入）', params: versionIdParams, consumes: ['multipart/form-data'], response: { 200: catalogImportResult, ...errs } },
  }, async (request) => {
    const actor = staffActor(request);
    const { fileName, data } = await readWorkbook(request);
    const parsed = await parseCatalogWorkbook(data);
    if (!parsed.ok) throw workbookInvalid(parsed.problems);
    const { catalog } = await catalogs.exportItems(actor, request.params.versionId);
    if (parsed.meta.level && parsed.meta.level !== catalog.level) {
      throw workbookInvalid([{ sheet: '说明', row: 0, column: '目录层级', message: `工作簿是${parsed.meta.level === 'town' ? '镇级' : '村级'}目录，不能导入${catalog.level === 'town' ? '镇级' : '村级'}目录` }]);
    }
    const version = await catalogs.replaceItems(request.ctx, actor, request.params.versionId, parsed.items, fileName);
    return { version, imported: parsed.items.length };
  });

  app.get('/admin/impl-lists/export', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '导出实施清单（本辖区或某镇及其村居）为 Excel', querystring: z.object({ parent: listsQuery.shape.parent }) },
  }, async (request, reply) => {
    const rows = await lists.exportRows(staffActor(request), request.query.parent);
    const region = request.query.parent ? await deps.regions.get(request.query.parent) : undefined;
    const title = `${region?.shortName ?? '邹城市'}实施清单`;
    return sendWorkbook(reply, `${title}.xlsx`, await exportImplementationWorkbook(rows, { title }));
  });

  app.post('/admin/impl-lists/import', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '从 Excel 导入实施清单的本地信息到草稿（有任何错误则不导入）', consumes: ['multipart/form-data'], response: { 200: implImportResult, ...errs } },
  }, async (request) => {
    const actor = staffActor(request);
    const { data } = await readWorkbook(request);
    const parsed = await parseImplementationWorkbook(data);
    if (!parsed.ok) throw workbookInvalid(parsed.problems);
    return lists.importRows(request.ctx, actor, parsed.rows);
  });

  // ── implementation lists (town admins for their town and villages) ──
  app.get('/admin/impl-lists', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '本辖区实施清单及缺失字段', querystring: listsQuery, response: { 200: implLists, ...errs } } },
    async (request) => lists.list(staffActor(request), request.query));

  app.get('/admin/impl-lists/:region', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '某镇村实施清单（草稿）', params: regionParams, response: { 200: implListDetail, ...errs } } },
    async (request) => lists.get(staffActor(request), request.params.region));

  app.put('/admin/impl-lists/:region/profile', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '修改清单的本地信息（地址、时间、电话、窗口、联系人、办理模式）', params: regionParams, body: listProfileSchema, response: { 200: implListDetail, ...errs } },
  }, async (request) => lists.updateProfile(request.ctx, staffActor(request), request.params.region, request.body));

  app.put('/admin/impl-lists/:region/items/:code', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: adminTags, summary: '单个事项的本地设置（是否实施、办理模式等；null 清除）', params: regionItemParams, body: itemOverrideSchema.nullable(), response: { 200: implListDetail, ...errs } },
  }, async (request) => lists.updateOverride(request.ctx, staffActor(request), request.params.region, request.params.code, request.body));

  app.post('/admin/impl-lists/:region/publish', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '发布实施清单', params: regionParams, response: { 200: implListDetail, ...errs } } },
    async (request) => lists.publish(request.ctx, staffActor(request), request.params.region));

  // ── colloquial synonyms (editable data) ──
  app.get('/admin/search-synonyms', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '搜索同义词（群众常用说法）', response: { 200: synonymList, ...errs } } },
    async (request) => synonyms.list(staffActor(request)));

  app.post('/admin/search-synonyms', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '新增同义词', body: synonymBody, response: { 201: synonymView, ...errs } } },
    async (request, reply) => reply.status(201).send(await synonyms.create(request.ctx, staffActor(request), request.body)));

  app.delete('/admin/search-synonyms/:id', { config: { gate: gates.staff('catalog.manage') }, schema: { tags: adminTags, summary: '删除同义词', params: synonymParams, response: { 200: z.object({ ok: z.literal(true) }), ...errs } } }, async (request) => {
    await synonyms.remove(request.ctx, staffActor(request), request.params.id);
    return { ok: true as const };
  });
};
