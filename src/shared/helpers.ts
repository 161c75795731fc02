/**
 * 帮办代办员 (DOMAIN.md §5), shared by server and web: who helpers are (type codes and their words),
 * the “三不” promise, the phone numbers a roster accepts, and duty hours in words.
 */
import { normalisePhone, isValidMobile } from './validators.js';
import { WEEKDAYS, type Weekday } from './venue-hours.js';

export const HELPER_TYPE_CODES = ['village_committee', 'party_member', 'community_worker', 'grid_worker', 'volunteer', 'retired_cadre'] as const;
export type HelperType = (typeof HELPER_TYPE_CODES)[number];

/** The words for each type, as the roster shows them. */
export const HELPER_TYPES: Record<HelperType, string> = {
  village_committee: '村两委',
  party_member: '党员',
  community_worker: '社区工作者',
  grid_worker: '网格员',
  volunteer: '志愿者',
  retired_cadre: '退休干部',
};

/** The words for a type code (the code itself only for one this version does not know). */
export const helperTypeName = (type: string): string => (HELPER_TYPES as Record<string, string>)[type] ?? type;

/** What a town's coordinator is called on the roster. */
export const COORDINATOR_LABEL = '帮办代办总协调';

/** The “三不” rules practitioners publish, in one line. */
export const HELPER_PROMISE = '免费帮办、不拖延、不泄露个人信息';

/**
 * When a helper is on duty: weekly China-time intervals (ISO weekday → "08:30-12:00"), like a
 * venue's weekly hours; `calendar: 'working'` — not on 法定节假日, on 调休 workdays as on Monday.
 */
export interface HelperDuty {
  week: Partial<Record<Weekday, string[]>>;
  calendar: 'working' | 'own';
}

const DAY_NAMES: Record<Weekday, string> = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' };

/**
 * Duty hours in lines a person reads: the days on duty only, consecutive days with the same hours
 * as one line ("周一至周五 08:30-11:30、14:00-17:00"; days apart each on their own: "周二 09:00-11:30",
 * "周四 09:00-11:30"), then "法定节假日休息" when the working calendar applies; none when no day is given.
 */
export function dutyText(duty: HelperDuty): string[] {
  const runs: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const d of WEEKDAYS) {
    const hours = duty.week[d];
    if (!hours?.length) continue;
    const text = hours.join('、');
    const last = runs.at(-1);
    if (last && last.text === text && Number(last.to) + 1 === Number(d)) last.to = d;
    else runs.push({ from: d, to: d, text });
  }
  if (runs.length === 0) return [];
  const days = (r: (typeof runs)[number]) => {
    const span = Number(r.to) - Number(r.from);
    return span === 0 ? DAY_NAMES[r.from] : `${DAY_NAMES[r.from]}${span === 1 ? '、' : '至'}${DAY_NAMES[r.to]}`;
  };
  const lines = runs.map((r) => `${days(r)} ${r.text}`);
  if (duty.calendar === 'working') lines.push('法定节假日休息');
  return lines;
}

/**
 * A helper's work phone as the roster keeps it: a mainland mobile (13905371234, "+86 139-0537-1234"
 * → 13905371234) or a landline with its area code (05375212345, "0537 521 2345" → 0537-5212345;
 * 010 and 02x have 3-digit area codes); null for anything else.
 */
export function normaliseHelperPhone(raw: string): string | null {
  const compact = raw.trim();
  if (!/^[0-9+\-\s()（）]+$/.test(compact)) return null;
  const mobile = normalisePhone(compact);
  if (isValidMobile(mobile)) return mobile;
  const digits = compact.replace(/[\s\-()（）]/g, '');
  if (!/^0\d{9,11}$/.test(digits)) return null;
  const areaLength = /^0(10|2\d)/.test(digits) ? 3 : 4;
  const local = digits.slice(areaLength);
  if (!/^[2-9]\d{6,7}$/.test(local)) return null;
  return `${digits.slice(0, areaLength)}-${local}`;
}
