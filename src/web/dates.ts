/**
 * Dates in the web app, in one place. Two kinds of value come from the server (ARCHITECTURE.md,
 * "Data conventions"):
 *
 * - **Instants**: ISO-8601 UTC text (`2026-11-27T02:00:00.000Z`). They are always shown in China
 *   time (Asia/Shanghai), whatever zone the browser is set to: these are Chinese administrative
 *   records, and a clerk's laptop or a citizen abroad must read the same time as the 办件 documents.
 * - **Calendar days**: `YYYY-MM-DD` text (due dates, effective dates). A day is a day: it is never
 *   turned into an instant and back, so no zone can move it.
 *
 * Missing values show as "—" (the Chinese forms, used inside sentences, as ""); text that is not a
 * date at all is shown as it came.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

export const CHINA_TIME_ZONE = 'Asia/Shanghai';
/**
 * Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so China wall time is a fixed
 * offset. Converting through the zone's name instead (dayjs's timezone plugin, Intl) cost a phone
 * about 80 ms of blocked main thread the first time a page showed a date (Lighthouse, 4× CPU).
 */
const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

type Maybe = string | null | undefined;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MISSING = '—';

/** True for real `YYYY-MM-DD` days (2026-02-29 is not one), checked on the text alone. */
export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/**
 * An instant as China wall time (a dayjs at UTC+8), or null when missing or not an instant.
 * Parsed by the platform's ISO parser, never by dayjs's own, which reads zone-less text as the
 * browser's local time.
 */
export function inChina(instant: string | number | Date | null | undefined): Dayjs | null {
  if (instant === null || instant === undefined || instant === '') return null;
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  return Number.isNaN(ms) ? null : dayjs(ms).utcOffset(CHINA_UTC_OFFSET_MINUTES);
}

function showInstant(iso: Maybe, pattern: string, missing = MISSING): string {
  if (!iso) return missing;
  return inChina(iso)?.format(pattern) ?? iso;
}

/** `2026-11-27T02:00:00Z` → `2026-11-27 10:00` (China time). */
export const chinaDateTime = (iso: Maybe): string => showInstant(iso, 'YYYY-MM-DD HH:mm');

/** `2026-11-27T02:00:00Z` → `11-27 10:00` (China time), for tight places such as 锁定至. */
export const chinaShortDateTime = (iso: Maybe): string => showInstant(iso, 'MM-DD HH:mm');

/** `2026-11-27T02:00:00Z` → `10:00` (China time). */
export const chinaTimeOfDay = (iso: Maybe): string => showInstant(iso, 'HH:mm');

/** The China day of an instant (`2026-11-26T16:00:00Z` → `2026-11-27`); a calendar day stays as it is. */
export function chinaDate(value: Maybe): string {
  if (!value) return MISSING;
  if (DAY.test(value)) return value;
  return showInstant(value, 'YYYY-MM-DD');
}

/** A calendar day or an instant's China day in the Chinese long form: `2026年11月27日`; "" for nothing. */
export function chineseDate(value: Maybe): string {
  if (!value) return '';
  const m = DAY.exec(value);
  if (m) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return showInstant(value, 'YYYY年M月D日', '');
}

/** `2026-11-27T02:00:00Z` → `2026年11月27日 10:00` (China time); "" for nothing. */
export const chineseDateTime = (iso: Maybe): string => showInstant(iso, 'YYYY年M月D日 HH:mm', '');

/** `2026-11-27T02:00:00Z` → `11月27日 10:00` (China time); "" for nothing. */
export const chineseShortDateTime = (iso: Maybe): string => showInstant(iso, 'M月D日 HH:mm', '');

/** Today in China as `YYYY-MM-DD` (what the server calls today), whatever the browser's zone. */
export function chinaToday(now: number | Date = Date.now()): string {
  return inChina(now)!.format('YYYY-MM-DD');
}

/**
 * antd DatePicker values are dayjs objects in the browser's zone. A calendar day goes in as that
 * day's local midnight and comes out by its own year, month and day, so a picker never moves a day,
 * whatever the zone (never `toISOString()` a picker value: in UTC+8 that is the day before).
 */
export function pickerDay(day: Maybe): Dayjs | null {
  if (!day || !isCalendarDay(day)) return null;
  const m = DAY.exec(day)!;
  return dayjs(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** The calendar day a DatePicker value stands for: `YYYY-MM-DD`. */
export const dayOfPicker = (value: Dayjs): string => value.format('YYYY-MM-DD');
