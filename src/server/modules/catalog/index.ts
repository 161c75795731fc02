/** The catalog module's public face. */
export { catalogRoutes } from './routes.js';
export { createCatalogModule, type CatalogModule } from './module.js';
export { PublicCatalog, requireOnlineApplication } from './public.js';
export { buildBlankForm, type BlankFormSpec } from './blank-form.js';
export { townGovernment } from './local.js';
export { ensureSynonyms, seedDemoCatalog } from './seed.js';
