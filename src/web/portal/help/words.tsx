/**
 * What the citizen's 帮办代办 pages say about a request, in one place: its status as a badge, the
 * time limits in plain words, who looks after it and how to reach them.
 */
import type { ReactNode } from 'react';
import { useHelperRoster } from '../../api/helpers.js';
import type { HelpRequestSummary } from '../../api/helpRequests.js';
import { inChina } from '../../dates.js';
import { HELP_WORKING_PERIODS, type HelpRequestStatus } from '../../../shared/assistance.js';
import '../cases/StatusBadge.css';

const TONE: Record<HelpRequestStatus, string> = {
  unassigned: 'warn', assigned: 'open', accepted: 'open', contacted: 'open', completed: 'ok', cancelled: 'muted',
};

/** The status in words, with a colour that is never the only signal (the case pages' badge). */
export function HelpStatusBadge({ status, label, testId }: { status: HelpRequestStatus; label: string; testId?: string }) {
  return (
    <span className={`status-badge status-badge--${TONE[status] ?? 'open'}`} data-testid={testId}>
      {label}
    </span>
  );
}

const WEEKDAYS = '日一二三四五六';

/** `2026-11-30T02:00:00Z` → 11月30日（星期一）10:00, China time: a limit a day or two away reads best with its weekday. */
export function dueText(iso: string): string {
  const d = inChina(iso);
  if (!d) return iso;
  return `${d.month() + 1}月${d.date()}日（星期${WEEKDAYS[d.day()]}）${d.format('HH:mm')}`;
}

/** The hours the limits are counted in: 工作日 08:30–12:00、13:30–17:30. */
export const WORKING_HOURS_TEXT = `工作日 ${HELP_WORKING_PERIODS.map((p) => `${p.start}–${p.end}`).join('、')}`;

/** What the request is about, short enough for a list's link: the item, else the first words of the need. */
export function requestTitle(r: Pick<HelpRequestSummary, 'itemName' | 'need'>): string {
  if (r.itemName) return r.itemName;
  const need = r.need.replace(/\s+/g, ' ').trim();
  return need.length > 30 ? `${need.slice(0, 30)}…` : need;
}

/** The helper's public work phone from the village's roster (the coordinators of its town are on it too); null while unknown. */
export function useHelperPhone(villageCode: string, helperId: string | null): string | null {
  const roster = useHelperRoster(villageCode);
  if (!helperId) return null;
  return roster.data?.items.find((h) => h.id === helperId)?.phone ?? null;
}

/**
 * Who looks after the request and when they will act, for an open request: the promise made at
 * submission (accept within 2 working hours, first contact within a working day).
 */
export function HelperPromise({ r, phone }: { r: HelpRequestSummary; phone: string | null }) {
  let text: ReactNode;
  switch (r.status) {
    case 'unassigned':
      text = <>{r.townName}正在为您安排帮办代办员，最晚 <strong>{dueText(r.contactDueAt)}</strong> 前会有人打电话联系您。</>;
      break;
    case 'assigned':
      text = (
        <>
          帮办代办员 <strong data-testid="help-helper">{r.helperName}</strong> 负责您的求助，将在 <strong>{dueText(r.acceptDueAt)}</strong> 前接单，最晚{' '}
          <strong>{dueText(r.contactDueAt)}</strong> 前打电话联系您。
        </>
      );
      break;
    case 'accepted':
      text = (
        <>
          帮办代办员 <strong data-testid="help-helper">{r.helperName}</strong> 已经接单，最晚 <strong>{dueText(r.contactDueAt)}</strong> 前打电话联系您。
        </>
      );
      break;
    case 'contacted':
      text = (
        <>
          帮办代办员 <strong data-testid="help-helper">{r.helperName}</strong> 已经和您联系，正在帮您办理。
        </>
      );
      break;
    default:
      return null;
  }
  return (
    <>
      <p className="help-promise">{text}</p>
      {phone && r.helperName && (
        <p className="help-call">
          也可以直接打电话给{r.helperName}：<a href={`tel:${phone.replace(/\D/g, '')}`}>{phone}</a>
        </p>
      )}
      {(r.status === 'unassigned' || r.status === 'assigned' || r.status === 'accepted') && (
        <p className="muted">时间按{WORKING_HOURS_TEXT}计算，节假日顺延。{r.homeVisit ? '需要上门的，联系时会和您约好上门的时间。' : ''}</p>
      )}
    </>
  );
}
