import { Tag } from 'antd';
import { CASE_CHANNELS, CASE_STATUSES, DELIVERY_METHODS, FINAL_STATUSES, MATERIAL_SUBMISSION_SOURCES, type CaseStatus } from '../../../shared/cases.js';
import type { CaseSummary } from '../../api/cases.js';

export const PAGE_SIZE = 20;

/** Workbench paths of this module. */
export const casesPath = (query?: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v) p.set(k, v);
  const qs = p.toString();
  return qs ? `/workbench/cases?${qs}` : '/workbench/cases';
};
export const casePath = (id: string) => `/workbench/cases/${encodeURIComponent(id)}`;
export const INTAKE_PATH = '/workbench/intake';
/** 一件事收件: the window takes in a whole theme */
export const THEME_INTAKE_PATH = '/workbench/intake/theme';
/** 我代办的: the cases the signed-in staff member took in (a helper's own list: helpers have no work queue). */
export const TAKEN_IN_PATH = '/workbench/cases/taken-in';
export const OVERDUE_PATH = '/workbench/cases/overdue';

/** Where work waits, in the queue's tabs and the workbench home's 待办: 等我处理 first, then by step. */
export const QUEUE_TABS: readonly { status?: CaseStatus; awaiting?: true; label: string }[] = [
  { label: '全部' },
  { awaiting: true, label: '等我处理' },
  { status: 'pending_review', label: '待预审' },
  { status: 'pending_acceptance', label: '待受理' },
  { status: 'correction', label: '待补正' },
  { status: 'accepted', label: '审查中' },
  { status: 'deciding', label: '待决定' },
  { status: 'suspended', label: '特别程序' },
];

export const channelLabel = (c: string) => CASE_CHANNELS[c as keyof typeof CASE_CHANNELS] ?? c;
export const deliveryLabel = (m: string | null | undefined) => (m ? (DELIVERY_METHODS[m as keyof typeof DELIVERY_METHODS] ?? m) : '—');
export const sourceLabel = (s: string) => MATERIAL_SUBMISSION_SOURCES[s as keyof typeof MATERIAL_SUBMISSION_SOURCES] ?? s;
export const statusLabel = (s: string | null | undefined) => (s ? (CASE_STATUSES[s as CaseStatus] ?? s) : '—');

const STATUS_COLORS: Partial<Record<CaseStatus, string>> = {
  pending_review: 'processing',
  pending_acceptance: 'processing',
  correction: 'warning',
  accepted: 'processing',
  deciding: 'processing',
  suspended: 'warning',
  approved: 'success',
  denied: 'default',
  delivered: 'success',
  refused: 'default',
  withdrawn: 'default',
  terminated: 'default',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{CASE_STATUSES[status]}</Tag>;
}

/** The urgency of a case in words (never colour alone): 超期 N 个工作日 / 剩 N 个工作日 / 未开始计时 … */
export function urgencyText(c: Pick<CaseSummary, 'status' | 'warning' | 'daysLeft' | 'paused' | 'acceptedAt'>): string {
  if (FINAL_STATUSES.includes(c.status) || c.status === 'approved' || c.status === 'denied') return '已办结';
  if (c.daysLeft === null) {
    if (c.status === 'correction') return '待补正，未计时';
    return c.acceptedAt ? '不计工作日时限' : '受理后开始计时';
  }
  const pause = c.paused ? '（已暂停计时）' : '';
  if (c.daysLeft < 0) return `超期 ${-c.daysLeft} 个工作日${pause}`;
  if (c.daysLeft === 0) return `今日到期${pause}`;
  return `剩 ${c.daysLeft} 个工作日${pause}`;
}

/** 红灯 overdue / 黄灯 预警 / normal, with the working days left. */
/** 绿色通道: the applicant is elderly, disabled, seriously ill or cannot get about; the case is first in the queues. */
export function GreenChannelTag({ c }: { c: Pick<CaseSummary, 'greenChannel'> }) {
  return c.greenChannel ? <Tag color="success" className="case-green-channel">绿色通道</Tag> : null;
}

export function WarningTag({ c }: { c: Pick<CaseSummary, 'status' | 'warning' | 'daysLeft' | 'paused' | 'acceptedAt'> }) {
  const text = urgencyText(c);
  if (c.warning === 'red') return <Tag color="error" className="case-warning case-warning--red">红灯 · {text}</Tag>;
  if (c.warning === 'yellow') return <Tag color="warning" className="case-warning case-warning--yellow">黄灯 · {text}</Tag>;
  return <Tag className="case-warning">{text}</Tag>;
}
