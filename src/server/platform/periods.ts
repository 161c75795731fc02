/**
 * A period of China dates split for aggregates kept by day and by month: the whole months inside
 * it (read from the monthly table) and the days at either end that do not make a whole month (read
 * from the daily table). A year of figures is then twelve monthly rows and at most two months of
 * daily rows per key, not 365 daily ones.
 */
import { addDays } from './calendar.js';

export interface PeriodParts {
  /** whole months [from, to] (YYYY-MM), or null when the period holds none */
  months: { from: string; to: string } | null;
  /** the days outside those months, as at most two ranges [from, to] of China dates */
  days: { from: string; to: string }[];
}

const monthStart = (month: string) => `${month}-01`;
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const monthEnd = (month: string) => addDays(monthStart(nextMonth(month)), -1);

export function periodParts(from: string, to: string): PeriodParts {
  // the first whole month starts on or after `from`; the last ends on or before `to`
  const first = from === monthStart(from.slice(0, 7)) ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const last = to === monthEnd(to.slice(0, 7)) ? to.slice(0, 7) : (() => {
    const [y, m] = to.slice(0, 7).split('-').map(Number) as [number, number];
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  })();
  if (first > last) return { months: null, days: [{ from, to }] };
  const days: { from: string; to: string }[] = [];
  if (from < monthStart(first)) days.push({ from, to: addDays(monthStart(first), -1) });
  if (to > monthEnd(last)) days.push({ from: monthStart(nextMonth(last)), to });
  return { months: { from: first, to: last }, days };
}
