/** The speech module's public face. */
export { speechRoutes } from './routes.js';
export { SpeechService } from './service.js';
