/**
 * A venue's photos (工作台「服务网点」› 照片): administrators who may edit the venue upload, order,
 * describe and remove them; the public venue page and its place's page show them.
 *
 * - A photo is a JPG, PNG or WebP (by its bytes: files module `detectImage`, which also reads its
 *   size in pixels) of at most 8 MB, with a description (alt) of 2 to 60 characters — what a screen
 *   reader says instead of the picture. At most 8 per venue, kept in `venues.photos` in the order shown.
 * - The bytes go to the platform's file store like any upload; the file row (kind upload, never
 *   public, `meta.purpose = 'venue-photo'`, `meta.venueId`) is written in the transaction that adds
 *   the photo to the venue, so a refused upload leaves no file row.
 * - Every change carries the venue's version and bumps it (409 VENUE_CHANGED when someone changed the
 *   venue since it was read, nothing written), is audited in its transaction, and drops the map's
 *   snapshot so the venue page shows it at once.
 * - Who reads the picture (GET /files/{id}, the files module's FileAccess, wired in app.ts): anyone
 *   while it is on an open venue (`onPublicPage`); staff who may edit the venue while it is on it,
 *   the venue open or closed (`mayRead`). A removed photo is on no venue: 404.
 */
import type { DbOrTx } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { badRequest, conflict, notFound, validationFailed } from '../../platform/errors.js';
import { findFile, insertFileRow, safeFileName } from '../../platform/files.js';
import { iso, newId } from '../../platform/ids.js';
import { can, type Actor } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import type { UploadedFile } from '../../platform/uploads.js';
import { VENUE_PHOTOS } from '../../../shared/venues.js';
import { detectImage } from '../files/index.js';
import { editableVenue } from './access.js';
import { updateVenue, venueRecord, type VenueRecordRow } from './repo.js';
import { photoUploadFields, type VenuePhotoList, type VenuePhotoView } from './schemas.js';

/** The purpose a photo's file row records (platform/files.ts `meta`): who may read it is decided here. */
const PHOTO_PURPOSE = 'venue-photo';

/** A photo as `venues.photos` keeps it (JSON, in the order shown). */
export interface StoredVenuePhoto {
  fileId: string;
  alt: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  /** when it was uploaded */
  at: string;
}

/** The photos of a `venues.photos` value, in order. */
export function storedPhotos(json: string): StoredVenuePhoto[] {
  const list = JSON.parse(json) as unknown;
  return Array.isArray(list) ? list.filter((p): p is StoredVenuePhoto => typeof (p as StoredVenuePhoto | null)?.fileId === 'string') : [];
}

/** Where a photo is read: the files module's download, which `<img>` can use. */
export const photoUrl = (fileId: string) => `/api/v1/files/${fileId}`;

export function photoView(p: StoredVenuePhoto): VenuePhotoView {
  return { fileId: p.fileId, url: photoUrl(p.fileId), alt: p.alt, width: p.width, height: p.height, mime: p.mime, size: p.size, uploadedAt: p.at };
}

const changed = () => conflict('VENUE_CHANGED', '这个办事地点刚被他人修改，请刷新后再改');

export class VenuePhotos {
  constructor(
    private readonly deps: Pick<Deps, 'dbh' | 'clock' | 'files'>,
    /** after a change: the map and the venue page answer from the new row at once in this process */
    private readonly onChanged: () => void,
  ) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** The venue at the version the client read, or 409 (checked again by the write itself). */
  private async atVersion(actor: StaffActor, venueId: string, version: number): Promise<VenueRecordRow> {
    const row = await editableVenue(this.db, actor, venueId);
    if (row.version !== version) throw changed();
    return row;
  }

