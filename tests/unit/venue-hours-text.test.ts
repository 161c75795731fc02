import { describe, expect, it } from 'vitest';
import { dayHoursText, parseDayHours } from '../../src/web/admin/venueHoursText.js';

describe('a day of hours as typed', () => {
  it('reads the separators people use and pads the hours', () => {
    expect(parseDayHours('8:30-12:00、13:30-17:30')).toEqual({ intervals: ['08:30-12:00', '13:30-17:30'], problem: null });
    expect(parseDayHours(' 13:30—17:30，8：30~12:00 ')).toEqual({ intervals: ['08:30-12:00', '13:30-17:30'], problem: null });
    expect(parseDayHours('09:00至16:00')).toEqual({ intervals: ['09:00-16:00'], problem: null });
    expect(parseDayHours('')).toEqual({ intervals: [], problem: null });
  });

  it('names the piece that is not a span', () => {
    expect(parseDayHours('8:30-12:00、下午').problem).toContain('「下午」');
    expect(parseDayHours('17:00-08:30').problem).toContain('开始早于结束');
    expect(parseDayHours('25:00-26:00').problem).not.toBeNull();
    expect(parseDayHours('8:30-12:00-13:00').problem).not.toBeNull();
  });

  it('writes intervals back as the form shows them', () => {
    expect(dayHoursText(['08:30-12:00', '13:30-17:30'])).toBe('08:30-12:00、13:30-17:30');
    expect(dayHoursText(undefined)).toBe('');
  });
});
