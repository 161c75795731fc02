/** The accounts module's public face. */
export { accountRoutes } from './routes.js';
export { AccountService } from './service.js';
