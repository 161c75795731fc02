/** The venue-standards module's public face (政务服务场所标准化评估): checklists, assessments, the overview, demo data. */
export { venueStandardsRoutes } from './routes.js';
export { VenueStandardsService } from './service.js';
export type { AssessedVenue, AssessedVenues } from './ports.js';
export { seedDemoAssessments } from './seed.js';
