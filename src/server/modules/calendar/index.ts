/** The calendar module's public face (admin routes over platform/calendar.ts). */
export { calendarRoutes } from './routes.js';
