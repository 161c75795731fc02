/** Site information every page shows (GET /api/v1/site, served by app.ts): its contract only. */
export { siteView } from './schemas.js';
