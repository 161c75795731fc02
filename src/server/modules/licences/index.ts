/**
 * The licences module's public face (电子证照): routes, the service (wallet, 亮证, verification,
 * issuing, reuse), the licence libraries' adapter interface and the demo library.
 */
export { licenceRoutes } from './routes.js';
export { LicenceService, licenceNotFound, type ApprovedCase, type LicenceParts, type LicenceUseNote } from './service.js';
export { CODE_PREFIX, decodeCode, publicKeyFromRaw, type CodePayload } from './codes.js';
export { DemoLicenceLibrary, licenceLibrariesFor, type ExternalLicence, type LicenceLibrary } from './sources.js';
export type { CaseMaterialsOf, ItemResults, LicenceHolders } from './ports.js';
