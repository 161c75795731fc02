import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { loadHolidayFile } from '../seed/calendar.js';
import { chinaDate, chinaDayStart, chineseDate, chinaHour, WorkingCalendar } from './calendar.js';

const file = JSON.parse(readFileSync(path.join(projectRoot(), 'reference-data/calendar/cn-holidays.json'), 'utf8'));
const calendar = new WorkingCalendar(null, loadHolidayFile(file).map((r) => ({ date: r.date, kind: r.kind, name: r.name })));

describe('working-day calendar', () => {
  it('knows weekends, holidays and 调休 working weekends', () => {
    expect(calendar.isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false); // 春节, Monday
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true); // 调休 Saturday
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // 国庆中秋, Wednesday
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // 调休 Sunday
  });

  it('adds working days across 春节 2026', () => {
    // Accepted Friday 13 Feb; Sat 14 Feb is a 调休 working day; 15–23 Feb off.
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    expect(calendar.addWorkingDays('2026-02-13', 6)).toBe('2026-02-28'); // 调休 Saturday
    expect(calendar.addWorkingDays('2026-02-13', 0)).toBe('2026-02-13');
  });

  it('adds working days across 国庆 and its 调休 weekends', () => {
    // 2025: Sun 28 Sep works; 1–8 Oct off; Sat 11 Oct works.
    expect(calendar.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(calendar.addWorkingDays('2025-09-26', 3)).toBe('2025-09-30');
    expect(calendar.addWorkingDays('2025-09-26', 4)).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-09-26', 6)).toBe('2025-10-11');
    expect(calendar.addWorkingDays('2025-09-26', 20)).toBe('2025-10-30');
  });

  it('counts working days between dates, both ways', () => {
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(calendar.workingDaysBetween('2026-02-24', '2026-02-13')).toBe(-2);
    expect(calendar.workingDaysBetween('2026-11-27', '2026-11-27')).toBe(0);
    expect(calendar.workingDaysBetween('2026-11-27', '2026-11-30')).toBe(1);
  });

  it('takes China local dates from instants', () => {
    expect(chinaDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(chinaDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(chinaHour(new Date('2026-11-27T15:59:59Z'))).toBe(23);
    expect(chinaHour(new Date('2026-11-27T16:00:00Z'))).toBe(0);
    expect(chinaHour(new Date('2026-11-27T01:00:00Z'))).toBe(9);
    expect(chinaDayStart('2026-11-28')).toBe('2026-11-27T16:00:00.000Z');
    expect(chinaDayStart('2027-01-01')).toBe('2026-12-31T16:00:00.000Z');
  });

  it('writes days the Chinese way', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseDate('2026-12-11')).toBe('2026年12月11日');
    expect(chineseDate(null)).toBe('');
  });

  it('marks 2027 as provisional until the notice is published', () => {
    const rows = loadHolidayFile(file);
    expect(rows.filter((r) => r.date.startsWith('2027')).every((r) => r.provisional)).toBe(true);
    expect(rows.filter((r) => r.date.startsWith('2026')).some((r) => r.provisional)).toBe(false);
  });
});