  /** The new list written from the version read (409 and nothing written when someone was quicker), with the rest of the change. */
  private async write(row: VenueRecordRow, photos: StoredVenuePhoto[], alongside: (tx: DbOrTx) => Promise<void>): Promise<VenuePhotoList> {
    const updatedAt = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const done = await updateVenue(tx, row.id, row.version, { photos: JSON.stringify(photos), updated_at: updatedAt });
      if (Number(done.numUpdatedRows) !== 1) throw changed();
      await alongside(tx);
    });
    this.onChanged();
    return { version: row.version + 1, updatedAt, photos: photos.map(photoView) };
  }

  /**
   * POST /venue-records/{id}/photos: one image (multipart `file`) with its description (`alt`) and
   * the version read (`version`), added after the venue's other photos.
   */
  async add(ctx: RequestContext, actor: StaffActor, venueId: string, upload: UploadedFile & { fields: Record<string, string> }): Promise<VenuePhotoList> {
    const row = await editableVenue(this.db, actor, venueId);
    const fields = photoUploadFields.safeParse(upload.fields);
    if (!fields.success) throw validationFailed(fields.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })), fields.error.issues[0]!.message);
    const { alt, version } = fields.data;
    if (row.version !== version) throw changed();
    const photos = storedPhotos(row.photos);
    if (photos.length >= VENUE_PHOTOS.max) throw conflict('TOO_MANY_PHOTOS', `每个办事地点最多 ${VENUE_PHOTOS.max} 张照片，请先删除不再需要的照片`);
    const image = detectImage(upload.data);
    if (!image) throw badRequest('FILE_TYPE_NOT_ALLOWED', '照片只能是 JPG、PNG 或 WebP 图片（按文件内容判断，而非文件名）');
    if (image.width > VENUE_PHOTOS.maxSide || image.height > VENUE_PHOTOS.maxSide) {
      throw badRequest('IMAGE_TOO_LARGE', `照片的宽和高都不能超过 ${VENUE_PHOTOS.maxSide} 像素（这张是 ${image.width} × ${image.height}），请缩小后再上传`);
    }
    const stored = await this.deps.files.put(upload.data);
    const photo: StoredVenuePhoto = {
      fileId: newId(), alt, mime: image.mime, width: image.width, height: image.height, size: upload.data.length, at: iso(this.deps.clock.now()),
    };
    return this.write(row, [...photos, photo], async (tx) => {
      await insertFileRow(tx, this.deps.clock, {
        id: photo.fileId, name: safeFileName(`${alt}.${image.ext}`, `photo.${image.ext}`), mime: photo.mime, size: photo.size, sha256: stored.sha256, storageKey: stored.key,
        kind: 'upload', meta: { purpose: PHOTO_PURPOSE, venueId }, isPublic: false, createdBy: actor.id,
      });
      await recordAudit(tx, ctx, {
        action: 'venue.photo_add', entityType: 'venue', entityId: venueId, regionCode: row.region_code,
        summary: { fileId: photo.fileId, alt, mime: photo.mime, size: photo.size, width: photo.width, height: photo.height, count: photos.length + 1 },
      }, this.deps.clock);
    });
  }

  /**
   * PUT /venue-records/{id}/photos: the venue's photos in a new order and with their descriptions —
   * exactly the photos it has (400 otherwise: one missing, one more, one twice). No change: the
   * version stays and nothing is audited.
   */
  async arrange(ctx: RequestContext, actor: StaffActor, venueId: string, input: { version: number; photos: { fileId: string; alt: string }[] }): Promise<VenuePhotoList> {
    const row = await this.atVersion(actor, venueId, input.version);
    const current = storedPhotos(row.photos);
    const byId = new Map(current.map((p) => [p.fileId, p]));
    const ids = input.photos.map((p) => p.fileId);
    if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((id) => byId.has(id))) {
      throw validationFailed([{ field: 'photos', message: `应列出这个办事地点现有的全部 ${current.length} 张照片，每张一次：照片刚有变动的，请刷新后再调整` }], '照片列表与现有的照片不一致，请刷新后再调整');
    }
    const next = input.photos.map((p) => ({ ...byId.get(p.fileId)!, alt: p.alt }));
    const reordered = ids.some((id, i) => current[i]!.fileId !== id);
    const described = next.filter((p) => p.alt !== byId.get(p.fileId)!.alt).map((p) => ({ fileId: p.fileId, from: byId.get(p.fileId)!.alt, to: p.alt }));
    if (!reordered && described.length === 0) return { version: row.version, updatedAt: row.updated_at, photos: current.map(photoView) };
    return this.write(row, next, async (tx) => {
      await recordAudit(tx, ctx, {
        action: 'venue.photo_arrange', entityType: 'venue', entityId: venueId, regionCode: row.region_code,
        summary: { ...(reordered ? { order: ids } : {}), ...(described.length ? { alts: described } : {}) },
      }, this.deps.clock);
    });
  }

  /** DELETE /venue-records/{id}/photos/{fileId}?version=: a photo taken off the venue (no one but its uploader can read it any more). */
  async remove(ctx: RequestContext, actor: StaffActor, venueId: string, fileId: string, version: number): Promise<VenuePhotoList> {
    const row = await this.atVersion(actor, venueId, version);
    const current = storedPhotos(row.photos);
    const photo = current.find((p) => p.fileId === fileId);
    if (!photo) throw notFound('照片', 'PHOTO_NOT_FOUND');
    return this.write(row, current.filter((p) => p !== photo), async (tx) => {
      await recordAudit(tx, ctx, {
        action: 'venue.photo_remove', entityType: 'venue', entityId: venueId, regionCode: row.region_code,
        summary: { fileId, alt: photo.alt, count: current.length - 1 },
      }, this.deps.clock);
    });
  }

  /** The venue a file is a photo of, by the file's own record of what it is for. */
  private static venueOf(meta: Record<string, unknown>): string | null {
    return meta.purpose === PHOTO_PURPOSE && typeof meta.venueId === 'string' ? meta.venueId : null;
  }

  /**
   * For the files module (FileAccess.onPublicPage, wired in app.ts): a venue's photo is on its public
   * page while the venue is open and shows it — anyone may read it then; not after (false). Null for
   * files that are no venue's photo, answered from `meta` (the file row's) without a query.
   */
  async onPublicPage(fileId: string, meta: Record<string, unknown>): Promise<boolean | null> {
    const venueId = VenuePhotos.venueOf(meta);
    if (!venueId) return null;
    const venue = await this.db.selectFrom('venues').select(['active', 'photos']).where('id', '=', venueId).executeTakeFirst();
    return venue?.active === 1 && storedPhotos(venue.photos).some((p) => p.fileId === fileId);
  }

  /** For the files module (FileAccess.mayRead): staff who may edit the venue read its photos, open or closed. */
  async mayRead(actor: Actor, fileId: string): Promise<boolean> {
    if (actor.kind !== 'staff') return false;
    const file = await findFile(this.db, fileId);
    const venueId = file?.kind === 'upload' ? VenuePhotos.venueOf(JSON.parse(file.meta) as Record<string, unknown>) : null;
    if (!venueId) return false;
    const row = await venueRecord(this.db, venueId);
    return !!row && storedPhotos(row.photos).some((p) => p.fileId === fileId) && can(actor, 'venue.manage', { code: row.region_code, path: row.region_path });
  }
}
