/** The forms module's public face. */
export { formRoutes } from './routes.js';
export { ItemFormService, openFormData, sealFormData, type ItemFormSettings } from './service.js';
