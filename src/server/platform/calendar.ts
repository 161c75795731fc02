/**
 * Working days (工作日) for time limits: Monday–Friday, minus statutory holidays, plus the
 * weekends made working days by 调休 — both kept as data (calendar_days) that admins maintain.
 * Dates are China local dates ("YYYY-MM-DD", UTC+8 all year: China has no daylight saving).
 */
import type { Db } from '../db/index.js';

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The China local date of an instant. */
export const chinaDate = (instant: Date): string => new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, n: number): string => fromUtc(toUtc(date) + n * DAY_MS);
export const isValidDate = (date: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(date) && fromUtc(toUtc(date)) === date;

export interface CalendarException {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export class WorkingCalendar {
  private exceptions = new Map<string, CalendarException>();
  private loadedAt = 0;
  private static readonly REFRESH_MS = 60_000;

  constructor(private readonly db: Db | null, exceptions: CalendarException[] = []) {
    this.set(exceptions);
  }

  private set(list: CalendarException[]): void {
    this.exceptions = new Map(list.map((e) => [e.date, e]));
    this.loadedAt = Date.now();
  }

  async load(): Promise<void> {
    if (!this.db) return;
    const rows = await this.db.selectFrom('calendar_days').select(['date', 'kind', 'name']).execute();
    this.set(rows);
  }

  /** Reloads when older than a minute, so an admin's change reaches every process. */
  async fresh(): Promise<this> {
    if (this.db && Date.now() - this.loadedAt > WorkingCalendar.REFRESH_MS) await this.load();
    return this;
  }

  exception(date: string): CalendarException | undefined {
    return this.exceptions.get(date);
  }

  isWorkingDay(date: string): boolean {
    const e = this.exceptions.get(date);
    if (e) return e.kind === 'workday';
    const weekday = new Date(toUtc(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The date `n` working days after `date` (that day itself not counted); n = 0 gives `date`. */
  addWorkingDays(date: string, n: number): string {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days in (from, to]: how many working days pass from the end of `from` to the end of `to`; negative when `to` is earlier. */
  workingDaysBetween(from: string, to: string): number {
    if (to === from) return 0;
    const [a, b, sign] = to > from ? [from, to, 1] : [to, from, -1];
    let n = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n * sign;
  }
}
