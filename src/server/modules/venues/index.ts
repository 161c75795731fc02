/** The venues module's public face (政务服务地图): venues, their hours, the map's queries, self-service terminals. */
export { terminalRoutes, venueRoutes } from './routes.js';
export { TerminalService } from './terminals.js';
export { VenueDirectory, distanceMeters, chinaMoment, HEARTBEAT_WINDOW_MS, terminalStatus } from './service.js';
export type { HelperRoster, PlaceItems } from './ports.js';
export { seedDemoVenues } from './seed.js';
