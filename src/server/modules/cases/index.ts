/** The cases module's public face: other modules and the composition root import only this. */
export { caseRoutes } from './routes.js';
export { CaseService, type CaseServiceParts } from './service.js';
export {
  noAssistConsents, noLicences, silentNotifier, type AssistConsentGrant, type AssistConsents, type CaseChange, type CaseNoticeRow, type CaseNotifier, type GroupDone, type CitizenAccountRef, type CitizenDirectory, type CitizenProfile,
  type DraftDiscarder, type DraftRef, type LicenceLookup, type RowsQuery, type ApprovedCase, type LicenceUseNote, type ResultLicences, noResultLicences,
} from './ports.js';
export { CaseHistory } from './history.js';
export { scanTimeLimitWarnings, type TimeLimitWarning } from './warnings.js';
export { applicantInput, idempotencyHeaders, submitBody, type SubmitInput } from './schemas.js';
export type { WrittenCase } from './submissions.js';
export { CaseDocuments } from './documents.js';
export { CaseRatingFacts, type CaseForRating } from './rating-facts.js';
export { CaseFigures, rebuildCaseFigures, type CaseFigureRow, type ItemFigureRow, type PlaceFigureRow } from './figures.js';
