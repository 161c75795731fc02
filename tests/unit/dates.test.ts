/**
 * src/web/dates.ts must give the same answers in every browser zone. The run switches the process
 * zone (Node applies a change of process.env.TZ at once) to zones on both sides of China, with and
 * without daylight saving, and checks instants around midnight China time and calendar days.
 */
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chinaDate, chinaDateTime, chinaShortDateTime, chinaTimeOfDay, chinaToday, chineseDate, chineseDateTime, chineseShortDateTime,
  dayOfPicker, inChina, isCalendarDay, pickerDay,
} from '../../src/web/dates.js';

const ZONES = ['America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/London', 'UTC', 'Asia/Shanghai'];
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe.each(ZONES)('in a browser set to %s', (zone) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  it('runs in that zone (so a naive formatter would be caught)', () => {
    const offset = 0 - new Date('2026-11-26T16:30:00Z').getTimezoneOffset();
    expect(offset).toBe({ 'America/Los_Angeles': -480, 'Pacific/Kiritimati': 840, 'Europe/London': 0, UTC: 0, 'Asia/Shanghai': 480 }[zone]);
    // What the old helpers did (the browser's zone): right only in UTC+8.
    const naive = dayjs('2026-11-26T16:30:00Z').format('YYYY-MM-DD HH:mm');
    if (zone === 'Asia/Shanghai') expect(naive).toBe('2026-11-27 00:30');
    else expect(naive).not.toBe('2026-11-27 00:30');
  });

  it('shows instants in China time', () => {
    expect(chinaDateTime('2026-11-27T02:00:00.000Z')).toBe('2026-11-27 10:00');
    expect(chinaShortDateTime('2026-11-27T02:00:00.000Z')).toBe('11-27 10:00');
    expect(chinaTimeOfDay('2026-11-27T02:00:00.000Z')).toBe('10:00');
    expect(chineseDateTime('2026-11-27T02:00:00.000Z')).toBe('2026年11月27日 10:00');
    expect(chineseShortDateTime('2026-01-05T01:07:00.000Z')).toBe('1月5日 09:07');
    expect(chinaDateTime('2026-11-27T10:00:00+08:00')).toBe('2026-11-27 10:00');
  });

  it('puts instants near midnight China time on the right China day', () => {
    expect(chinaDateTime('2026-11-26T15:59:59.999Z')).toBe('2026-11-26 23:59');
    expect(chinaDate('2026-11-26T15:59:59.999Z')).toBe('2026-11-26');
    expect(chineseDate('2026-11-26T15:59:59.999Z')).toBe('2026年11月26日');
    expect(chinaDateTime('2026-11-26T16:00:00.000Z')).toBe('2026-11-27 00:00');
    expect(chinaDate('2026-11-26T16:00:00.000Z')).toBe('2026-11-27');
    expect(chineseDate('2026-11-26T16:00:00.000Z')).toBe('2026年11月27日');
    // New year's eve, and the nights the browser's own clock jumps (Los Angeles, London).
    expect(chinaDateTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00');
    expect(chinaDate('2026-12-31T15:59:00.000Z')).toBe('2026-12-31');
    expect(chinaDateTime('2026-03-08T10:30:00.000Z')).toBe('2026-03-08 18:30');
    expect(chinaDateTime('2026-11-01T09:30:00.000Z')).toBe('2026-11-01 17:30');
    expect(chinaDateTime('2026-03-29T01:30:00.000Z')).toBe('2026-03-29 09:30');
  });

  it('knows what day it is in China', () => {
    expect(chinaToday(new Date('2026-11-26T15:59:59.999Z'))).toBe('2026-11-26');
    expect(chinaToday(new Date('2026-11-26T16:00:00.000Z'))).toBe('2026-11-27');
    expect(chinaToday(Date.parse('2026-11-27T15:00:00.000Z'))).toBe('2026-11-27');
    expect(chinaToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('never moves a calendar day', () => {
    expect(chinaDate('2026-11-27')).toBe('2026-11-27');
    expect(chinaDate('2026-01-01')).toBe('2026-01-01');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('1900-02-29')).toBe(false);
    expect(isCalendarDay('2000-02-29')).toBe(true);
    expect(isCalendarDay('2026-04-31')).toBe(false);
    expect(isCalendarDay('2026-11-27T00:00:00Z')).toBe(false);
  });

  it('round-trips DatePicker days, including the days the browser changes its clock', () => {
    for (const day of ['2026-11-27', '2026-01-01', '2026-12-31', '2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2028-02-29']) {
      const value = pickerDay(day)!;
      expect(value.date()).toBe(Number(day.slice(8)));
      expect(dayOfPicker(value)).toBe(day);
    }
    // A day the user picks is a local dayjs of that day, as antd makes it.
    expect(dayOfPicker(dayjs(new Date(2026, 10, 27)))).toBe('2026-11-27');
    expect(dayOfPicker(dayjs(new Date(2026, 10, 27, 23, 59)))).toBe('2026-11-27');
    expect(pickerDay('2026-02-30')).toBeNull();
    expect(pickerDay(null)).toBeNull();
  });

  it('shows missing values as — (or nothing, in the Chinese forms) and other text as it came', () => {
    expect(chinaDateTime(null)).toBe('—');
    expect(chinaDateTime(undefined)).toBe('—');
    expect(chinaDate('')).toBe('—');
    expect(chineseDate(null)).toBe('');
    expect(chineseDateTime(undefined)).toBe('');
    expect(chinaDateTime('not a date')).toBe('not a date');
    expect(chinaDate('not a date')).toBe('not a date');
    expect(inChina('not a date')).toBeNull();
    expect(inChina('2026-11-26T16:00:00Z')!.format('YYYY-MM-DD HH:mm Z')).toBe('2026-11-27 00:00 +08:00');
  });
});
