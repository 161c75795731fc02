/**
 * A session's materials (培训资料): the slides, the sign-in sheet, photos of the session — uploaded
 * one at a time by those who manage the session, and read by them.
 *
 * - PDF, Word, Excel, PowerPoint (.pptx), OFD or a JPG/PNG/WebP picture, known by its bytes (never
 *   its name or the browser's claim), at most 20 MB; anything else is refused before anything is
 *   stored.
 * - The bytes go to the platform's file store; the file row (kind upload, never public,
 *   `meta.purpose = 'training-material'`, `meta.sessionId`) and the material row are written in one
 *   transaction with the audit entry.
 * - Who reads it (GET /files/{id}, the files module's FileAccess, wired in app.ts): the uploader
 *   (the files module lets an uploader read their file) and whoever manages the session (`mayRead`).
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { findFile, insertFileRow, safeFileName } from '../../platform/files.js';
import { iso } from '../../platform/ids.js';
import type { Actor } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import type { UploadedFile } from '../../platform/uploads.js';
import { detectFileType, detectImage } from '../files/index.js';
import { deleteMaterial, findMaterial, insertMaterial } from './repo.js';
import type { SessionView } from './schemas.js';
import type { TrainingService } from './service.js';

export const TRAINING_MATERIAL_PURPOSE = 'training-material';
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

const PPTX_MIME = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** What the file is, by its bytes: the document types the files module knows, pictures, and PowerPoint (a zip package named .pptx). */
export function materialType(data: Buffer, fileName: string): { ext: string; mime: string } | null {
  const known = detectFileType(data, fileName) ?? detectImage(data);
  if (known) return { ext: known.ext, mime: known.mime };
  const isZip = data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (isZip && fileName.toLowerCase().endsWith('.pptx') && data.subarray(0, Math.min(data.length, 4096)).toString('latin1').includes('[Content_Types].xml')) {
    return { ext: 'pptx', mime: PPTX_MIME };
  }
  return null;
}

export class TrainingMaterials {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'clock' | 'files'>, private readonly sessions: TrainingService) {}

  private get db() {
    return this.deps.dbh.db;
  }

  /** POST /training/sessions/:id/materials: one file (multipart `file`). */
  async upload(ctx: RequestContext, actor: StaffActor, sessionId: string, upload: UploadedFile): Promise<SessionView> {
    const s = await this.sessions.managed(actor, sessionId);
    const type = materialType(upload.data, upload.fileName);
    if (!type) throw badRequest('TRAINING_MATERIAL_TYPE', '培训资料只能是 PDF、Word、Excel、PowerPoint（pptx）、OFD 文件或 JPG、PNG、WebP 图片');
    const stored = await this.deps.files.put(upload.data);
    const name = safeFileName(upload.fileName, `培训资料.${type.ext}`);
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      const fileId = await insertFileRow(tx, this.deps.clock, {
        name, mime: type.mime, size: stored.size, sha256: stored.sha256, storageKey: stored.key, kind: 'upload',
        meta: { purpose: TRAINING_MATERIAL_PURPOSE, sessionId }, isPublic: false, createdBy: actor.id,
      });
      await insertMaterial(tx, { file_id: fileId, session_id: sessionId, name, mime: type.mime, size: stored.size, uploaded_at: now, uploaded_by: actor.id });
      await recordAudit(tx, ctx, {
        action: 'training.material_upload', entityType: 'training_session', entityId: sessionId, regionCode: s.region_code,
        summary: { topic: s.topic, fileId, name, mime: type.mime, size: stored.size },
      }, this.deps.clock);
    });
    return this.sessions.get(actor, sessionId);
  }

  /** DELETE /training/sessions/:id/materials/:fileId: taken off the session (the file row stays, as every stored file does). */
  async remove(ctx: RequestContext, actor: StaffActor, sessionId: string, fileId: string): Promise<SessionView> {
    const s = await this.sessions.managed(actor, sessionId);
    const m = await findMaterial(this.db, fileId);
    if (!m || m.session_id !== sessionId) throw notFound('培训资料', 'TRAINING_MATERIAL_NOT_FOUND');
    await this.db.transaction().execute(async (tx) => {
      await deleteMaterial(tx, fileId);
      await recordAudit(tx, ctx, {
        action: 'training.material_remove', entityType: 'training_session', entityId: sessionId, regionCode: s.region_code, summary: { topic: s.topic, fileId, name: m.name },
      }, this.deps.clock);
    });
    return this.sessions.get(actor, sessionId);
  }

  /** For the files module (FileAccess.mayRead): a session's material is read by those who manage the session. */
  async mayRead(actor: Actor, fileId: string): Promise<boolean> {
    if (actor.kind !== 'staff') return false;
    const file = await findFile(this.db, fileId);
    if (file?.kind !== 'upload') return false;
    const meta = JSON.parse(file.meta) as Record<string, unknown>;
    if (meta.purpose !== TRAINING_MATERIAL_PURPOSE || typeof meta.sessionId !== 'string') return false;
    const m = await findMaterial(this.db, fileId);
    return Boolean(m) && (await this.sessions.mayManage(actor, meta.sessionId));
  }
}
