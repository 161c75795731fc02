/**
 * Admin side of the service catalog: guidance catalogs (指导目录) and their versions, items,
 * lint and diff, Excel exchange, attachments, implementation lists (实施清单) and search synonyms.
 * The server answers these routes with untyped JSON (anyJson), so the shapes are written out here.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { HandlingMode } from '../../shared/catalog.js';
import type { CatalogItem } from '../../shared/catalog-item.js';
import type { CatalogDiff, ItemOverride, LintFinding, LintReport, ListProfile } from '../../server/modules/catalog/schemas.js';
import { api, ApiError, buildUrl, CSRF_COOKIE, readCookie } from './client.js';

export type { CatalogDiff, CatalogItem, ItemOverride, LintFinding, LintReport, ListProfile };

export type VersionStatus = 'draft' | 'review' | 'published' | 'superseded';
export type CatalogLevel = 'town' | 'village';

export interface CatalogVersion {
  id: string;
  catalogId: string;
  versionNo: number;
  status: VersionStatus;
  itemCount: number;
  note: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  effectiveDate: string | null;
}

export interface Catalog {
  id: string;
  level: CatalogLevel;
  name: string;
  regionCode: string;
  demonstration: boolean;
  versions: CatalogVersion[];
}

export interface VersionItemRow {
  rowCode: string;
  name: string;
  type: string;
  department: string;
  errors: number;
  warnings: number;
}

export interface VersionItems {
  version: CatalogVersion;
  total: number;
  items: VersionItemRow[];
}

export interface VersionItemDetail {
  version: CatalogVersion;
  item: CatalogItem;
  lint: LintFinding[];
}

export interface VersionDiff {
  against: number | null;
  diff: CatalogDiff;
}

export interface PublishResult {
  version: CatalogVersion;
  noticeId: string;
  diff: CatalogDiff;
}

export interface UploadedFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  url: string;
}

/** One problem of a refused workbook (WORKBOOK_INVALID details). */
export interface SheetProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ImplListSummary {
  regionCode: string;
  regionName: string;
  level: CatalogLevel;
  parentCode: string | null;
  published: boolean;
  dirty: boolean;
  publishedAt: string | null;
  revision: number;
  missing: string[];
  missingLabels: string[];
}

export interface ImplListItem {
  rowCode: string;
  name: string;
  department: string;
  enabled: boolean;
  override: ItemOverride | null;
  missing: string[];
}

export interface ImplListDetail {
  regionCode: string;
  regionName: string;
  level: CatalogLevel;
  profile: ListProfile;
  published: ListProfile | null;
  dirty: boolean;
  publishedAt: string | null;
  revision: number;
  missing: string[];
  missingLabels: string[];
  catalogVersion: { id: string; versionNo: number } | null;
  items: ImplListItem[];
}

export interface Synonym {
  id: string;
  term: string;
  targets: string[];
  updatedAt?: string;
}

export const STATUS_LABELS: Record<VersionStatus, string> = { draft: '草稿', review: '审核中', published: '已发布', superseded: '已被替代' };
export const LEVEL_NAMES: Record<CatalogLevel, string> = { town: '镇级', village: '村级' };
export type { HandlingMode };

// ── query keys ──
export const catalogsKey = ['catalog-admin', 'catalogs'] as const;
export const versionItemsKey = (vid: string, f?: { q?: string; page: number }) =>
  f ? (['catalog-admin', 'version', vid, 'items', f] as const) : (['catalog-admin', 'version', vid, 'items'] as const);
export const versionItemKey = (vid: string, code: string) => ['catalog-admin', 'version', vid, 'item', code] as const;
export const versionDiffKey = (vid: string) => ['catalog-admin', 'version', vid, 'diff'] as const;
export const versionLintKey = (vid: string) => ['catalog-admin', 'version', vid, 'lint'] as const;
export const implListsKey = (f?: ImplListFilters) => (f ? (['catalog-admin', 'impl-lists', f] as const) : (['catalog-admin', 'impl-lists'] as const));
export const implListKey = (region: string) => ['catalog-admin', 'impl-list', region] as const;
export const synonymsKey = ['catalog-admin', 'synonyms'] as const;

export const ITEMS_PAGE_SIZE = 50;

export function useCatalogs() {
  return useQuery({ queryKey: catalogsKey, queryFn: ({ signal }) => api<{ items: Catalog[] }>('/api/v1/admin/catalogs', { signal }) });
}

