/**
 * A day's opening hours as an administrator types them — "8:30-12:00、13:30-17:30", with the
 * separators people use (、，；space, — or ~ or 至 between the times) — and back. Pure: the form
 * and its tests use it.
 */
import { validInterval } from '../../shared/venue-hours.js';

const TIME = /^(\d{1,2})[:：](\d{2})$/;
const pad = (t: string): string | null => {
  const m = TIME.exec(t.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
};

/** The intervals typed for one day; `problem` names the first piece that is not a time span. */
export function parseDayHours(text: string): { intervals: string[]; problem: string | null } {
  const pieces = text.split(/[、,，;；\s]+/).map((p) => p.trim()).filter(Boolean);
  const intervals: string[] = [];
  for (const piece of pieces) {
    const [from, to, ...rest] = piece.split(/[-—–~～至]+/);
    const start = from !== undefined ? pad(from) : null;
    const end = to !== undefined ? pad(to) : null;
    const interval = start && end && rest.length === 0 ? `${start}-${end}` : null;
    if (!interval || !validInterval(interval)) return { intervals, problem: `「${piece}」不是时间段：应写成 08:30-12:00，开始早于结束` };
    intervals.push(interval);
  }
  return { intervals: intervals.sort(), problem: null };
}

export const dayHoursText = (intervals: readonly string[] | undefined): string => (intervals ?? []).join('、');
