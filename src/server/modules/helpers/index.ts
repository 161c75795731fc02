/**
 * The helpers module's public face (帮办代办员): the public roster of towns and villages (and the
 * venues module's HelperRoster), the administrators' records, the demo roster.
 */
export { helperRecordRoutes, helperRoutes } from './routes.js';
export { HelperDirectory, type DispatchHelper } from './service.js';
export { HelperEditor } from './editing.js';
export type { HelperAccounts, HelperStaffAccount, ItemNames } from './ports.js';
export { seedDemoHelpers } from './seed.js';
