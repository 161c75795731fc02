/** The cases module's public face: other modules and the composition root import only this. */
export { caseRoutes } from './routes.js';
export { CaseService, noLicences, type CaseServiceParts, type LicenceLookup } from './service.js';
export { silentNotifier, type CaseChange, type CaseNoticeRow, type CaseNotifier } from './ports.js';
export { scanTimeLimitWarnings, type TimeLimitWarning } from './warnings.js';
export { submitBody, type SubmitInput } from './schemas.js';
export { CaseDocuments } from './documents.js';
