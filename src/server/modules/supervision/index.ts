/** The supervision module's public face: the dashboards (figures from the modules that own them, through FigureSources). */
export { supervisionRoutes } from './routes.js';
export { SupervisionService } from './service.js';
export type { FigureSources } from './ports.js';
