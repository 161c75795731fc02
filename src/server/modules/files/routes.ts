import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { gates, staffActor, signedInActor } from '../../platform/gates.js';
import { notFound } from '../../platform/errors.js';
import { canSomewhere, type Actor } from '../../platform/permissions.js';
import { readSingleFile } from '../../platform/uploads.js';
import { errorResponses } from '../../platform/openapi.js';
import { storedFileView } from './schemas.js';
import { fileContent, findStoredFile, MAX_UPLOAD_BYTES, storeCatalogFile } from './service.js';

/**
 * Types a browser may show in place (`?inline=1`: the case page's 预览 of a material): a PDF in a
 * frame of the workbench, an image. Anything else (OFD, spreadsheets) is always a download.
 */
export const PREVIEW_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'];

/**
 * The headers of a file shown in place, replacing the site's (security-headers.ts) for this answer
 * only: it may be framed by the site's own pages and nobody else's (frame-ancestors 'self',
 * X-Frame-Options SAMEORIGIN), loads nothing and runs no script of its own (default-src 'none';
 * object-src 'self' lets the browser's PDF viewer show this same document), is read by this site
 * only (Cross-Origin-Resource-Policy same-origin) and is never stored.
 */
export const INLINE_FILE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-resource-policy': 'same-origin',
};

/** Answers from the modules that use files; the files module never reads their tables. */
export interface FileAccess {
  /** Who else may read a private file (e.g. staff who may see the case it is a material of). */
  mayRead(actor: Exclude<Actor, { kind: 'anonymous' }>, fileId: string): Promise<boolean>;
  /** Does a published guide link to this catalog attachment (which makes it public)? */
  publishedInGuide(fileId: string): Promise<boolean>;
  /**
   * For a private file that public pages show (a venue's photo): true while one shows it — anyone may
   * read it, without signing in; false when none does any more (removed, the venue closed) — for
   * someone not signed in it is simply not found. Null for every other file. `meta` is the file
   * row's own record of what it is for.
   */
  onPublicPage(fileId: string, meta: Record<string, unknown>): Promise<boolean | null>;
}

/**
 * How long a browser or proxy may keep a file shown on a public page: a few minutes, so one taken
 * off the page (a removed venue photo, a closed venue) stops being served soon after.
 */
const SHOWN_PUBLICLY_CACHE = 'public, max-age=300';

export const fileRoutes = (deps: Deps, access: FileAccess): FastifyPluginAsyncZod => async (app) => {
  app.get('/files/:id', {
    // Public files need no sign-in; a private one asks for it below (signedInActor → 401).
    config: { gate: gates.public },
    schema: {
      tags: ['catalog'], summary: '下载文件（空白表格、示例样表等公开文件无需登录）；inline=1：PDF 和图片在页面内预览（仅本站页面可嵌入）',
      params: z.object({ id: z.string().uuid('文件编号格式不正确') }),
      querystring: z.object({ inline: z.enum(['1']).optional() }),
    },
  }, async (request, reply) => {
    const found = await findStoredFile(deps, request.params.id);
    if (!found) throw notFound('文件', 'FILE_NOT_FOUND');
    let isPublic = found.audience === 'public';
    let shownPublicly = false;
    if (found.audience === 'catalog') {
      // An attachment of a draft guide is for those who edit the catalog until the guide is published.
      isPublic = await access.publishedInGuide(found.id);
      if (!isPublic && !canSomewhere(request.ctx.actor, 'catalog.manage')) throw notFound('文件', 'FILE_NOT_FOUND');
    } else if (found.audience === 'private') {
      // Private files: anyone while a public page shows it (a venue's photo); else the uploader, or
      // whoever may see a case using it (application materials) or the record holding it.
      const onPublicPage = await access.onPublicPage(found.id, JSON.parse(found.row.meta) as Record<string, unknown>);
      shownPublicly = onPublicPage === true;
      if (onPublicPage === false && request.ctx.actor.kind === 'anonymous') throw notFound('文件', 'FILE_NOT_FOUND');
      const actor = shownPublicly ? null : signedInActor(request);
      if (actor && found.createdBy !== actor.id && !(await access.mayRead(actor, request.params.id))) throw notFound('文件', 'FILE_NOT_FOUND');
    }
    const data = await fileContent(deps, found);
    // A stored file is streamed as it is decrypted; its length is known from the upload.
    if (!Buffer.isBuffer(data)) reply.header('content-length', found.size);
    // 预览: shown in place (a frame of the site's own page, an image) only for the types a browser shows safely.
    const inline = request.query.inline === '1' && PREVIEW_TYPES.includes(found.mime);
    if (inline) reply.headers(INLINE_FILE_HEADERS);
    return reply
      .type(found.mime)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(found.name)}`)
      .header('cache-control', isPublic ? 'public, max-age=86400' : shownPublicly ? SHOWN_PUBLICLY_CACHE : 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(data);
  });

  app.post('/admin/files', {
    config: { gate: gates.staff('catalog.manage') },
    schema: { tags: ['catalog-admin'], summary: '上传空白表格、示例样表等附件（multipart，字段 file，≤ 20 MB）', consumes: ['multipart/form-data'], response: { 201: storedFileView, ...errorResponses(400, 401, 403, 413) } },
  }, async (request, reply) => {
    const actor = staffActor(request);
    const upload = await readSingleFile(request, { maxBytes: MAX_UPLOAD_BYTES, tooLarge: '文件不能超过 20 MB' });
    return reply.status(201).send(await storeCatalogFile(deps, request.ctx, actor, upload));
  });
};
