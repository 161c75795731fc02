/**
 * The rules and rows of the helper's records that the module's services share: photos (where they
 * are read, how one is stored with its file row), and consent to 代办 (when it can be asked, when
 * one is in force, how it is shown). photos.ts uploads photos; consent.ts asks for and uses
 * consent; service.ts shows both on a request.
 */
import type { Deps } from '../../deps.js';
import type { DbOrTx } from '../../db/index.js';
import { badRequest } from '../../platform/errors.js';
import { insertFileRow } from '../../platform/files.js';
import { iso } from '../../platform/ids.js';
import { HELP_AUTHORISATION, HELP_AUTHORISATION_METHODS, isOpenHelpStatus, type HelpAuthorisationMethod } from '../../../shared/assistance.js';
import { detectImage, type DetectedImage } from '../files/index.js';
import { insertPhoto, type HelpAuthorisationRow, type HelpPhotoRow, type HelpRequestRow } from './repo.js';

/** The purpose a photo's file row records (platform/files.ts `meta`): who may read it is decided here. */
export const HELP_PHOTO_PURPOSE = 'help-photo';
/** The largest photo a helper uploads. */
export const HELP_PHOTO_MAX_BYTES = 8 * 1024 * 1024;

/** Where a photo is read: the files module's download, which `<img>` can use. */
export const helpPhotoUrl = (fileId: string) => `/api/v1/files/${fileId}`;

/** A request on which consent to 代办 can be asked and used: the helper has taken it on, it is not over. */
export const mayAuthorise = (status: string) => isOpenHelpStatus(status) && (status === 'accepted' || status === 'contacted');

/** A consent confirmed, still valid at `now`, and not used by a case yet. */
export const consentInForce = (c: HelpAuthorisationRow, now: string) =>
  c.confirmed_at !== null && c.case_id === null && c.valid_until !== null && c.valid_until > now;

export function authorisationView(c: HelpAuthorisationRow, staffView: boolean) {
  return {
    id: c.id, method: c.method as HelpAuthorisationMethod, methodLabel: HELP_AUTHORISATION_METHODS[c.method as HelpAuthorisationMethod] ?? c.method,
    at: c.confirmed_at ?? c.created_at, validUntil: c.valid_until ?? c.created_at,
    caseId: c.case_id, caseNo: c.case_no, itemName: c.item_name,
    letterUrl: staffView && c.letter_file_id ? helpPhotoUrl(c.letter_file_id) : null,
  };
}

/** `validUntil` of a consent given at `at`. */
export const consentValidUntil = (at: Date) => iso(new Date(at.getTime() + HELP_AUTHORISATION.validDays * 24 * 3600_000));

/** The image an upload holds, or 400 before anything is stored. */
export function requireImage(data: Buffer, what: string): DetectedImage {
  const image = detectImage(data);
  if (!image) throw badRequest('FILE_TYPE_NOT_ALLOWED', `${what}只能是 JPG、PNG 或 WebP 图片（按文件内容判断，而非文件名）`);
  return image;
}

/** Writes a photo's file row and photo row (in the caller's transaction): the bytes are already in the store. */
export async function recordPhoto(
  tx: DbOrTx, deps: Pick<Deps, 'clock'>,
  p: { id: string; row: HelpRequestRow; purpose: 'visit' | 'letter'; image: DetectedImage; size: number; stored: { key: string; sha256: string }; by: string; clientRef: string | null; eventSeq: number | null },
): Promise<HelpPhotoRow> {
  const at = iso(deps.clock.now());
  await insertFileRow(tx, deps.clock, {
    id: p.id, name: `${p.purpose === 'letter' ? '委托书' : '走访照片'}-${p.row.request_no}.${p.image.ext}`, mime: p.image.mime, size: p.size,
    sha256: p.stored.sha256, storageKey: p.stored.key, kind: 'upload', meta: { purpose: HELP_PHOTO_PURPOSE, requestId: p.row.id }, isPublic: false, createdBy: p.by,
  });
  const photo: HelpPhotoRow = { id: p.id, request_id: p.row.id, purpose: p.purpose, event_seq: p.eventSeq, client_ref: p.clientRef, uploaded_by: p.by, created_at: at };
  await insertPhoto(tx, photo);
  return photo;
}
