/**
 * The service map's words (src/web/portal/map/format.ts): distances as people say them, and open
 * now / opens at / closes at from the server's fields, relative to the China date of "today".
 */
import { describe, expect, it } from 'vitest';
import { dayLabel, firstPhone, formatDistance, openStateText, todayText } from '../../src/web/portal/map/format.js';

describe('formatDistance', () => {
  it('close by, metres under a kilometre (to ten metres), one decimal to 10 km, whole kilometres beyond', () => {
    expect(formatDistance(0)).toBe('50 米以内');
    expect(formatDistance(49)).toBe('50 米以内');
    expect(formatDistance(50)).toBe('50 米');
    expect(formatDistance(234)).toBe('230 米');
    expect(formatDistance(994)).toBe('990 米');
    expect(formatDistance(995)).toBe('1.0 公里');
    expect(formatDistance(1234)).toBe('1.2 公里');
    expect(formatDistance(9949)).toBe('9.9 公里');
    expect(formatDistance(9950)).toBe('10 公里');
    expect(formatDistance(23_600)).toBe('24 公里');
    expect(formatDistance(Number.NaN)).toBe('');
  });
});

describe('dayLabel', () => {
  it('today, tomorrow and the day after by name; later days with their date and weekday', () => {
    expect(dayLabel('2026-04-30', '2026-04-30')).toBe('今天');
    expect(dayLabel('2026-05-01', '2026-04-30')).toBe('明天');
    expect(dayLabel('2026-05-02', '2026-04-30')).toBe('后天');
    expect(dayLabel('2026-05-06', '2026-04-30')).toBe('5月6日（周三）');
  });
});

describe('openStateText', () => {
  const today = '2026-04-30';
  it('open: until when, or around the clock', () => {
    expect(openStateText({ openNow: true, closesAt: '17:30', opensAt: null, todayHours: '08:30-12:00、13:30-17:30' }, today)).toEqual({ open: true, state: '正在营业', next: '今天营业到 17:30' });
    expect(openStateText({ openNow: true, closesAt: '24:00', opensAt: null, todayHours: '24 小时' }, today)).toEqual({ open: true, state: '正在营业', next: '24 小时开放' });
  });
  it('closed: when it opens next (the lunch break, tomorrow after a holiday), or that it is suspended', () => {
    expect(openStateText({ openNow: false, closesAt: null, opensAt: { date: today, time: '13:30' }, todayHours: '08:30-12:00、13:30-17:30' }, today).next).toBe('今天 13:30 开门');
    expect(openStateText({ openNow: false, closesAt: null, opensAt: { date: '2026-05-06', time: '08:30' }, todayHours: '今日休息（劳动节）' }, today)).toEqual({
      open: false,
      state: '现在不营业',
      next: '5月6日（周三） 08:30 开门',
    });
    expect(openStateText({ openNow: false, closesAt: null, opensAt: null, todayHours: '今日休息（暂停服务）' }, today).next).toBe('近两周暂停服务');
  });
});

describe('firstPhone', () => {
  it('the first callable number of a list, as tel: digits', () => {
    expect(firstPhone('0537-5501004、0537-12345')).toEqual({ text: '0537-5501004', tel: '05375501004' });
    expect(firstPhone('')).toBeNull();
  });
});

describe('todayText', () => {
  it('drops the 今日 the label already says', () => {
    expect(todayText('今日休息（春节）')).toBe('休息（春节）');
    expect(todayText('08:30-12:00、13:30-17:30')).toBe('08:30-12:00、13:30-17:30');
    expect(todayText('24 小时')).toBe('24 小时');
  });
});
