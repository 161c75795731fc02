/** The venues module's public face (政务服务地图): venues, their hours, the map's queries. */
export { venueRoutes } from './routes.js';
export { VenueDirectory, distanceMeters, chinaMoment, HEARTBEAT_WINDOW_MS } from './service.js';
export type { HelperRoster, PlaceItems } from './ports.js';
export { seedDemoVenues } from './seed.js';