export function useVersionItems(vid: string, f: { q?: string; page: number }) {
  return useQuery({
    queryKey: versionItemsKey(vid, f),
    queryFn: ({ signal }) =>
      api<VersionItems>(`/api/v1/admin/catalog-versions/${vid}/items`, { query: { q: f.q, page: f.page, pageSize: ITEMS_PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useVersionItem(vid: string, code: string | null) {
  return useQuery({
    queryKey: versionItemKey(vid, code ?? ''),
    queryFn: ({ signal }) => api<VersionItemDetail>(`/api/v1/admin/catalog-versions/${vid}/items/${encodeURIComponent(code!)}`, { signal }),
    enabled: Boolean(code),
  });
}

export function useVersionDiff(vid: string, enabled = true) {
  return useQuery({ queryKey: versionDiffKey(vid), queryFn: ({ signal }) => api<VersionDiff>(`/api/v1/admin/catalog-versions/${vid}/diff`, { signal }), enabled });
}

export function useVersionLint(vid: string, enabled = true) {
  return useQuery({ queryKey: versionLintKey(vid), queryFn: ({ signal }) => api<LintReport>(`/api/v1/admin/catalog-versions/${vid}/lint`, { signal }), enabled });
}

export interface ImplListFilters {
  parent?: string;
  missingOnly?: boolean;
  page: number;
  pageSize: number;
}

export function useImplLists(f: ImplListFilters) {
  return useQuery({
    queryKey: implListsKey(f),
    queryFn: ({ signal }) =>
      api<{ total: number; items: ImplListSummary[] }>('/api/v1/admin/impl-lists', {
        query: { parent: f.parent, missingOnly: f.missingOnly ? 'true' : undefined, page: f.page, pageSize: f.pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useImplList(region: string) {
  return useQuery({ queryKey: implListKey(region), queryFn: ({ signal }) => api<ImplListDetail>(`/api/v1/admin/impl-lists/${region}`, { signal }) });
}

export function useSynonyms() {
  return useQuery({ queryKey: synonymsKey, queryFn: ({ signal }) => api<{ total: number; items: Synonym[] }>('/api/v1/admin/search-synonyms', { signal }) });
}

const v = (vid: string) => `/api/v1/admin/catalog-versions/${vid}`;

export const catalogAdminApi = {
  createVersion: (catalogId: string, note: string) => api<CatalogVersion>(`/api/v1/admin/catalogs/${catalogId}/versions`, { method: 'POST', body: { note } }),
  createItem: (vid: string, item: CatalogItem) => api<VersionItemDetail>(`${v(vid)}/items`, { method: 'POST', body: item }),
  updateItem: (vid: string, code: string, item: CatalogItem) => api<VersionItemDetail>(`${v(vid)}/items/${encodeURIComponent(code)}`, { method: 'PUT', body: item }),
  deleteItem: (vid: string, code: string) => api<{ ok: true }>(`${v(vid)}/items/${encodeURIComponent(code)}`, { method: 'DELETE' }),
  submit: (vid: string) => api<CatalogVersion>(`${v(vid)}/submit`, { method: 'POST' }),
  returnToDraft: (vid: string) => api<CatalogVersion>(`${v(vid)}/return`, { method: 'POST' }),
  publish: (vid: string, body: { effectiveDate: string; noticeTitle?: string }) => api<PublishResult>(`${v(vid)}/publish`, { method: 'POST', body }),
  importCatalog: (vid: string, file: File) => upload<{ version: CatalogVersion; imported: number }>(`${v(vid)}/import`, file),
  exportCatalog: (vid: string) => download(`${v(vid)}/export`),
  uploadFile: (file: File) => upload<UploadedFile>('/api/v1/admin/files', file),

  updateProfile: (region: string, profile: ListProfile) => api<ImplListDetail>(`/api/v1/admin/impl-lists/${region}/profile`, { method: 'PUT', body: profile }),
  updateOverride: (region: string, code: string, override: ItemOverride | null) =>
    api<ImplListDetail>(`/api/v1/admin/impl-lists/${region}/items/${encodeURIComponent(code)}`, { method: 'PUT', body: override }),
  publishList: (region: string) => api<ImplListDetail>(`/api/v1/admin/impl-lists/${region}/publish`, { method: 'POST' }),
  exportLists: (parent?: string) => download(buildUrl('/api/v1/admin/impl-lists/export', { parent })),
  importLists: (file: File) => upload<{ lists: number; rows: number }>('/api/v1/admin/impl-lists/import', file),

  createSynonym: (body: { term: string; targets: string[] }) => api<Synonym>('/api/v1/admin/search-synonyms', { method: 'POST', body }),
  deleteSynonym: (id: string) => api<{ ok: true }>(`/api/v1/admin/search-synonyms/${id}`, { method: 'DELETE' }),
};

/** The server's error from a failed response (same rules as api()). */
async function failure(response: Response): Promise<ApiError> {
  let data: unknown;
  try {
    data = JSON.parse(await response.text());
  } catch {
    data = undefined;
  }
  const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  if (err?.code && err.message) return new ApiError(response.status, err.code, err.message, err.details);
  if (response.status === 413) return new ApiError(413, 'FILE_TOO_LARGE', '文件太大，未能上传');
  return new ApiError(response.status, 'HTTP_ERROR', `服务暂时不可用（HTTP ${response.status}），请稍后再试`);
}

const csrfHeaders = (): Record<string, string> => {
  const csrf = readCookie(CSRF_COOKIE);
  return csrf ? { accept: 'application/json', 'x-csrf-token': csrf } : { accept: 'application/json' };
};

/** multipart/form-data upload of one file in the field `file`. */
export async function upload<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: csrfHeaders(), credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** Fetches a file and hands it to the browser as a download (errors come back as ApiError). */
export async function download(path: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : 'export.xlsx';
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** Problems of a WORKBOOK_INVALID answer, or [] for any other error. */
export function sheetProblems(err: unknown): SheetProblem[] {
  if (!(err instanceof ApiError) || err.code !== 'WORKBOOK_INVALID' || !Array.isArray(err.details)) return [];
  return (err.details as Partial<SheetProblem>[]).map((d) => ({
    sheet: String(d.sheet ?? ''),
    row: Number(d.row ?? 0),
    column: String(d.column ?? ''),
    message: String(d.message ?? ''),
  }));
}
