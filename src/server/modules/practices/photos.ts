/**
 * A practice's photos (工作台「典型案例」› 照片): the place's administrators upload, order, describe and
 * remove them while the practice is theirs to change (草稿, 已退回, 已撤下); the portal shows them once
 * it is published. As venues/photos.ts does it:
 *
 * - A photo is a JPG, PNG or WebP (by its bytes: files module `detectImage`) of at most 8 MB, with a
 *   description (alt) of 2 to 60 characters — what a screen reader says instead of the picture. At
 *   most 6 per practice, kept in `practices.photos` in the order shown.
 * - The bytes go to the platform's file store; the file row (kind upload, never public,
 *   `meta.purpose = 'practice-photo'`, `meta.practiceId`) is written in the transaction that adds
 *   the photo to the practice, so a refused upload leaves no file row.
 * - Every change carries the practice's version and bumps it (409 PRACTICE_CHANGED when stale), is
 *   audited in its transaction and noted in the practice's history.
 * - Who reads the picture (GET /files/{id}, the files module's FileAccess, wired in app.ts): anyone
 *   while it is on a published practice (`onPublicPage`); staff who may see the practice while it is
 *   on it, whatever its status (`mayRead`). A removed photo is on no practice: 404.
 */
import type { DbOrTx } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { findFile, insertFileRow, safeFileName } from '../../platform/files.js';
import { iso, newId } from '../../platform/ids.js';
import { can, type Actor } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import type { UploadedFile } from '../../platform/uploads.js';
import { PRACTICE_EDITABLE, PRACTICE_LIMITS as L, type PracticeStatus } from '../../../shared/practices.js';
import { detectImage } from '../files/index.js';
import { findPractice, insertEvent, updatePractice, type PracticeRow } from './repo.js';
import { photoUploadFields, type PracticePhotoList } from './schemas.js';
import { PracticeService } from './service.js';
import { photoView, placePath, statusLabel, storedPhotos, type StoredPracticePhoto } from './views.js';

/** The purpose a photo's file row records (platform/files.ts `meta`): who may read it is decided here. */
const PHOTO_PURPOSE = 'practice-photo';

const changed = () => conflict('PRACTICE_CHANGED', '这个案例刚被他人修改或处理过，请刷新后再试');

