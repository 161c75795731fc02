import { describe, expect, it } from 'vitest';
import { hoursOn, isoWeekday, openState, weeklyText, type CalendarFacts, type VenueHours } from './venue-hours.js';

// 春节 2026 as the State Council set it: 2–15 to 2–23 off, Saturday 2–14 and 2–28 worked (调休).
const HOLIDAYS = new Set(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
const WORKDAYS = new Set(['2026-02-14', '2026-02-28']);
const cal: CalendarFacts = {
  isWorkingDay: (d) => (HOLIDAYS.has(d) ? false : WORKDAYS.has(d) ? true : !['6', '7'].includes(isoWeekday(d))),
  exceptionName: (d) => (HOLIDAYS.has(d) || WORKDAYS.has(d) ? '春节' : null),
};
const weekdays = (hours: string[]) => ({ '1': hours, '2': hours, '3': hours, '4': hours, '5': hours });
const OFFICE: VenueHours = { always: false, calendar: 'working', week: weekdays(['08:30-12:00', '13:30-17:30']), exceptions: [] };
const BANK: VenueHours = { always: false, calendar: 'own', week: { ...weekdays(['09:00-17:00']), '6': ['09:00-17:00'], '7': ['09:00-17:00'] }, exceptions: [] };
const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe('opening hours across the working-day calendar', () => {
  it('an office is closed on 春节 (a Monday), says why, and opens again on the first working day after', () => {
    expect(isoWeekday('2026-02-16')).toBe('1');
    expect(hoursOn(OFFICE, '2026-02-16', cal)).toEqual({ hours: [], note: '春节' });
    const s = openState(OFFICE, '2026-02-16', at('10:00'), cal);
    expect(s).toMatchObject({ openNow: false, closesAt: null, today: '今日休息（春节）' });
    expect(s.opensAt).toEqual({ date: '2026-02-24', time: '08:30' });
  });

  it('an office opens on the 调休 Saturday with the weekday hours, and says it is 调休', () => {
    expect(isoWeekday('2026-02-14')).toBe('6');
    expect(hoursOn(OFFICE, '2026-02-14', cal)).toEqual({ hours: ['08:30-12:00', '13:30-17:30'], note: '春节（调休上班）' });
    expect(openState(OFFICE, '2026-02-14', at('09:00'), cal)).toMatchObject({ openNow: true, closesAt: '12:00' });
    // an ordinary Saturday stays closed
    expect(openState(OFFICE, '2026-03-07', at('09:00'), cal)).toMatchObject({ openNow: false, opensAt: { date: '2026-03-09', time: '08:30' } });
  });

  it('a bank keeps its own week: open on 春节 and on weekends', () => {
    expect(openState(BANK, '2026-02-16', at('10:00'), cal)).toMatchObject({ openNow: true, closesAt: '17:00', today: '09:00-17:00' });
    expect(openState(BANK, '2026-03-07', at('16:59'), cal).openNow).toBe(true);
    expect(openState(BANK, '2026-03-07', at('17:00'), cal)).toMatchObject({ openNow: false, opensAt: { date: '2026-03-08', time: '09:00' } });
  });

  it('the lunch break: closed between intervals, opening later today', () => {
    expect(openState(OFFICE, '2026-03-09', at('12:30'), cal)).toMatchObject({ openNow: false, opensAt: { date: '2026-03-09', time: '13:30' } });
    expect(openState(OFFICE, '2026-03-09', at('08:29'), cal)).toMatchObject({ openNow: false, opensAt: { date: '2026-03-09', time: '08:30' } });
    expect(openState(OFFICE, '2026-03-09', at('08:30'), cal)).toMatchObject({ openNow: true, closesAt: '12:00' });
  });

  it("the venue's own days win over the week and the calendar", () => {
    const renovating: VenueHours = { ...OFFICE, exceptions: [{ date: '2026-03-10', hours: [], note: '设备检修，暂停服务' }, { date: '2026-03-14', hours: ['09:00-12:00'], note: '周六延时服务' }] };
    expect(openState(renovating, '2026-03-10', at('10:00'), cal)).toMatchObject({ openNow: false, today: '今日休息（设备检修，暂停服务）', opensAt: { date: '2026-03-11', time: '08:30' } });
    expect(openState(renovating, '2026-03-14', at('10:00'), cal)).toMatchObject({ openNow: true, closesAt: '12:00' });
  });

  it('a 24-hour area is always open; a place with no hours never opens', () => {
    const always: VenueHours = { always: true, calendar: 'own', week: {}, exceptions: [] };
    expect(openState(always, '2026-02-16', at('03:00'), cal)).toMatchObject({ openNow: true, closesAt: '24:00', today: '24 小时' });
    expect(openState({ ...OFFICE, week: {} }, '2026-03-09', at('10:00'), cal)).toMatchObject({ openNow: false, opensAt: null });
  });

  it('the week in words, runs of equal days together', () => {
    expect(weeklyText(OFFICE)).toEqual(['周一至周五 08:30-12:00、13:30-17:30', '周六、周日 休息', '法定节假日休息，调休上班日照常办公']);
    expect(weeklyText(BANK)).toEqual(['周一至周日 09:00-17:00']);
  });
});
