/**
 * The helper workspace's time words: time left before a limit, and datetime-local values read and
 * written as China wall time whatever the machine's zone (the test runs in the machine's own zone).
 */
import { describe, expect, it } from 'vitest';
import { chinaInputValue, fromChinaInput, spanWords, timeLeftWords } from './words.js';

const NOW = Date.parse('2026-11-27T02:00:00.000Z');

describe('time left', () => {
  it('says what is left, or by how much it is late', () => {
    expect(timeLeftWords('2026-11-27T03:20:00.000Z', NOW)).toEqual({ text: '还剩 1 小时 20 分', overdue: false });
    expect(timeLeftWords('2026-11-27T02:45:30.000Z', NOW)).toEqual({ text: '还剩 45 分', overdue: false });
    expect(timeLeftWords('2026-11-29T05:00:00.000Z', NOW)).toEqual({ text: '还剩 2 天 3 小时', overdue: false });
    expect(timeLeftWords('2026-11-27T01:30:00.000Z', NOW)).toEqual({ text: '已超时 30 分', overdue: true });
    expect(timeLeftWords('2026-11-27T02:00:00.000Z', NOW).overdue).toBe(true);
    expect(spanWords(20_000)).toBe('不到 1 分');
    expect(spanWords(2 * 3_600_000)).toBe('2 小时');
  });
});

describe('datetime-local in China time', () => {
  it('writes and reads China wall time', () => {
    expect(chinaInputValue('2026-11-27T02:05:00.000Z')).toBe('2026-11-27T10:05');
    // after 16:00 UTC it is already the next day in China
    expect(chinaInputValue('2026-12-31T16:30:00.000Z')).toBe('2027-01-01T00:30');
    expect(fromChinaInput('2026-11-27T10:05')).toBe('2026-11-27T02:05:00.000Z');
    expect(fromChinaInput('2027-01-01T00:30')).toBe('2026-12-31T16:30:00.000Z');
    for (const iso of ['2026-02-28T23:59:00.000Z', '2028-02-29T12:00:00.000Z']) expect(fromChinaInput(chinaInputValue(iso))).toBe(iso);
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', '2026-11-27', '2026-02-30T10:00', '2026-13-01T10:00', '2026-11-27T24:00', 'yesterday']) expect(fromChinaInput(bad), bad).toBeNull();
  });
});
