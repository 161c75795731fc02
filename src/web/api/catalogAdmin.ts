/**
 * Admin side of the service catalog: guidance catalogs (指导目录) and their versions, items,
 * lint and diff, Excel exchange, attachments, implementation lists (实施清单) and search synonyms.
 * Response shapes are inferred from the server's zod schemas (type-only imports).
 */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { HandlingMode } from '../../shared/catalog.js';
import type { CatalogItem } from '../../shared/catalog-item.js';
import type {
  CatalogDiff, catalogImportResult, catalogList, catalogVersionView, catalogView, implImportResult, implListDetail, implListItem, implLists, implListSummary,
  ItemOverride, LintFinding, LintReport, ListProfile, publishResult, synonymList, synonymView, versionDiff, versionItemDetail, versionItemRow, versionItems,
} from '../../server/modules/catalog/schemas.js';
import type { storedFileView } from '../../server/modules/files/schemas.js';
import { api, ApiError, buildUrl, download, uploadFile } from './client.js';

export type { CatalogDiff, CatalogItem, ItemOverride, LintFinding, LintReport, ListProfile };

export type CatalogVersion = z.infer<typeof catalogVersionView>;
export type VersionStatus = CatalogVersion['status'];
export type Catalog = z.infer<typeof catalogView>;
export type CatalogLevel = Catalog['level'];
export type CatalogList = z.infer<typeof catalogList>;
export type VersionItemRow = z.infer<typeof versionItemRow>;
export type VersionItems = z.infer<typeof versionItems>;
export type VersionItemDetail = z.infer<typeof versionItemDetail>;
export type VersionDiff = z.infer<typeof versionDiff>;
export type PublishResult = z.infer<typeof publishResult>;
export type CatalogImportResult = z.infer<typeof catalogImportResult>;

export type UploadedFile = z.infer<typeof storedFileView>;

/** One problem of a refused workbook (WORKBOOK_INVALID details). */
export interface SheetProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export type ImplListSummary = z.infer<typeof implListSummary>;
export type ImplLists = z.infer<typeof implLists>;
export type ImplListItem = z.infer<typeof implListItem>;
export type ImplListDetail = z.infer<typeof implListDetail>;
export type ImplImportResult = z.infer<typeof implImportResult>;

export type Synonym = z.infer<typeof synonymView>;
export type SynonymList = z.infer<typeof synonymList>;

export const STATUS_LABELS: Record<VersionStatus, string> = { draft: '草稿', review: '审核中', published: '已发布', superseded: '已被替代' };
export const LEVEL_NAMES: Record<CatalogLevel, string> = { town: '镇级', village: '村级' };
export type { HandlingMode };

export const ITEMS_PAGE_SIZE = 50;

export interface ImplListFilters {
  parent?: string;
  missingOnly?: boolean;
  page: number;
  pageSize: number;
}

const v = (vid: string) => `/api/v1/admin/catalog-versions/${vid}`;

/**
 * One key per URL, all under `catalogAdminQueries.all`: a change to a draft may change its
 * items, counts, lint and diff, and the catalogs' version list, so writes refetch the lot.
 */
export const catalogAdminQueries = {
  all: ['catalog-admin'] as const,
  catalogs: () => queryOptions({ queryKey: ['catalog-admin', 'catalogs'] as const, queryFn: ({ signal }) => api<CatalogList>('/api/v1/admin/catalogs', { signal }) }),
  versionItems: (vid: string, f: { q?: string; page: number }) =>
    queryOptions({
      queryKey: ['catalog-admin', 'version', vid, 'items', f] as const,
      queryFn: ({ signal }) => api<VersionItems>(`${v(vid)}/items`, { query: { q: f.q, page: f.page, pageSize: ITEMS_PAGE_SIZE }, signal }),
      placeholderData: keepPreviousData,
    }),
  versionItem: (vid: string, code: string) =>
    queryOptions({
      queryKey: ['catalog-admin', 'version', vid, 'item', code] as const,
      queryFn: ({ signal }) => api<VersionItemDetail>(`${v(vid)}/items/${encodeURIComponent(code)}`, { signal }),
    }),
  versionDiff: (vid: string) => queryOptions({ queryKey: ['catalog-admin', 'version', vid, 'diff'] as const, queryFn: ({ signal }) => api<VersionDiff>(`${v(vid)}/diff`, { signal }) }),
  versionLint: (vid: string) => queryOptions({ queryKey: ['catalog-admin', 'version', vid, 'lint'] as const, queryFn: ({ signal }) => api<LintReport>(`${v(vid)}/lint`, { signal }) }),
  implLists: (f: ImplListFilters) =>
    queryOptions({
      queryKey: ['catalog-admin', 'impl-lists', f] as const,
      queryFn: ({ signal }) =>
        api<ImplLists>('/api/v1/admin/impl-lists', { query: { parent: f.parent, missingOnly: f.missingOnly ? 'true' : undefined, page: f.page, pageSize: f.pageSize }, signal }),
      placeholderData: keepPreviousData,
    }),
  implList: (region: string) =>
    queryOptions({ queryKey: ['catalog-admin', 'impl-list', region] as const, queryFn: ({ signal }) => api<ImplListDetail>(`/api/v1/admin/impl-lists/${region}`, { signal }) }),
  synonyms: () => queryOptions({ queryKey: ['catalog-admin', 'synonyms'] as const, queryFn: ({ signal }) => api<SynonymList>('/api/v1/admin/search-synonyms', { signal }) }),
};

