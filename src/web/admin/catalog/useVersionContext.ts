import { useCatalogs, type Catalog, type CatalogVersion } from '../../api/catalogAdmin.js';

/** A version and its catalog, from the (cached) list of catalogs. */
export function useVersionContext(versionId: string) {
  const catalogs = useCatalogs();
  let found: { catalog: Catalog; version: CatalogVersion } | undefined;
  for (const catalog of catalogs.data?.items ?? []) {
    const version = catalog.versions.find((v) => v.id === versionId);
    if (version) found = { catalog, version };
  }
  return { ...catalogs, found };
}
