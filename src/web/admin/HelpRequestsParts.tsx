/**
 * What the coordinator's 帮办代办 pages share: their addresses and sub-navigation, a request's
 * status, 优先 and 已督办 tags, and its time limit in words (overdue and due soon also in colour).
 */
import { useQueries } from '@tanstack/react-query';
import { Tag } from 'antd';
import { NavLink } from 'react-router';
import { HELP_REQUEST_STATUSES, type HelpRequestStatus } from '../../shared/assistance.js';
import type { HelpRequestItem } from '../api/helpRequestsStaff.js';
import { serverClockSkew } from '../api/client.js';
import { regionQueries } from '../api/regions.js';
import { scopeRoots } from '../api/session.js';
import type { Me } from '../api/types.js';
import { chinaShortDateTime } from '../dates.js';
import './HelpRequests.css';

export const HELP_REQUESTS_PATH = '/workbench/help-requests';
export const HELP_STATS_PATH = '/workbench/help-requests/stats';
export const helpRequestPath = (id: string) => `${HELP_REQUESTS_PATH}/${encodeURIComponent(id)}`;

export interface Town {
  code: string;
  name: string;
}

/**
 * The towns (镇/街道) whose requests the person coordinates: a town admin's own town, or every town
 * under a city admin's city (loaded from /regions). manyTowns: they choose among towns.
 */
export function useCoordinatedTowns(me: Me | null | undefined): { towns: Town[]; manyTowns: boolean; pending: boolean } {
  const roots = scopeRoots(me, 'assist.coordinate');
  const counties = roots.filter((r) => r.code.length === 6);
  const children = useQueries({ queries: counties.map((c) => regionQueries.children(c.code)) });
  const towns: Town[] = [
    ...roots.filter((r) => r.code.length === 9),
    ...children.flatMap((q) => (q.data ?? []).filter((r) => r.level === 'town').map((r) => ({ code: r.code, name: r.name }))),
  ];
  return { towns, manyTowns: counties.length > 0 || towns.length > 1, pending: children.some((q) => q.isPending) };
}

/** The list and the figures, side by side. */
export function HelpRequestsNav() {
  return (
    <nav aria-label="帮办代办求助" className="subnav">
      <NavLink to={HELP_REQUESTS_PATH} end>
        求助列表
      </NavLink>
      <NavLink to={HELP_STATS_PATH}>月度统计</NavLink>
    </nav>
  );
}

const STATUS_COLORS: Record<HelpRequestStatus, string> = {
  unassigned: 'error',
  assigned: 'processing',
  accepted: 'processing',
  contacted: 'processing',
  completed: 'success',
  cancelled: 'default',
};

export function HelpStatusTag({ status }: { status: HelpRequestStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{HELP_REQUEST_STATUSES[status]}</Tag>;
}

/** 优先 with the special groups it is for, and 上门 when a home visit was asked for. */
export function HelpFlagTags({ r }: { r: Pick<HelpRequestItem, 'priority' | 'flags' | 'homeVisit'> }) {
  return (
    <>
      {r.priority && <Tag color="magenta">优先 · {r.flags.map((f) => f.label).join('、')}</Tag>}
      {r.homeVisit && <Tag color="blue">需上门</Tag>}
    </>
  );
}

/** Less than this before a limit, a request is 即将超时. */
const SOON_MS = 60 * 60_000;

type Limit = Pick<HelpRequestItem, 'status' | 'nextDueAt' | 'overdue' | 'acceptDueAt'>;

/** The limit the request waits on now, in words, and how close it is. */
export function limitState(r: Limit, now = Date.now() + serverClockSkew()): { text: string; tone: 'overdue' | 'soon' | 'normal' | 'none' } {
  if (!r.nextDueAt) return { text: r.status === 'contacted' ? '已联系求助人' : '—', tone: 'none' };
  const what = r.nextDueAt === r.acceptDueAt && (r.status === 'unassigned' || r.status === 'assigned') ? '接单' : '首次联系';
  const at = chinaShortDateTime(r.nextDueAt);
  if (r.overdue) return { text: `已超时：应于 ${at} 前${what}`, tone: 'overdue' };
  if (Date.parse(r.nextDueAt) - now <= SOON_MS) return { text: `即将超时：${at} 前${what}`, tone: 'soon' };
  return { text: `${at} 前${what}`, tone: 'normal' };
}

/** The time limit, and 已督办 when a missed one was reported to the coordinator. */
export function HelpLimit({ r }: { r: Limit & Pick<HelpRequestItem, 'escalated'> }) {
  const { text, tone } = limitState(r);
  return (
    <span className="help-limit">
      {tone === 'overdue' ? <Tag color="error">{text}</Tag> : tone === 'soon' ? <Tag color="warning">{text}</Tag> : <span>{text}</span>}
      {r.escalated && <Tag color="purple">已督办</Tag>}
    </span>
  );
}
