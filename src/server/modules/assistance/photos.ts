/**
 * The helper's photos (issue 14 §3): pictures taken on a visit, uploaded one by one — from a
 * phone that may have lost signal, so each upload may carry the device's id for it (`clientRef`:
 * the same id again gives the same photo, nothing stored twice) — and named by the record they
 * belong to when it is sent (service.ts `change`). A signed 委托书's photo is stored the same way by
 * consent.ts (records.ts recordPhoto).
 *
 * - A photo is a JPG, PNG or WebP (by its bytes) of at most 8 MB; anything else is refused before
 *   anything is stored.
 * - The bytes go to the platform's file store; the file row (kind upload, never public,
 *   `meta.purpose = 'help-photo'`, `meta.requestId`) and the photo row are written in one
 *   transaction with the audit entry.
 * - Who reads it (GET /files/{id}, the files module's FileAccess, wired in app.ts): the helper who
 *   took it (the files module lets an uploader read their file), and the helper and coordinators of
 *   its request (`mayRead`). Not the public, not the citizen: a photo of a home is personal data.
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, validationFailed } from '../../platform/errors.js';
import { findFile } from '../../platform/files.js';
import { newId } from '../../platform/ids.js';
import type { Actor } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import type { UploadedFile } from '../../platform/uploads.js';
import { HELP_PHOTO_PURPOSE, helpPhotoUrl, recordPhoto, requireImage } from './records.js';
import { findPhoto, photoByClientRef } from './repo.js';
import { photoUploadFields } from './schemas.js';
import type { AssistanceService } from './service.js';

const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: string }).code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
};

export class HelpPhotos {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'clock' | 'files'>, private readonly requests: AssistanceService) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /**
   * POST /help-requests/{id}/photos: one photo (multipart `file`, optional `clientRef`) by the
   * request's helper while it is theirs and open; named by a record later. The same `clientRef`
   * again answers with the photo it stored.
   */
  async upload(ctx: RequestContext, actor: StaffActor, requestId: string, upload: UploadedFile & { fields: Record<string, string> }): Promise<{ created: boolean; photo: { id: string; url: string } }> {
    const { row, roles } = await this.requests.visible(actor, requestId);
    if (!roles.has('helper')) throw forbidden('只有被分派的帮办代办员可以为这条求助上传照片');
    const fields = photoUploadFields.safeParse(upload.fields);
    if (!fields.success) throw validationFailed(fields.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })), fields.error.issues[0]!.message);
    const clientRef = fields.data.clientRef ?? null;
    const again = clientRef ? await photoByClientRef(this.db, requestId, clientRef) : undefined;
    if (again) return { created: false, photo: { id: again.id, url: helpPhotoUrl(again.id) } };
    if (!['accepted', 'contacted'].includes(row.status)) throw conflict('HELP_REQUEST_WRONG_STATUS', row.status === 'assigned' ? '请先接单，再上传照片' : '这条求助已结束，不能再上传照片');
    const image = requireImage(upload.data, '照片');
    const stored = await this.deps.files.put(upload.data);
    const id = newId();
    try {
      await this.db.transaction().execute(async (tx) => {
        await recordPhoto(tx, this.deps, { id, row, purpose: 'visit', image, size: upload.data.length, stored, by: actor.id, clientRef, eventSeq: null });
        await recordAudit(tx, ctx, {
          action: 'help_request.photo_upload', entityType: 'help_request', entityId: row.id, regionCode: row.village_code,
          onBehalfOf: `求助人 ${row.subject_name_masked}`, summary: { requestNo: row.request_no, fileId: id, mime: image.mime, size: upload.data.length },
        }, this.deps.clock);
      });
    } catch (err) {
      // the same upload sent twice at once: the other one stored it
      const other = clientRef && isUniqueViolation(err) ? await photoByClientRef(this.db, requestId, clientRef) : undefined;
      if (other) return { created: false, photo: { id: other.id, url: helpPhotoUrl(other.id) } };
      throw err;
    }
    return { created: true, photo: { id, url: helpPhotoUrl(id) } };
  }

  /** The request a file is a photo of, by the file's own record of what it is for. */
  private static requestOf(meta: Record<string, unknown>): string | null {
    return meta.purpose === HELP_PHOTO_PURPOSE && typeof meta.requestId === 'string' ? meta.requestId : null;
  }

  /** For the files module (FileAccess.mayRead): the request's helper and coordinators read its photos. */
  async mayRead(actor: Actor, fileId: string): Promise<boolean> {
    if (actor.kind !== 'staff') return false;
    const file = await findFile(this.db, fileId);
    const requestId = file?.kind === 'upload' ? HelpPhotos.requestOf(JSON.parse(file.meta) as Record<string, unknown>) : null;
    if (!requestId || !(await findPhoto(this.db, fileId))) return false;
    try {
      const { roles } = await this.requests.visible(actor, requestId);
      return roles.has('helper') || roles.has('coordinator');
    } catch (err) {
      if (err instanceof AppError) return false;
      throw err;
    }
  }
}
