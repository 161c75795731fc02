/**
 * The notifications module's public face. It implements the cases module's CaseNotifier port and
 * the assistance module's EscalationNotifier (HelpEscalationNotices), ratings' RatingNotifier
 * (RatingNotices), reform's ReformNotifier (ReformNotices) and practices' PracticeNotifier
 * (PracticeNotices), and declares StaffDirectory
 * (implemented by the accounts module).
 */
export { notificationRoutes } from './routes.js';
export { NotificationService } from './service.js';
export { startNotificationJobs, type NotificationJobs } from './jobs.js';
export { HelpEscalationNotices } from './help-escalations.js';
export { RatingNotices } from './rating-notices.js';
export { ReformNotices } from './reform-notices.js';
export { PracticeNotices } from './practice-notices.js';
export type { StaffContact, StaffDirectory } from './ports.js';
