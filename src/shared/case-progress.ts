/**
 * A case's progress as the applicant and the public see it (我的办件 /my/cases/:id, 办件查询 /track):
 * plain milestones — 已提交, 已受理, 需补正, 不予受理, 决定准予 / 决定不予许可, 已送达… — each once,
 * ending with the outcome; the internal steps between them (审查通过 to the decision, 退回审查) are
 * left out, and staff appear only as the public office that acted (钢山街道为民服务中心), never as a
 * person's name or login. The one place these words are decided: the server builds the citizen's
 * case view and the track result with it (cases/progress.ts). Staff views keep every event with its
 * actor (CASE_ACTIONS, CASE_STATUSES in cases.ts).
 */
import { DELIVERY_METHODS, type CaseStatus, type DeliveryMethod } from './cases.js';

/** A case's status in the applicant's words (with the outcome once there is one). */
export function citizenStatusLabel(status: CaseStatus, result: string | null): string {
  switch (status) {
    case 'pending_review':
      return '已提交，等待预审';
    case 'pending_acceptance':
      return '已提交，等待受理';
    case 'correction':
      return '需补正';
    case 'accepted':
    case 'deciding':
      return '已受理，正在办理';
    case 'suspended':
      return '特别程序中（暂停计时）';
    case 'approved':
      return '已办结（准予）';
    case 'denied':
      return '已办结（不予许可）';
    case 'delivered':
      return result === 'approved' ? '已送达（准予）' : result === 'denied' ? '已送达（不予许可）' : '已送达';
    case 'refused':
      return '不予受理';
    case 'withdrawn':
      return '已撤回';
    case 'terminated':
      return '已终止';
  }
}

/** The outcome a case's events record: the decision's status, if it was decided. */
export function resultOfEvents(events: readonly { toStatus: string }[]): 'approved' | 'denied' | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const to = events[i]!.toStatus;
    if (to === 'approved' || to === 'denied') return to;
  }
  return null;
}

/** The public office of a place: 邹城市政务服务中心, 钢山街道为民服务中心, 孟庄社区便民服务站. */
export function officeName(place: { level: 'county' | 'town' | 'village'; shortName: string }): string {
  if (place.level === 'county') return `${place.shortName}政务服务中心`;
  if (place.level === 'town') return `${place.shortName}为民服务中心`;
  return `${place.shortName}便民服务站`;
}

/** What a milestone is worded from: one event of the case. */
export interface ProgressFacts {
  action: string;
  toStatus: string;
  opinion: string;
  details: Record<string, unknown>;
  /** forward and transfer: the office the case went to */
  toOffice?: string | null;
}

export interface Milestone {
  /** what happened, in plain words */
  label: string;
  /** the reason or opinion the applicant is owed (补正, 不予受理, 不予许可, 延期…); '' when none */
  note: string;
}

/** One event as the applicant sees it, or null for a step inside the office that is not a milestone. */
export function milestoneOf(e: ProgressFacts): Milestone | null {
  const reason = e.opinion.trim();
  switch (e.action) {
    case 'submit':
      return { label: '已提交', note: '' };
    case 'forward':
      return { label: e.toOffice ? `已转报${e.toOffice}办理` : '已转报办理', note: '' };
    case 'transfer':
      return { label: e.toOffice ? `已转交${e.toOffice}办理` : '已转交办理', note: reason };
    case 'accept':
      return { label: '已受理', note: '' };
    case 'request-correction':
      return { label: '需补正', note: reason };
    case 'resubmit':
      return { label: '已补正', note: '' };
    case 'refuse':
      return { label: '不予受理', note: reason };
    case 'approve':
      // 审查通过 hands the case to the decision inside the office; only the decision is a milestone.
      return e.toStatus === 'approved' ? { label: '决定准予（已办结）', note: reason } : null;
    case 'deny':
      return { label: '决定不予许可（已办结）', note: reason };
    case 'return':
      return null;
    case 'extend':
      return { label: typeof e.details.days === 'number' ? `办理时限延长 ${e.details.days} 个工作日` : '办理时限延长', note: reason };
    case 'pause': {
      const procedure = typeof e.details.procedure === 'string' ? e.details.procedure : '';
      return { label: procedure ? `进入特别程序：${procedure}（暂停计时）` : '进入特别程序（暂停计时）', note: reason };
    }
    case 'resume':
      return { label: '特别程序结束（恢复计时）', note: '' };
    case 'withdraw':
      return { label: '已撤回', note: reason };
    case 'terminate':
      return { label: '已终止办理', note: reason };
    case 'deliver': {
      const method = DELIVERY_METHODS[e.details.method as DeliveryMethod];
      return { label: method ? `已送达（${method}）` : '已送达', note: '' };
    }
    default:
      return null;
  }
}
