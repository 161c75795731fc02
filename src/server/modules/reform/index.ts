/** The reform module's public face (改革任务): the tracker's routes and service, its notifier port, the demo seed. */
export { reformRoutes } from './routes.js';
export { ReformService, REFORM_EVIDENCE_PURPOSE } from './service.js';
export { silentReformNotifier, type ReformNotifier, type ReformReminder } from './ports.js';
