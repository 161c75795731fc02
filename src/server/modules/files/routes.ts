import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/permissions.js';
import { requireSignedIn, requireStaff } from '../../platform/request.js';
import { AppError } from '../../platform/errors.js';
import { fileContent, MAX_UPLOAD_BYTES, storeCatalogFile } from './service.js';

/** Who else may read a private file (e.g. staff who may see the case it is a material of). */
export interface FileAccess {
  mayRead(actor: Exclude<Actor, { kind: 'anonymous' }>, fileId: string): Promise<boolean>;
}

export const fileRoutes = (deps: Deps, access: FileAccess): FastifyPluginAsyncZod => async (app) => {
  app.get('/files/:id', {
    schema: { tags: ['catalog'], summary: '下载文件（空白表格、示例样表等公开文件无需登录）', params: z.object({ id: z.string().uuid('文件编号格式不正确') }) },
  }, async (request, reply) => {
    const found = await fileContent(deps, request.params.id);
    if (!found) throw notFound('文件', 'FILE_NOT_FOUND');
    if (!found.isPublic) {
      // Private files (application materials): the uploader, or whoever may see a case using it.
      const actor = requireSignedIn(request);
      if (found.createdBy !== actor.id && !(await access.mayRead(actor, request.params.id))) throw notFound('文件', 'FILE_NOT_FOUND');
    }
    return reply
      .type(found.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(found.name)}`)
      .header('cache-control', found.isPublic ? 'public, max-age=86400' : 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(found.data);
  });

  app.post('/admin/files', {
    schema: { tags: ['catalog-admin'], summary: '上传空白表格、示例样表等附件（multipart，字段 file，≤ 20 MB）', consumes: ['multipart/form-data'] },
  }, async (request, reply) => {
    const actor = requireStaff(request, 'catalog.manage');
    if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
    const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    if (!part) throw new AppError(400, 'FILE_MISSING', '没有收到文件');
    const data = await part.toBuffer();
    if (part.file.truncated) throw new AppError(413, 'FILE_TOO_LARGE', '文件不能超过 20 MB');
    return reply.status(201).send(await storeCatalogFile(deps, request.ctx, actor, { fileName: part.filename, data }));
  });
};
