import type { Deps } from '../../deps.js';
import { ImplementationLists } from './lists.js';
import type { PlaceContacts } from './ports.js';
import { PublicCatalog } from './public.js';
import { PublishedGuideFiles } from './published-files.js';
import { CatalogService } from './service.js';
import { SynonymService } from './synonyms.js';

/** The catalog module's services, built once by the composition root. */
export interface CatalogModule {
  publicCatalog: PublicCatalog;
  catalogs: CatalogService;
  lists: ImplementationLists;
  synonyms: SynonymService;
  /** Which uploaded files a published guide links (files are public only then). */
  guideFiles: PublishedGuideFiles;
}

export function createCatalogModule(deps: Deps, contacts: PlaceContacts): CatalogModule {
  const publicCatalog = new PublicCatalog(deps, contacts);
  const invalidate = () => publicCatalog.invalidate();
  return {
    publicCatalog,
    catalogs: new CatalogService(deps, invalidate),
    lists: new ImplementationLists(deps, invalidate, contacts),
    synonyms: new SynonymService(deps, invalidate),
    guideFiles: new PublishedGuideFiles(deps.dbh.db),
  };
}
