/**
 * What the 好差评 pages of the workbench share: their addresses and sub-navigation, a rating's
 * level (colour and words), a follow-up's status, and a follow-up's time limit in words — a passed
 * limit says 已超期 in words as well as in red.
 */
import { Tag } from 'antd';
import { NavLink } from 'react-router';
import { FOLLOW_UP_STATUSES, RATING_LEVELS, type FollowUpStatus, type RatingLevel } from '../../shared/ratings.js';
import type { FollowUpItem } from '../api/ratingsStaff.js';
import { chinaDateTime } from '../dates.js';
import './Ratings.css';

export const RATINGS_PATH = '/workbench/ratings';
export const FOLLOW_UPS_PATH = '/workbench/rating-followups';
export const followUpPath = (ratingId: string) => `${FOLLOW_UPS_PATH}/${encodeURIComponent(ratingId)}`;

/** 评价管理 and 差评整改, side by side. */
export function RatingsNav() {
  return (
    <nav aria-label="好差评" className="subnav">
      <NavLink to={RATINGS_PATH} end>
        评价管理
      </NavLink>
      <NavLink to={FOLLOW_UPS_PATH}>差评整改</NavLink>
    </nav>
  );
}

const LEVEL_COLOURS: Record<RatingLevel, string> = {
  very_satisfied: 'success',
  satisfied: 'success',
  basic: 'default',
  dissatisfied: 'warning',
  very_dissatisfied: 'error',
};

/** The level in words (差评 said as well), in its colour. */
export function RatingLevelTag({ level, bad }: { level: RatingLevel; bad?: boolean }) {
  return (
    <Tag color={LEVEL_COLOURS[level]} className="rating-level">
      {RATING_LEVELS[level]}
      {bad ? '（差评）' : ''}
    </Tag>
  );
}

const STATUS_COLOURS: Record<FollowUpStatus, string> = {
  visiting: 'warning',
  rectifying: 'processing',
  rectified: 'blue',
  appealing: 'purple',
  closed: 'success',
  voided: 'default',
};

export function FollowUpStatusTag({ status }: { status: FollowUpStatus }) {
  return (
    <Tag color={STATUS_COLOURS[status]} className="rating-status">
      {FOLLOW_UP_STATUSES[status]}
    </Tag>
  );
}

/** Is the follow-up still waiting on the handling place (a limit runs)? */
export const isOpenFollowUp = (status: FollowUpStatus) => status === 'visiting' || status === 'rectifying';

type Limit = Pick<FollowUpItem, 'status' | 'overdue' | 'visitDueOn' | 'rectifyDueOn' | 'rerateUntil' | 'escalated'>;

/** The limit the follow-up waits on now, in words; 已超期 in words and in red once it has passed. */
export function FollowUpLimit({ f }: { f: Limit }) {
  let text: string;
  if (f.overdue === 'visit') text = `已超期：应于 ${f.visitDueOn} 前回访`;
  else if (f.overdue === 'rectify') text = `已超期：应于 ${f.rectifyDueOn} 前整改`;
  else if (f.status === 'visiting') text = `${f.visitDueOn} 前回访`;
  else if (f.status === 'rectifying') text = `${f.rectifyDueOn} 前整改`;
  else if (f.status === 'rectified') text = f.rerateUntil ? `待群众复评（${f.rerateUntil} 前）` : '待群众复评';
  else if (f.status === 'appealing') text = '待市级复核';
  else text = '—';
  return (
    <span className="rating-limit">
      {f.overdue ? <Tag color="error">{text}</Tag> : <span>{text}</span>}
      {f.escalated && <Tag color="purple">已督办</Tag>}
    </span>
  );
}

/** An instant as its China day above its time (a narrow table column). */
export function DayAndTime({ at }: { at: string }) {
  const [day, time] = chinaDateTime(at).split(' ');
  return (
    <time dateTime={at} className="rating-when">
      <span className="nowrap">{day}</span> <span className="nowrap">{time}</span>
    </time>
  );
}
