import type { ThemeSubject } from '../../../shared/theme-rules.js';

/** The browse address: /themes?subject=…&category=… (个人 and no category implied). */
export function themesHref(subject: ThemeSubject, category?: string): string {
  const p = new URLSearchParams();
  if (subject !== 'person') p.set('subject', subject);
  if (category) p.set('category', category);
  const qs = p.toString();
  return qs ? `/themes?${qs}` : '/themes';
}

/** 承诺时限 of a whole theme: always working days. */
export const daysText = (days: number) => `${days} 个工作日`;

/**
 * 承诺时限 of one item of a theme: 0 is 即办 (done on the spot), null a limit not counted in
 * working days (months, 无), which the item's own guide words.
 */
export const itemDaysText = (days: number | null) => (days === null ? '见办事指南' : days === 0 ? '即办' : daysText(days));
