/**
 * The service bus (政务服务大篷车) as server and browser both need it: the stop statuses in words,
 * the spans of days the lists cover, and the weekday of a calendar day.
 */
import { isoWeekday } from './venue-hours.js';

export const BUS_VISIT_STATUS_CODES = ['planned', 'cancelled'] as const;
export type BusVisitStatus = (typeof BUS_VISIT_STATUS_CODES)[number];
export const BUS_VISIT_STATUSES: Record<BusVisitStatus, string> = { planned: '按计划', cancelled: '已取消' };

/** The public list covers this many days from its first day unless asked otherwise. */
export const BUS_DEFAULT_DAYS = 30;
/** At most this many days in one public answer (a season's timetable; a year is an admin's question). */
export const BUS_MAX_PUBLIC_DAYS = 92;
/** The administrators' board may look this far at once. */
export const BUS_MAX_ADMIN_DAYS = 366;
/** Stops are planned at most this far ahead. */
export const BUS_PLAN_AHEAD_DAYS = 366;
/** A weekly plan repeats at most this many weeks (half a year). */
export const BUS_MAX_PLAN_WEEKS = 26;
/** The map page lists the stops of the next two weeks. */
export const BUS_MAP_DAYS = 14;

/** "HH:MM", 24-hour China wall time. */
export const BUS_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const WEEKDAYS = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' } as const;

/** 2026-12-01 → 周二. */
export const busWeekday = (date: string): string => WEEKDAYS[isoWeekday(date)];
