/**
 * The helper workspace's words for times: how long is left before a time limit, and the China
 * wall time a `datetime-local` field shows and takes (instants are always China time on these
 * pages, whatever zone the phone is set to: src/web/dates.ts).
 */
import { inChina } from '../dates.js';

const MINUTE = 60_000;

/** A span of minutes in words: 2 天 3 小时, 1 小时 20 分, 45 分, 不到 1 分. */
export function spanWords(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / MINUTE);
  if (minutes < 1) return '不到 1 分';
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`;
  if (hours > 0) return mins > 0 ? `${hours} 小时 ${mins} 分` : `${hours} 小时`;
  return `${mins} 分`;
}

/** 还剩 1 小时 20 分 / 已超时 30 分: the time left before `due` at `now` (both ms or ISO). */
export function timeLeftWords(due: string, now: number): { text: string; overdue: boolean } {
  const left = Date.parse(due) - now;
  if (left <= 0) return { text: `已超时 ${spanWords(left)}`, overdue: true };
  return { text: `还剩 ${spanWords(left)}`, overdue: false };
}

/** An instant as the value of a datetime-local field in China time: `2026-11-27T10:05`. */
export function chinaInputValue(instant: number | string): string {
  return inChina(instant)?.format('YYYY-MM-DDTHH:mm') ?? '';
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** A datetime-local value read as China time, as an ISO instant (null when it is not a time). */
export function fromChinaInput(value: string): string | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi);
  // 2026-02-31 would roll over into March: not a real day
  if (new Date(ms + 8 * 60 * MINUTE).getUTCDate() !== d) return null;
  return new Date(ms).toISOString();
}
