/**
 * The assistance module's public face (帮办代办 help requests): routes, the service, the
 * escalation job, and the ports it declares (the helpers' roster, item names, escalation notices).
 */
export { assistanceRoutes } from './routes.js';
export { AssistanceService, type AssistanceLimits, type AssistanceParts } from './service.js';
export { HelpPhotos } from './photos.js';
export { AssistConsents, type ConsentGrant } from './consent.js';
export { startAssistanceJobs, type AssistanceJobs } from './jobs.js';
export { noCaseStatuses, noEscalationNotices, noHelpers } from './ports.js';
export type { AssistItems, CaseStatuses, DispatchHelper, Escalation, EscalationNotifier, HelperDirectory } from './ports.js';
