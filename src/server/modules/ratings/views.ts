/** How ratings and follow-ups are shown: rows to the contract's views (schemas.ts). */
import {
  FOLLOW_UP_STATUSES, RATING_CHANNELS, RATING_DIMENSIONS, RATING_LEVELS, SHANDONG_SCORE, VISIT_METHODS,
  type FollowUpOverdue, type FollowUpStatus, type RatingChannel, type RatingLevel, type RatingMode, type VisitMethod,
} from '../../../shared/ratings.js';
import type { FollowUpRow, RatingRow } from './repo.js';

export const levelView = (level: RatingLevel) => ({ level, levelLabel: RATING_LEVELS[level], score: SHANDONG_SCORE[level] });

export const dimensionsOf = (mode: RatingMode) => Object.entries(RATING_DIMENSIONS[mode]).map(([key, label]) => ({ key, label }));

export function ratingView(r: RatingRow) {
  const dims = JSON.parse(r.dimensions) as Record<string, RatingLevel>;
  const labels = RATING_DIMENSIONS[r.mode] as Record<string, string>;
  return {
    id: r.id,
    round: r.round,
    ...levelView(r.level as RatingLevel),
    dimensions: Object.entries(dims).filter(([k]) => labels[k]).map(([key, level]) => ({ key, label: labels[key]!, ...levelView(level) })),
    tags: JSON.parse(r.tags) as string[],
    text: r.text,
    channel: r.channel as RatingChannel,
    channelLabel: RATING_CHANNELS[r.channel as RatingChannel] ?? r.channel,
    bad: r.bad === 1,
    counted: r.counted === 1,
    ratedAt: r.rated_at,
  };
}

/** Which limit a follow-up has passed as of `today` (a China date): the visit first. */
export function overdueOf(f: Pick<FollowUpRow, 'status' | 'visit_due_on' | 'rectify_due_on'>, today: string): FollowUpOverdue {
  if (f.status === 'visiting' && today > f.visit_due_on) return 'visit';
  if ((f.status === 'visiting' || f.status === 'rectifying') && today > f.rectify_due_on) return 'rectify';
  return null;
}

export const followUpStatusLabel = (s: string) => FOLLOW_UP_STATUSES[s as FollowUpStatus] ?? s;
export const visitMethodLabel = (m: string) => VISIT_METHODS[m as VisitMethod] ?? m;
