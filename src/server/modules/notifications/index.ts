/** The notifications module's public face. It implements the cases module's CaseNotifier port. */
export { notificationRoutes } from './routes.js';
export { NotificationService } from './service.js';
export { startNotificationJobs, type NotificationJobs } from './jobs.js';
