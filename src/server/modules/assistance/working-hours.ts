/**
 * Time limits in working hours: the working periods of shared/assistance.ts
 * (HELP_WORKING_PERIODS, China time) on the working days of the platform's calendar (holidays
 * off, 调休 make-up days on). Pure functions of the calendar and the instants given.
 */
import { addDays, chinaDate, type WorkingDays } from '../../platform/calendar.js';
import { HELP_WORKING_PERIODS } from '../../../shared/assistance.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const MINUTE_MS = 60_000;
/** How far a limit may reach before the calendar is taken to be broken (no working day at all). */
const MAX_DAYS = 3660;

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};
const PERIODS: readonly (readonly [number, number])[] = HELP_WORKING_PERIODS.map((p) => [minutesOf(p.start), minutesOf(p.end)] as const);

/** The instant a China calendar day starts. */
const dayStartMs = (date: string): number => Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS;

/**
 * The instant `minutes` working minutes after `from`. Time outside the working periods does not
 * count: a request made at lunch, in the evening or on a day off starts counting at the next
 * period's start. `minutes` ≤ 0 gives `from`.
 */
export function addWorkingMinutes(cal: WorkingDays, from: Date, minutes: number): Date {
  if (minutes <= 0) return new Date(from);
  let date = chinaDate(from);
  let cursor = (from.getTime() - dayStartMs(date)) / MINUTE_MS;
  let left = minutes;
  for (let i = 0; i < MAX_DAYS; i++) {
    if (cal.isWorkingDay(date)) {
      for (const [start, end] of PERIODS) {
        if (cursor >= end) continue;
        const begin = Math.max(cursor, start);
        if (left <= end - begin) return new Date(dayStartMs(date) + (begin + left) * MINUTE_MS);
        left -= end - begin;
        cursor = end;
      }
    }
    date = addDays(date, 1);
    cursor = 0;
  }
  throw new Error(`addWorkingMinutes: no working time within ${MAX_DAYS} days of ${from.toISOString()}`);
}

/** Working minutes between two instants (0 when `to` is not later). */
export function workingMinutesBetween(cal: WorkingDays, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  const last = chinaDate(to);
  for (let date = chinaDate(from), i = 0; date <= last && i < MAX_DAYS; date = addDays(date, 1), i++) {
    if (!cal.isWorkingDay(date)) continue;
    const day = dayStartMs(date);
    for (const [start, end] of PERIODS) {
      const a = Math.max(from.getTime(), day + start * MINUTE_MS);
      const b = Math.min(to.getTime(), day + end * MINUTE_MS);
      if (b > a) total += (b - a) / MINUTE_MS;
    }
  }
  return total;
}
