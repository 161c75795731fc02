/**
 * Working days (工作日) for time limits: Monday–Friday, minus statutory holidays, plus the
 * weekends made working days by 调休 — both kept as data (calendar_days) that admins maintain.
 * Dates are China local dates ("YYYY-MM-DD", UTC+8 all year: China has no daylight saving).
 *
 * This file owns the table `calendar_days`: the calendar module's admin routes read and change it
 * through the functions below, the cases module asks for its fingerprint (calendarFingerprint).
 */
import { createHash } from 'node:crypto';
import { RefreshSchedule } from './refreshing.js';
import type { Db, DbOrTx } from '../db/index.js';
import type { CalendarDayTable } from '../db/types.js';

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The China local date of an instant. */
export const chinaDate = (instant: Date): string => new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The China local hour (0–23) of an instant. */
export const chinaHour = (instant: Date): number => new Date(instant.getTime() + CHINA_OFFSET_MS).getUTCHours();

/** The instant a China local date begins, as stored (ISO UTC text): 2026-11-27 → 2026-11-26T16:00:00.000Z. */
export const chinaDayStart = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString();

/** 2026-11-27 → 2026年11月27日 (a calendar day as written in documents and SMS); "" for nothing. */
export function chineseDate(date: string | null): string {
  if (!date) return '';
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, n: number): string => fromUtc(toUtc(date) + n * DAY_MS);
// a month or day out of range (2026-13-01) parses to NaN, which toISOString would throw on
export const isValidDate = (date: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(date) && Number.isFinite(toUtc(date)) && fromUtc(toUtc(date)) === date;

// ───────────────────────── the table (calendar_days) ─────────────────────────

/** A stored exception to Monday–Friday: a holiday on a weekday or a 调休 working weekend day. */
export type CalendarDayRow = CalendarDayTable;

/** The exceptions stored for a year, in date order. */
export const calendarDaysOfYear = (db: DbOrTx, year: number): Promise<CalendarDayRow[]> =>
  db.selectFrom('calendar_days').selectAll().where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).orderBy('date').execute();

/** The exception stored for a date, if any. */
export const calendarDay = (db: DbOrTx, date: string): Promise<CalendarDayRow | undefined> =>
  db.selectFrom('calendar_days').selectAll().where('date', '=', date).executeTakeFirst();

/** Stores a date's exception, replacing the one it had. */
export async function putCalendarDay(db: DbOrTx, date: string, values: Omit<CalendarDayRow, 'date'>): Promise<void> {
  await db.insertInto('calendar_days').values({ date, ...values }).onConflict((oc) => oc.column('date').doUpdateSet(values)).execute();
}

/** Removes a date's exception (the day is Monday–Friday again). */
export async function deleteCalendarDay(db: DbOrTx, date: string): Promise<void> {
  await db.deleteFrom('calendar_days').where('date', '=', date).execute();
}

/** A fingerprint of the holiday calendar (every exception's date and kind), read from the table: it changes when any working day does. */
export async function calendarFingerprint(db: DbOrTx): Promise<string> {
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind']).orderBy('date').execute();
  return createHash('sha256').update(rows.map((r) => `${r.date}:${r.kind}`).join(',')).digest('hex');
}

export interface CalendarException {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** The working-day questions time limits ask (WorkingCalendar, WorkingDayIndex). */
export interface WorkingDays {
  isWorkingDay(date: string): boolean;
  /** The date `n` working days after `date` (that day not counted); n = 0 gives `date`. */
  addWorkingDays(date: string, n: number): string;
  /** Working days in (from, to]; negative when `to` is earlier. */
  workingDaysBetween(from: string, to: string): number;
  /** The `k`-th working day counting back from `date` (`date` itself first when it is one); k ≥ 1. */
  workingDayBack(date: string, k: number): string;
}

const dayNumber = (date: string): number => toUtc(date) / DAY_MS;
const dateOfDay = (day: number): string => fromUtc(day * DAY_MS);

/**
 * A span of the calendar as arrays (working days counted from its first day), so that adding or
 * counting working days is O(1) instead of a walk day by day — what lists of cases and the warning
 * scan over many cases need. Dates outside the span are answered by `outside`.
 */
export class WorkingDayIndex implements WorkingDays {
  private readonly first: number;
  /** cum[i]: working days in [first, first + i] */
  private readonly cum: Int32Array;
  /** day numbers of the working days in the span, in order (ordinal k at index k - 1) */
  private readonly workdays: Int32Array;

  constructor(isWorkingDay: (date: string) => boolean, from: string, to: string, private readonly outside: WorkingDays) {
    this.first = dayNumber(from);
    const days = dayNumber(to) - this.first + 1;
    if (!(days > 0)) throw new Error(`WorkingDayIndex: empty span ${from}..${to}`);
    this.cum = new Int32Array(days);
    const work: number[] = [];
    for (let i = 0, n = 0; i < days; i++) {
      if (isWorkingDay(dateOfDay(this.first + i))) {
        n++;
        work.push(this.first + i);
      }
      this.cum[i] = n;
    }
    this.workdays = Int32Array.from(work);
  }

