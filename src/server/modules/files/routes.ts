import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { notFound } from '../../platform/errors.js';
import { requireStaff } from '../../platform/request.js';
import { fileContent } from './service.js';

export const fileRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/files/:id', {
    schema: { tags: ['catalog'], summary: '下载文件（空白表格、示例样表等公开文件无需登录）', params: z.object({ id: z.string().uuid('文件编号格式不正确') }) },
  }, async (request, reply) => {
    const found = await fileContent(deps, request.params.id);
    if (!found) throw notFound('文件', 'FILE_NOT_FOUND');
    if (!found.isPublic) requireStaff(request);
    return reply
      .type(found.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(found.name)}`)
      .header('cache-control', found.isPublic ? 'public, max-age=86400' : 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(found.data);
  });
};
