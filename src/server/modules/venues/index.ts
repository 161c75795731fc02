/** The venues module's public face (政务服务地图): venues, their hours, the map's queries, editing, photos, the contacts centres and stations give 实施清单, self-service terminals. */
export { terminalRoutes, venueRecordRoutes, venueRoutes } from './routes.js';
export { VenueEditor } from './editing.js';
export { VenuePhotos } from './photos.js';
export { VenueContacts } from './contacts.js';
export { VenueBriefs, type VenueBrief } from './briefs.js';
export { TerminalService } from './terminals.js';
export { VenueDirectory, distanceMeters, chinaMoment, HEARTBEAT_WINDOW_MS, terminalStatus } from './service.js';
export type { HelperRoster, PlaceItems } from './ports.js';
export { seedDemoVenues } from './seed.js';