  /** Working days from the start of the span up to and including `date`; -1 outside it. */
  private ordinal(date: string): number {
    const i = dayNumber(date) - this.first;
    return i >= 0 && i < this.cum.length ? this.cum[i]! : -1;
  }

  /** The working day with this ordinal, or undefined outside the span. */
  private workday(ordinal: number): string | undefined {
    return ordinal >= 1 && ordinal <= this.workdays.length ? dateOfDay(this.workdays[ordinal - 1]!) : undefined;
  }

  isWorkingDay(date: string): boolean {
    const i = dayNumber(date) - this.first;
    if (i < 0 || i >= this.cum.length) return this.outside.isWorkingDay(date);
    return this.cum[i]! > (i === 0 ? 0 : this.cum[i - 1]!);
  }

  addWorkingDays(date: string, n: number): string {
    if (n <= 0) return date;
    const o = this.ordinal(date);
    return (o < 0 ? undefined : this.workday(o + n)) ?? this.outside.addWorkingDays(date, n);
  }

  workingDaysBetween(from: string, to: string): number {
    const a = this.ordinal(from);
    const b = this.ordinal(to);
    return a < 0 || b < 0 ? this.outside.workingDaysBetween(from, to) : b - a;
  }

  workingDayBack(date: string, k: number): string {
    const o = this.ordinal(date);
    return (o < 0 ? undefined : this.workday(o - k + 1)) ?? this.outside.workingDayBack(date, k);
  }
}

export class WorkingCalendar implements WorkingDays {
  private exceptions = new Map<string, CalendarException>();
  private readonly schedule: RefreshSchedule | null;
  /** O(1) arithmetic over ±10 years around the current year, built on first use after each load. */
  private index: WorkingDayIndex | null = null;
  private static readonly REFRESH_MS = 60_000;
  private static readonly INDEX_YEARS = 10;

  constructor(private readonly db: Db | null, exceptions: CalendarException[] = []) {
    this.schedule = db ? new RefreshSchedule(() => this.load(), WorkingCalendar.REFRESH_MS) : null;
    this.set(exceptions);
  }

  /** Bumped at every load: answers worked out from the calendar before (venues' open now) are stale. */
  version = 0;

  private set(list: CalendarException[]): void {
    this.exceptions = new Map(list.map((e) => [e.date, e]));
    this.index = null;
    this.version++;
  }

  private fast(): WorkingDayIndex {
    if (!this.index) {
      const y = new Date().getUTCFullYear();
      const slow: WorkingDays = {
        isWorkingDay: (d) => this.isWorkingDay(d),
        addWorkingDays: (d, n) => this.walkAdd(d, n),
        workingDaysBetween: (a, b) => this.walkBetween(a, b),
        workingDayBack: (d, k) => this.walkBack(d, k),
      };
      this.index = new WorkingDayIndex((d) => this.isWorkingDay(d), `${y - WorkingCalendar.INDEX_YEARS}-01-01`, `${y + WorkingCalendar.INDEX_YEARS}-12-31`, slow);
    }
    return this.index;
  }

  async load(): Promise<void> {
    if (!this.db) return;
    const rows = await this.db.selectFrom('calendar_days').select(['date', 'kind', 'name']).execute();
    this.set(rows);
    this.schedule?.loaded();
  }

  /**
   * Reloads in the background when older than a minute, so an admin's change reaches every
   * process; never inside the caller's transaction (RefreshSchedule).
   */
  async fresh(): Promise<this> {
    await this.schedule?.fresh();
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
    return this.fast().addWorkingDays(date, n);
  }

  /** Working days in (from, to]: how many working days pass from the end of `from` to the end of `to`; negative when `to` is earlier. */
  workingDaysBetween(from: string, to: string): number {
    return this.fast().workingDaysBetween(from, to);
  }

  /** The `k`-th working day counting back from `date` (`date` itself first when it is one); k ≥ 1. */
  workingDayBack(date: string, k: number): string {
    return this.fast().workingDayBack(date, k);
  }

  // The day-by-day walks: the definition, and the answer outside the index's span.

  private walkAdd(date: string, n: number): string {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  private walkBetween(from: string, to: string): number {
    if (to === from) return 0;
    const [a, b, sign] = to > from ? [from, to, 1] : [to, from, -1];
    let n = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n * sign;
  }

  private walkBack(date: string, k: number): string {
    let d = date;
    let found = this.isWorkingDay(d) ? 1 : 0;
    while (found < k) {
      d = addDays(d, -1);
      if (this.isWorkingDay(d)) found++;
    }
    return d;
  }
}
