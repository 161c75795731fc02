/** The calendar module's public face: admin routes over the working-day calendar (platform/calendar.ts, which owns calendar_days). */
export { calendarRoutes } from './routes.js';
