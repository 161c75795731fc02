/**
 * Opening hours of a venue (HSDS-style schedules): weekly hours, the working-day calendar's holidays
 * and 调休 workdays, and the venue's own dated exceptions; from them "open now", "closes at" and
 * "opens at". Pure: the calendar and the China date and time are passed in, so the answer for any
 * moment can be tested.
 */
export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const WEEKDAY_NAMES: Record<Weekday, string> = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' };

/** "08:30-12:00": an opening interval in China time, start before end (an interval never passes midnight). */
export const INTERVAL = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

export interface VenueHours {
  /** open around the clock, every day (24 小时自助服务区): the rest is ignored */
  always: boolean;
  /** ISO weekday (1 Monday … 7 Sunday) → opening intervals; a day left out is closed */
  week: Partial<Record<Weekday, string[]>>;
  /**
   * 'working': a government office — closed on the calendar's holidays (法定节假日) and open on its
   * 调休 workdays with Monday's hours; 'own': the weekly hours whatever the calendar says (a bank, a
   * supermarket).
   */
  calendar: 'working' | 'own';
  /** the venue's own days (closed for renovation, extra hours): hours [] is closed that day */
  exceptions: { date: string; hours: string[]; note: string }[];
}

/** What the calendar says of a date: a working day or not, and the name of the holiday or 调休. */
export interface CalendarFacts {
  isWorkingDay(date: string): boolean;
  exceptionName(date: string): string | null;
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const split = (interval: string): [number, number] => [minutes(interval.slice(0, 5)), minutes(interval.slice(6, 11))];
export const validInterval = (s: string): boolean => INTERVAL.test(s) && split(s)[0] < split(s)[1];

const DAY_MS = 86_400_000;
export const isoWeekday = (date: string): Weekday => String(((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as Weekday;
const nextDate = (date: string, n = 1): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The hours of one date, and why they differ from the week's when they do. */
export function hoursOn(h: VenueHours, date: string, cal: CalendarFacts): { hours: string[]; note: string | null } {
  if (h.always) return { hours: ['00:00-24:00'], note: null };
  const own = h.exceptions.find((e) => e.date === date);
  if (own) return { hours: own.hours, note: own.note || (own.hours.length ? '调整时间' : '暂停服务') };
  const weekday = isoWeekday(date);
  if (h.calendar === 'working') {
    const working = cal.isWorkingDay(date);
    const weekend = weekday === '6' || weekday === '7';
    // 法定节假日 on a weekday: closed; 调休 on a weekend: the weekday hours (Monday's).
    if (!working && !weekend) return { hours: [], note: cal.exceptionName(date) ?? '节假日' };
    if (working && weekend) {
      const name = cal.exceptionName(date);
      return { hours: h.week['1'] ?? [], note: name?.includes('调休') ? name : `${name ?? ''}（调休上班）` };
    }
    if (!working && weekend && cal.exceptionName(date) && (h.week[weekday]?.length ?? 0) > 0) return { hours: [], note: cal.exceptionName(date) };
  }
  return { hours: h.week[weekday] ?? [], note: null };
}

export interface OpenState {
  openNow: boolean;
  /** when open: the end of the current interval ("12:00"; "24:00" is midnight) */
  closesAt: string | null;
  /** when closed: the next opening within two weeks, as a China date and time */
  opensAt: { date: string; time: string } | null;
  /** today's hours in words: "08:30-12:00、13:30-17:30", "今日休息（春节）", "24 小时" */
  today: string;
}

/** Open now, closes at, opens at — for the China date and the minutes since its midnight. */
export function openState(h: VenueHours, date: string, minuteOfDay: number, cal: CalendarFacts): OpenState {
  const today = hoursOn(h, date, cal);
  const todayText = h.always ? '24 小时' : today.hours.length ? today.hours.join('、') + (today.note ? `（${today.note}）` : '') : `今日休息${today.note ? `（${today.note}）` : ''}`;
  const current = today.hours.map(split).find(([from, to]) => minuteOfDay >= from && minuteOfDay < to);
  if (current) {
    const to = current[1];
    return { openNow: true, closesAt: `${String(Math.floor(to / 60)).padStart(2, '0')}:${String(to % 60).padStart(2, '0')}`, opensAt: null, today: todayText };
  }
  const laterToday = today.hours.map(split).find(([from]) => from > minuteOfDay);
  if (laterToday) return { openNow: false, closesAt: null, opensAt: { date, time: today.hours.find((i) => split(i)[0] === laterToday[0])!.slice(0, 5) }, today: todayText };
  for (let d = 1; d <= 14; d++) {
    const day = nextDate(date, d);
    const first = hoursOn(h, day, cal).hours[0];
    if (first) return { openNow: false, closesAt: null, opensAt: { date: day, time: first.slice(0, 5) }, today: todayText };
  }
  return { openNow: false, closesAt: null, opensAt: null, today: todayText };
}

/** The weekly hours in lines a person reads: "周一至周五 08:30-12:00、13:30-17:30", "周六、周日 休息". */
export function weeklyText(h: VenueHours): string[] {
  if (h.always) return ['全天 24 小时开放'];
  const runs: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const d of WEEKDAYS) {
    const text = h.week[d]?.length ? h.week[d]!.join('、') : '休息';
    const last = runs.at(-1);
    if (last && last.text === text && Number(last.to) + 1 === Number(d)) last.to = d;
    else runs.push({ from: d, to: d, text });
  }
  const days = (r: (typeof runs)[number]) => {
    const span = Number(r.to) - Number(r.from);
    return span === 0 ? WEEKDAY_NAMES[r.from] : `${WEEKDAY_NAMES[r.from]}${span === 1 ? '、' : '至'}${WEEKDAY_NAMES[r.to]}`;
  };
  const lines = runs.map((r) => `${days(r)} ${r.text}`);
  if (h.calendar === 'working') lines.push('法定节假日休息，调休上班日照常办公');
  return lines;
}
