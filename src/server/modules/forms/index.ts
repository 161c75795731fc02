/**
 * The forms module's public face. It declares the ports prefill reads through (ApplicantProfiles:
 * the auth module's CitizenAccounts; PastApplications: the cases module's CaseHistory) and
 * implements the cases module's DraftDiscarder (ItemFormService.discardWrite, by its shape: forms
 * imports nothing of cases).
 */
export { formRoutes } from './routes.js';
export { ItemFormService, openFormData, sealFormData, type DraftOf, type ItemFormSettings, type PrefillSources } from './service.js';
export type { ApplicantProfile, ApplicantProfiles, PastApplication, PastApplications } from './ports.js';
