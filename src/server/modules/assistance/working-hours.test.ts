/**
 * Time limits in working hours (08:30–12:00, 13:30–17:30 China time) on the bundled working-day
 * calendar: across the lunch break, a weekend, 春节 2026 (15–23 February off) and its 调休
 * Saturday (14 February works). Instants are given in UTC (China time − 8 h).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { WorkingCalendar } from '../../platform/calendar.js';
import { loadHolidayFile } from '../../seed/calendar.js';
import { addWorkingMinutes, workingMinutesBetween } from './working-hours.js';

const file = JSON.parse(readFileSync(path.join(projectRoot(), 'reference-data/calendar/cn-holidays.json'), 'utf8'));
const cal = new WorkingCalendar(null, loadHolidayFile(file).map((r) => ({ date: r.date, kind: r.kind, name: r.name })));
const add = (from: string, minutes: number) => addWorkingMinutes(cal, new Date(from), minutes).toISOString();

describe('addWorkingMinutes', () => {
  it('counts within a morning, and up to the end of a period exactly', () => {
    // Friday 27 November 2026, 10:00 China time
    expect(add('2026-11-27T02:00:00.000Z', 120)).toBe('2026-11-27T04:00:00.000Z'); // 12:00
    expect(add('2026-11-27T02:00:00.000Z', 1)).toBe('2026-11-27T02:01:00.000Z');
  });

  it('skips the lunch break', () => {
    // 11:00 + 2 h: one hour before noon, one after 13:30 → 14:30
    expect(add('2026-11-27T03:00:00.000Z', 120)).toBe('2026-11-27T06:30:00.000Z');
    // made at 12:30 (lunch): counting starts at 13:30 → 15:30
    expect(add('2026-11-27T04:30:00.000Z', 120)).toBe('2026-11-27T07:30:00.000Z');
  });

  it('skips the evening and the weekend', () => {
    // Friday 16:30 + 2 h: one hour on Friday, one from Monday 08:30 → Monday 09:30
    expect(add('2026-11-27T08:30:00.000Z', 120)).toBe('2026-11-30T01:30:00.000Z');
    // made on Saturday: Monday 08:30 + 2 h → 10:30
    expect(add('2026-11-28T02:00:00.000Z', 120)).toBe('2026-11-30T02:30:00.000Z');
    // one working day (7.5 h) from Friday 10:00 is Monday 10:00
    expect(add('2026-11-27T02:00:00.000Z', 450)).toBe('2026-11-30T02:00:00.000Z');
  });

  it('works on the 调休 Saturday before 春节 and skips the holiday', () => {
    // Friday 13 February 17:00 + 2 h: 30 min on Friday, then Saturday 14 February (调休) 08:30 + 90 min → 10:00
    expect(add('2026-02-13T09:00:00.000Z', 120)).toBe('2026-02-14T02:00:00.000Z');
    // Saturday 14 February 17:00 + 2 h: 30 min, then 15–23 February off → Tuesday 24 February 10:00
    expect(add('2026-02-14T09:00:00.000Z', 120)).toBe('2026-02-24T02:00:00.000Z');
    // an ordinary Saturday is off: Saturday 7 February → Monday 9 February 10:30
    expect(add('2026-02-07T02:00:00.000Z', 120)).toBe('2026-02-09T02:30:00.000Z');
  });

  it('gives the instant itself for no minutes', () => {
    expect(add('2026-11-28T02:00:00.000Z', 0)).toBe('2026-11-28T02:00:00.000Z');
  });
});

describe('workingMinutesBetween', () => {
  it('counts only working time, and is the inverse of addWorkingMinutes', () => {
    expect(workingMinutesBetween(cal, new Date('2026-11-27T03:00:00.000Z'), new Date('2026-11-27T06:30:00.000Z'))).toBe(120);
    expect(workingMinutesBetween(cal, new Date('2026-11-27T08:30:00.000Z'), new Date('2026-11-30T01:30:00.000Z'))).toBe(120);
    expect(workingMinutesBetween(cal, new Date('2026-02-14T09:00:00.000Z'), new Date('2026-02-24T02:00:00.000Z'))).toBe(120);
    expect(workingMinutesBetween(cal, new Date('2026-11-30T01:30:00.000Z'), new Date('2026-11-27T08:30:00.000Z'))).toBe(0);
    for (const [from, m] of [['2026-11-27T03:17:00.000Z', 333], ['2026-02-13T08:00:00.000Z', 900]] as const) {
      expect(workingMinutesBetween(cal, new Date(from), addWorkingMinutes(cal, new Date(from), m))).toBe(m);
    }
  });
});
