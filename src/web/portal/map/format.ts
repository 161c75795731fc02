/**
 * The service map's words: distances, "open now / opens at / closes at", and days relative to
 * today — all from the server's China date and time (the venue's calendar is the server's), so
 * these are pure and the phone's clock or zone changes nothing but what "today" is.
 */
import { isoWeekday } from '../../../shared/venue-hours.js';
import { VENUE_GROUPS, type VenueGroup } from '../../../shared/venues.js';
import { serverClockSkew } from '../../api/client.js';
import { inChina } from '../../dates.js';

/** 50 米以内, 850 米, 1.2 公里, 12 公里: how far in the words a person uses. */
export function formatDistance(meters: number): string {
  if (!Number.isFinite(meters) || meters < 0) return '';
  if (meters < 50) return '50 米以内';
  if (meters < 995) return `${Math.round(meters / 10) * 10} 米`;
  if (meters < 9950) return `${(Math.round(meters / 100) / 10).toFixed(1)} 公里`;
  return `${Math.round(meters / 1000)} 公里`;
}

const WEEKDAY = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' } as const;

const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** 今天, 明天, 后天, or 5月3日（周六）. */
export function dayLabel(date: string, today: string): string {
  if (date === today) return '今天';
  if (date === addDays(today, 1)) return '明天';
  if (date === addDays(today, 2)) return '后天';
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（${WEEKDAY[isoWeekday(date)]}）`;
}

/** 5月3日（周六）, always with the date (the exceptions list names days, not "today"). */
export const dateWithWeekday = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（${WEEKDAY[isoWeekday(date)]}）`;

/** Today's China date, by the server's clock where it differs from the phone's. */
export const chinaToday = (): string => inChina(Date.now() + serverClockSkew())!.format('YYYY-MM-DD');

/** Today's hours after a "today" label: 今日休息（春节） → 休息（春节）. */
export const todayText = (todayHours: string): string => (todayHours.startsWith('今日') ? todayHours.slice(2) : todayHours);

export interface OpenFields {
  openNow: boolean;
  closesAt: string | null;
  opensAt: { date: string; time: string } | null;
  todayHours: string;
}

/**
 * Open or not, in words that stand alone (never colour alone): 正在营业 / 现在不营业 as the state,
 * and when it changes next.
 */
export function openStateText(v: OpenFields, today: string): { open: boolean; state: string; next: string } {
  if (v.openNow) {
    if (v.todayHours === '24 小时') return { open: true, state: '正在营业', next: '24 小时开放' };
    return { open: true, state: '正在营业', next: v.closesAt ? `今天营业到 ${v.closesAt}` : '' };
  }
  if (!v.opensAt) return { open: false, state: '现在不营业', next: '近两周暂停服务' };
  return { open: false, state: '现在不营业', next: `${dayLabel(v.opensAt.date, today)} ${v.opensAt.time} 开门` };
}

export { GROUP_CODES, GROUP_MARKS, markOf } from './marks.js';
export const isVenueGroup = (v: string | null): v is VenueGroup => v !== null && (Object.keys(VENUE_GROUPS) as string[]).includes(v);

/** The venue's detail page. */
export const venueHref = (id: string) => `/venues/${encodeURIComponent(id)}`;

/** "0537-5501004、0537-12345" → the first number's digits, for one big call button. */
export function firstPhone(value: string): { text: string; tel: string } | null {
  const first = value.split(/[、，,；;\s]+/).map((p) => p.trim()).find((p) => p.replace(/\D/g, '').length >= 5);
  return first ? { text: first, tel: first.replace(/[^\d+]/g, '') } : null;
}