export const useCatalogs = () => useQuery(catalogAdminQueries.catalogs());
export const useVersionItems = (vid: string, f: { q?: string; page: number }) => useQuery(catalogAdminQueries.versionItems(vid, f));
export const useVersionItem = (vid: string, code: string | null) => useQuery({ ...catalogAdminQueries.versionItem(vid, code ?? ''), enabled: Boolean(code) });
export const useVersionDiff = (vid: string, enabled = true) => useQuery({ ...catalogAdminQueries.versionDiff(vid), enabled });
export const useVersionLint = (vid: string, enabled = true) => useQuery({ ...catalogAdminQueries.versionLint(vid), enabled });
export const useImplLists = (f: ImplListFilters) => useQuery(catalogAdminQueries.implLists(f));
export const useImplList = (region: string) => useQuery(catalogAdminQueries.implList(region));
export const useSynonyms = () => useQuery(catalogAdminQueries.synonyms());

/**
 * A write to the catalogs' drafts, lists or synonyms. `place` puts the answer straight into its
 * own entry (so the page shows it at once); everything else under the catalog admin is refetched.
 * The public catalog is refetched too where a publication changes what citizens see.
 */
function useCatalogWrite<V, R>(write: (v: V) => Promise<R>, place?: (queryClient: QueryClient, result: R, v: V) => readonly unknown[] | void, publishes = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (result, vars) => {
      const placed = place?.(queryClient, result, vars);
      const isPlaced = (key: readonly unknown[]) => placed !== undefined && JSON.stringify(key) === JSON.stringify(placed);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: catalogAdminQueries.all, predicate: (q) => !isPlaced(q.queryKey) }),
        publishes ? queryClient.invalidateQueries({ queryKey: ['catalog'] }) : undefined,
      ]);
    },
  });
}

const placeItem = (qc: QueryClient, item: VersionItemDetail, vars: { vid: string }) => {
  const { queryKey } = catalogAdminQueries.versionItem(vars.vid, item.item.baseCode + item.item.handlingSeq);
  qc.setQueryData(queryKey, item);
  return queryKey;
};
const placeList = (qc: QueryClient, list: ImplListDetail) => {
  const { queryKey } = catalogAdminQueries.implList(list.regionCode);
  qc.setQueryData(queryKey, list);
  return queryKey;
};

export const useCreateVersion = () =>
  useCatalogWrite((x: { catalogId: string; note: string }) => api<CatalogVersion>(`/api/v1/admin/catalogs/${x.catalogId}/versions`, { method: 'POST', body: { note: x.note } }));
export const useCreateItem = () => useCatalogWrite((x: { vid: string; item: CatalogItem }) => api<VersionItemDetail>(`${v(x.vid)}/items`, { method: 'POST', body: x.item }), placeItem);
export const useUpdateItem = () =>
  useCatalogWrite((x: { vid: string; code: string; item: CatalogItem }) => api<VersionItemDetail>(`${v(x.vid)}/items/${encodeURIComponent(x.code)}`, { method: 'PUT', body: x.item }), placeItem);
export const useDeleteItem = () => useCatalogWrite((x: { vid: string; code: string }) => api<{ ok: true }>(`${v(x.vid)}/items/${encodeURIComponent(x.code)}`, { method: 'DELETE' }));
export const useSubmitVersion = () => useCatalogWrite((vid: string) => api<CatalogVersion>(`${v(vid)}/submit`, { method: 'POST' }));
export const useReturnVersion = () => useCatalogWrite((vid: string) => api<CatalogVersion>(`${v(vid)}/return`, { method: 'POST' }));
export const usePublishVersion = () =>
  useCatalogWrite((x: { vid: string; body: { effectiveDate: string; noticeTitle?: string } }) => api<PublishResult>(`${v(x.vid)}/publish`, { method: 'POST', body: x.body }), undefined, true);
/** Replaces every item of the draft (all or nothing: WORKBOOK_INVALID lists each problem). */
export const useImportCatalog = () => useCatalogWrite((x: { vid: string; file: File }) => uploadFile<CatalogImportResult>(`${v(x.vid)}/import`, x.file));
/** An attachment (blank form, sample) for an item being edited: stored until the item is saved. */
export const useUploadCatalogFile = () => useMutation({ mutationFn: (file: File) => uploadFile<UploadedFile>('/api/v1/admin/files', file) });

export const useUpdateProfile = () =>
  useCatalogWrite((x: { region: string; profile: ListProfile }) => api<ImplListDetail>(`/api/v1/admin/impl-lists/${x.region}/profile`, { method: 'PUT', body: x.profile }), placeList);
export const useUpdateOverride = () =>
  useCatalogWrite(
    (x: { region: string; code: string; override: ItemOverride | null }) =>
      api<ImplListDetail>(`/api/v1/admin/impl-lists/${x.region}/items/${encodeURIComponent(x.code)}`, { method: 'PUT', body: x.override }),
    placeList,
  );
export const usePublishList = () => useCatalogWrite((region: string) => api<ImplListDetail>(`/api/v1/admin/impl-lists/${region}/publish`, { method: 'POST' }), placeList, true);
export const useImportLists = () => useCatalogWrite((file: File) => uploadFile<ImplImportResult>('/api/v1/admin/impl-lists/import', file));

export const useCreateSynonym = () =>
  useCatalogWrite((body: { term: string; targets: string[] }) => api<Synonym>('/api/v1/admin/search-synonyms', { method: 'POST', body }), undefined, true);
export const useDeleteSynonym = () => useCatalogWrite((id: string) => api<{ ok: true }>(`/api/v1/admin/search-synonyms/${id}`, { method: 'DELETE' }), undefined, true);

/** Excel exports: downloads, nothing changes (a mutation only for its busy state and error). */
export const useExportCatalog = () => useMutation({ mutationFn: (vid: string) => download(`${v(vid)}/export`) });
export const useExportLists = () => useMutation({ mutationFn: (parent?: string) => download(buildUrl('/api/v1/admin/impl-lists/export', { parent })) });

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
