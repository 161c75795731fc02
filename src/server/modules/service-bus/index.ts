/** The service bus module's public face (政务服务大篷车): routes, their dated village stops, the demo seed. */
export { serviceBusRoutes } from './routes.js';
export { ServiceBusService } from './service.js';
export type { BusItems } from './ports.js';
export { seedDemoServiceBus } from './seed.js';
