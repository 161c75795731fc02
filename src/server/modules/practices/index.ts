/** The practices module's public face (典型案例): the routes, the service, the photos' file access and the demo seed. */
export { practiceRoutes } from './routes.js';
export { PracticeService } from './service.js';
export { PracticePhotos } from './photos.js';
export type { PracticeDecision, PracticeItems, PracticeNotifier, PracticeTrainingUses } from './ports.js';
export { silentPracticeNotifier } from './ports.js';
