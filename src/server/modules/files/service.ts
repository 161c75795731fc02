import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { findFile, insertFileRow } from '../../platform/files.js';
import { canSomewhere } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import { detectFileType } from './content-type.js';
import { buildBlankForm, type BlankFormSpec } from '../catalog/blank-form.js';

const generated = new Map<string, Buffer>();

/** A file's bytes: from the store, or generated (blank forms) on first request and kept in memory. */
export async function fileContent(deps: Deps, id: string): Promise<{ name: string; mime: string; isPublic: boolean; createdBy: string | null; data: Buffer } | null> {
  const row = await findFile(deps.dbh.db, id);
  if (!row) return null;
  let data: Buffer;
  if (row.kind === 'blank-form') {
    data = generated.get(id) ?? (await buildBlankForm(JSON.parse(row.meta) as BlankFormSpec));
    if (generated.size < 2000) generated.set(id, data);
  } else {
    if (!row.storage_key || !deps.files) return null;
    data = await deps.files.get(row.storage_key);
  }
  return { name: row.name, mime: row.mime, isPublic: row.public === 1, createdBy: row.created_by, data };
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Stores an uploaded catalog attachment (blank form, sample, result sample); public once referenced by a guide. */
export async function storeCatalogFile(deps: Deps, ctx: RequestContext, actor: StaffActor, upload: { fileName: string; data: Buffer }) {
  const type = detectFileType(upload.data, upload.fileName);
  if (!type) throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', '只能上传 PDF、OFD、Word、Excel、JPG 或 PNG 文件（按文件内容判断，而非文件名）');
  const root = (await deps.regions.childrenOf(null))?.[0];
  if (!root || !canSomewhere(actor, 'catalog.manage')) throw forbidden();
  const stored = await deps.files.put(upload.data);
  // Path separators, characters Windows forbids and control characters become "_".
  const name = Array.from(upload.fileName, (ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 120) || `file.${type.ext}`;
  const id = await deps.dbh.db.transaction().execute(async (tx) => {
    const fileId = await insertFileRow(tx, deps.clock, { name, mime: type.mime, size: upload.data.length, sha256: stored.sha256, storageKey: stored.key, kind: 'upload', isPublic: true, createdBy: actor.id });
    await recordAudit(tx, ctx, { action: 'file.upload', entityType: 'file', entityId: fileId, regionCode: root.code, summary: { name, size: upload.data.length, mime: type.mime } }, deps.clock);
    return fileId;
  });
  return { id, name, mime: type.mime, size: upload.data.length, url: `/api/v1/files/${id}` };
}
