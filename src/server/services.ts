/**
 * The composition root: every service of every module is built here, once per process, and handed
 * to the route plugins (app.ts), the jobs (main.ts) and the seeding. No service constructs another;
 * a module that needs another's behaviour gets the service, or an implementation of a port it
 * declared (cases' CaseNotifier is the notifications service).
 */
import path from 'node:path';
import type { Deps } from './deps.js';
import { AccountService } from './modules/accounts/index.js';
import { CaseDocuments, CaseService, type LicenceLookup } from './modules/cases/index.js';
import { createCatalogModule, type CatalogModule } from './modules/catalog/index.js';
import { ItemFormService } from './modules/forms/index.js';
import { NotificationService } from './modules/notifications/index.js';
import { SpeechService } from './modules/speech/index.js';

export interface Services {
  catalog: CatalogModule;
  forms: ItemFormService;
  notifications: NotificationService;
  cases: CaseService;
  caseDocuments: CaseDocuments;
  accounts: AccountService;
  speech: SpeechService;
}

export interface ServiceOptions {
  /** Where electronic licences come from (the 电子证照 adapter); none by default. */
  licences?: LicenceLookup;
}

export function createServices(deps: Deps, opts: ServiceOptions = {}): Services {
  const catalog = createCatalogModule(deps);
  const forms = new ItemFormService(deps, catalog.publicCatalog);
  const notifications = new NotificationService(deps);
  const cases = new CaseService(deps, { catalog: catalog.publicCatalog, forms, notifier: notifications, licences: opts.licences });
  const caseDocuments = new CaseDocuments(deps, catalog.publicCatalog, (actor, id) => cases.get(actor, id));
  return {
    catalog, forms, notifications, cases, caseDocuments,
    accounts: new AccountService(deps),
    speech: new SpeechService(path.join(deps.config.dataDir, 'speech')),
  };
}