export class PracticePhotos {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'clock' | 'files'>) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** The practice, if the person may change its photos now (404 unseen, 403 not theirs, 409 not in an editable status or stale). */
  private async editable(actor: StaffActor, id: string, version?: number): Promise<PracticeRow> {
    const row = await findPractice(this.db, id);
    if (!row || !PracticeService.sees(actor, row)) throw notFound('典型案例', 'PRACTICE_NOT_FOUND');
    if (!can(actor, 'practice.submit', placePath(row))) throw forbidden('照片由报送单位维护');
    if (!PRACTICE_EDITABLE.includes(row.status as PracticeStatus)) throw conflict('PRACTICE_WRONG_STATUS', `案例当前为「${statusLabel(row.status)}」，不能修改照片`);
    if (version !== undefined && row.version !== version) throw changed();
    return row;
  }

  /** The new list written from the version read (409 and nothing written when someone was quicker), with the rest of the change. */
  private async write(ctx: RequestContext, actor: StaffActor, row: PracticeRow, photos: StoredPracticePhoto[], action: string, summary: Record<string, unknown>, alongside?: (tx: DbOrTx) => Promise<void>): Promise<PracticePhotoList> {
    const updatedAt = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const done = await updatePractice(tx, row.id, row.version, { photos: JSON.stringify(photos), updated_at: updatedAt });
      if (Number(done.numUpdatedRows) !== 1) throw changed();
      await alongside?.(tx);
      await insertEvent(tx, { id: newId(), practice_id: row.id, action: 'photos', note: '', actor_id: actor.id, actor_name: actor.name, at: updatedAt });
      await recordAudit(tx, ctx, { action, entityType: 'practice', entityId: row.id, regionCode: row.region_code, summary: { ...summary, count: photos.length } }, this.deps.clock);
    });
    return { version: row.version + 1, updatedAt, photos: photos.map(photoView) };
  }

  /** POST /practice-records/{id}/photos: one image (multipart `file`) with its description (`alt`) and the version read, after the others. */
  async add(ctx: RequestContext, actor: StaffActor, id: string, upload: UploadedFile & { fields: Record<string, string> }): Promise<PracticePhotoList> {
    const row = await this.editable(actor, id);
    const fields = photoUploadFields.safeParse(upload.fields);
    if (!fields.success) throw validationFailed(fields.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })), fields.error.issues[0]!.message);
    const { alt, version } = fields.data;
    if (row.version !== version) throw changed();
    const photos = storedPhotos(row.photos);
    if (photos.length >= L.photos) throw conflict('TOO_MANY_PHOTOS', `每个案例最多 ${L.photos} 张照片，请先删除不再需要的照片`);
    const image = detectImage(upload.data);
    if (!image) throw badRequest('FILE_TYPE_NOT_ALLOWED', '照片只能是 JPG、PNG 或 WebP 图片（按文件内容判断，而非文件名）');
    if (image.width > L.photoMaxSide || image.height > L.photoMaxSide) {
      throw badRequest('IMAGE_TOO_LARGE', `照片的宽和高都不能超过 ${L.photoMaxSide} 像素（这张是 ${image.width} × ${image.height}），请缩小后再上传`);
    }
    const stored = await this.deps.files.put(upload.data);
    const photo: StoredPracticePhoto = { fileId: newId(), alt, mime: image.mime, width: image.width, height: image.height, size: upload.data.length, at: iso(this.deps.clock.now()) };
    return this.write(ctx, actor, row, [...photos, photo], 'practice.photo_add', { fileId: photo.fileId, alt, mime: photo.mime, size: photo.size }, async (tx) => {
      await insertFileRow(tx, this.deps.clock, {
        id: photo.fileId, name: safeFileName(`${alt}.${image.ext}`, `photo.${image.ext}`), mime: photo.mime, size: photo.size, sha256: stored.sha256, storageKey: stored.key,
        kind: 'upload', meta: { purpose: PHOTO_PURPOSE, practiceId: id }, isPublic: false, createdBy: actor.id,
      });
    });
  }

  /**
   * PUT /practice-records/{id}/photos: the photos in a new order and with their descriptions — exactly
   * the photos it has (400 otherwise). No change: the version stays and nothing is audited.
   */
  async arrange(ctx: RequestContext, actor: StaffActor, id: string, input: { version: number; photos: { fileId: string; alt: string }[] }): Promise<PracticePhotoList> {
    const row = await this.editable(actor, id, input.version);
    const current = storedPhotos(row.photos);
    const byId = new Map(current.map((p) => [p.fileId, p]));
    const ids = input.photos.map((p) => p.fileId);
    if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((fid) => byId.has(fid))) {
      throw validationFailed([{ field: 'photos', message: `应列出这个案例现有的全部 ${current.length} 张照片，每张一次：照片刚有变动的，请刷新后再调整` }], '照片列表与现有的照片不一致，请刷新后再调整');
    }
    const next = input.photos.map((p) => ({ ...byId.get(p.fileId)!, alt: p.alt }));
    const reordered = ids.some((fid, i) => current[i]!.fileId !== fid);
    const described = next.filter((p) => p.alt !== byId.get(p.fileId)!.alt).map((p) => ({ fileId: p.fileId, from: byId.get(p.fileId)!.alt, to: p.alt }));
    if (!reordered && described.length === 0) return { version: row.version, updatedAt: row.updated_at, photos: current.map(photoView) };
    return this.write(ctx, actor, row, next, 'practice.photo_arrange', { ...(reordered ? { order: ids } : {}), ...(described.length ? { alts: described } : {}) });
  }

  /** DELETE /practice-records/{id}/photos/{fileId}?version=: a photo taken off the practice (nobody reads it any more). */
  async remove(ctx: RequestContext, actor: StaffActor, id: string, fileId: string, version: number): Promise<PracticePhotoList> {
    const row = await this.editable(actor, id, version);
    const current = storedPhotos(row.photos);
    const photo = current.find((p) => p.fileId === fileId);
    if (!photo) throw notFound('照片', 'PHOTO_NOT_FOUND');
    return this.write(ctx, actor, row, current.filter((p) => p !== photo), 'practice.photo_remove', { fileId, alt: photo.alt });
  }

  /** The practice a file is a photo of, by the file's own record of what it is for. */
  private static practiceOf(meta: Record<string, unknown>): string | null {
    return meta.purpose === PHOTO_PURPOSE && typeof meta.practiceId === 'string' ? meta.practiceId : null;
  }

  /**
   * For the files module (FileAccess.onPublicPage, wired in app.ts): a practice's photo is on the
   * portal while the practice is published and shows it — anyone may read it then. Null for files
   * that are no practice's photo, answered from `meta` without a query.
   */
  async onPublicPage(fileId: string, meta: Record<string, unknown>): Promise<boolean | null> {
    const practiceId = PracticePhotos.practiceOf(meta);
    if (!practiceId) return null;
    const row = await this.db.selectFrom('practices').select(['status', 'photos']).where('id', '=', practiceId).executeTakeFirst();
    return row?.status === 'published' && storedPhotos(row.photos).some((p) => p.fileId === fileId);
  }

  /** For the files module (FileAccess.mayRead): staff who may see the practice read its photos, whatever its status. */
  async mayRead(actor: Actor, fileId: string): Promise<boolean> {
    if (actor.kind !== 'staff') return false;
    const file = await findFile(this.db, fileId);
    const practiceId = file?.kind === 'upload' ? PracticePhotos.practiceOf(JSON.parse(file.meta) as Record<string, unknown>) : null;
    if (!practiceId) return false;
    const row = await findPractice(this.db, practiceId);
    return !!row && storedPhotos(row.photos).some((p) => p.fileId === fileId) && PracticeService.sees(actor, row);
  }
}
