/** The regions module's public face. It implements platform/regions.ts RegionTree. */
export { regionRoutes } from './routes.js';
export { RegionDirectory, importRegions, parseCoordinatesCsv, parseRegionCsv, shortRegionName } from './service.js';
export { countRegions } from './repo.js';
