/** How practices are shown: rows to the contract's views (schemas.ts). */
import { PRACTICE_STATUSES, type PracticeStatus } from '../../../shared/practices.js';
import type { PracticePhotoView } from './schemas.js';
import type { PracticeRow } from './repo.js';

/** A photo as `practices.photos` keeps it (JSON, in the order shown). */
export interface StoredPracticePhoto {
  fileId: string;
  alt: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  /** when it was uploaded */
  at: string;
}

export interface PracticeItemRef {
  code: string;
  name: string;
}

const jsonArray = <T>(json: string, keep: (x: unknown) => x is T): T[] => {
  const list = JSON.parse(json) as unknown;
  return Array.isArray(list) ? list.filter(keep) : [];
};

export const storedPhotos = (json: string) => jsonArray(json, (p): p is StoredPracticePhoto => typeof (p as StoredPracticePhoto | null)?.fileId === 'string');
export const storedItems = (json: string) => jsonArray(json, (p): p is PracticeItemRef => typeof (p as PracticeItemRef | null)?.code === 'string');
export const storedTags = (json: string) => jsonArray(json, (t): t is string => typeof t === 'string');

/** Where a photo is read: the files module's download, which `<img>` can use. */
export const photoUrl = (fileId: string) => `/api/v1/files/${fileId}`;

export const photoView = (p: StoredPracticePhoto): PracticePhotoView => ({ fileId: p.fileId, url: photoUrl(p.fileId), alt: p.alt, width: p.width, height: p.height });

export const statusLabel = (s: string) => PRACTICE_STATUSES[s as PracticeStatus] ?? s;

/** The words of a history step. */
export const EVENT_LABELS: Record<string, string> = {
  create: '新建', edit: '修改', photos: '修改照片', submit: '报送', resubmit: '重新报送', return: '退回', publish: '发布', withdraw: '撤下',
  training: '推荐用于培训', untraining: '取消培训推荐',
};

export const placePath = (r: Pick<PracticeRow, 'region_code' | 'region_path'>) => ({ code: r.region_code, path: r.region_path });
