import type { Readable } from 'node:stream';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { findFile, insertFileRow, safeFileName, type FileRow } from '../../platform/files.js';
import { scopePaths } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import { detectFileType } from './content-type.js';
import { buildBlankForm, type BlankFormSpec } from '../catalog/index.js';

const generated = new Map<string, Buffer>();

/**
 * Who may download a file: `public` anyone (the blank forms generated from the catalog's own
 * text); `catalog` an uploaded blank form or sample — anyone once a published guide links to it,
 * before that staff who manage the catalog; `private` the uploader and whoever may see a case
 * using it (application materials).
 */
export type FileAudience = 'public' | 'catalog' | 'private';

export interface StoredFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  audience: FileAudience;
  createdBy: string | null;
  row: FileRow;
}

function audienceOf(row: FileRow): FileAudience {
  if (row.kind === 'blank-form') return row.public === 1 ? 'public' : 'private';
  const purpose = (JSON.parse(row.meta) as { purpose?: string }).purpose;
  // Catalog uploads from before this rule were stored public (and without a purpose); materials never were.
  if (purpose === 'catalog' || (row.public === 1 && purpose !== 'case-material')) return 'catalog';
  return 'private';
}

/** A file's description, without reading its bytes: enough to decide who may have them. */
export async function findStoredFile(deps: Deps, id: string): Promise<StoredFile | null> {
  const row = await findFile(deps.dbh.db, id);
  if (!row || (row.kind !== 'blank-form' && !row.storage_key)) return null;
  return { id: row.id, name: row.name, mime: row.mime, size: row.size, audience: audienceOf(row), createdBy: row.created_by, row };
}

/**
 * A file's bytes: a stream from the store (decrypted as it is read), or a blank form generated
 * on first request and kept in memory.
 */
export async function fileContent(deps: Deps, { row }: StoredFile): Promise<Buffer | Readable> {
  if (row.kind !== 'blank-form') return deps.files.open(row.storage_key!);
  const data = generated.get(row.id) ?? (await buildBlankForm(JSON.parse(row.meta) as BlankFormSpec));
  if (generated.size < 2000) generated.set(row.id, data);
  return data;
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * Stores an uploaded catalog attachment (blank form, sample, result sample). Not public: it becomes
 * downloadable by anyone once a published guide links to it (see FileAudience).
 */
export async function storeCatalogFile(deps: Deps, ctx: RequestContext, actor: StaffActor, upload: { fileName: string; data: Buffer }) {
  const type = detectFileType(upload.data, upload.fileName);
  if (!type) throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', '只能上传 PDF、OFD、Word、Excel、JPG 或 PNG 文件（按文件内容判断，而非文件名）');
  // Audited at the uploader's own place (their widest catalog grant), not the tree's first county:
  // with several counties in one database, each county's audit log shows only its own uploads.
  const [scope] = scopePaths(actor, 'catalog.manage').sort((a, b) => a.length - b.length);
  const place = scope?.split('/').filter(Boolean).pop();
  if (!place) throw forbidden();
  const stored = await deps.files.put(upload.data);
  const name = safeFileName(upload.fileName, `file.${type.ext}`);
  const id = await deps.dbh.db.transaction().execute(async (tx) => {
    const fileId = await insertFileRow(tx, deps.clock, { name, mime: type.mime, size: upload.data.length, sha256: stored.sha256, storageKey: stored.key, kind: 'upload', meta: { purpose: 'catalog' }, isPublic: false, createdBy: actor.id });
    await recordAudit(tx, ctx, { action: 'file.upload', entityType: 'file', entityId: fileId, regionCode: place, summary: { name, size: upload.data.length, mime: type.mime } }, deps.clock);
    return fileId;
  });
  return { id, name, mime: type.mime, size: upload.data.length, url: `/api/v1/files/${id}` };
}
