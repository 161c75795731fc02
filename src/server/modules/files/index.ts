/** The files module's public face. */
export { fileRoutes, type FileAccess } from './routes.js';
export { MAX_UPLOAD_BYTES } from './service.js';
export { detectFileType, detectImage, type DetectedImage, type DetectedType } from './content-type.js';
