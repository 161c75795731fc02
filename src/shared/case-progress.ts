/**
 * A case's progress as the applicant and the public see it (我的办件 /my/cases/:id, 办件查询 /track):
 * plain milestones — 已提交, 已受理, 需补正, 不予受理, 决定准予 / 决定不予给付 (in the words of the
 * item's type: decisionWords), 已送达… — each once,
 * ending with the outcome; the internal steps between them (审查通过 to the decision, 退回审查) are
 * left out, and staff appear only as the public office that acted (钢山街道为民服务中心), never as a
 * person's name or login. The one place these words are decided: the server builds the citizen's
 * case view and the track result with it (cases/progress.ts). Staff views keep every event with its
 * actor (CASE_ACTIONS, CASE_STATUSES in cases.ts).
 */
import { DELIVERY_METHODS, type CaseStatus, type DeliveryMethod } from './cases.js';
import { sentence, sentences } from './text.js';

/** A decision's two outcomes, as the applicant reads them. */
export interface DecisionWords {
  approved: string;
  denied: string;
}

/**
 * The words of a decision for an item's 事项类型 (catalog.ts ITEM_TYPES): a 行政给付 is 不予给付, not
 * 不予许可; a 行政确认 is 予以确认 / 不予确认. An unknown type (an item since removed from the
 * catalog) keeps the 行政许可 words.
 */
export function decisionWords(itemType: string | null | undefined): DecisionWords {
  switch (itemType) {
    case '05':
      return { approved: '准予', denied: '不予给付' };
    case '07':
      return { approved: '予以确认', denied: '不予确认' };
    case '08':
      return { approved: '予以奖励', denied: '不予奖励' };
    case '11':
      return { approved: '予以备案', denied: '不予备案' };
    case '10':
    case '20':
      return { approved: '准予', denied: '不予办理' };
    default:
      return { approved: '准予', denied: '不予许可' };
  }
}

/** A case's status in the applicant's words (with the outcome once there is one, worded for the item's type). */
export function citizenStatusLabel(status: CaseStatus, result: string | null, itemType?: string | null): string {
  const words = decisionWords(itemType);
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
      return `已办结（${words.approved}）`;
    case 'denied':
      return `已办结（${words.denied}）`;
    case 'delivered':
      return result === 'approved' ? `已送达（${words.approved}）` : result === 'denied' ? `已送达（${words.denied}）` : '已送达';
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
export function milestoneOf(e: ProgressFacts, itemType?: string | null): Milestone | null {
  const reason = e.opinion.trim();
  const words = decisionWords(itemType);
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
      return e.toStatus === 'approved' ? { label: `决定${words.approved}（已办结）`, note: reason } : null;
    case 'deny':
      return { label: `决定${words.denied}（已办结）`, note: reason };
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

// ───────────────────────── after submission: what happens next ─────────────────────────

/** What the confirmation of an application says will happen, from the item's guide. */
export interface NextStepFacts {
  /** 事项类型 code */
  typeCode: string;
  /** 承诺时限 in working days: 0 for 即办; null when the limit is not counted in working days */
  promisedDays: number | null;
  /** 承诺时限 as the guide words it (20 个工作日, 即办, 3 个月, 无) */
  promisedLimitText: string;
  /** the limit's note (不含公示期) */
  promisedLimitNote?: string;
  /** 办理流程 */
  steps: readonly { name: string; description?: string }[];
  /** 特别程序 (公示, 入户调查…) */
  specialProcedures?: readonly { name: string }[];
}

export interface NextStep {
  name: string;
  text: string;
}

/**
 * What review includes, as people know it, when the guide's 办理流程 or 特别程序 mention it (in this
 * order: 入户调查 before 民主评议 before 公示).
 */
const REVIEW_PARTS = ['家庭经济状况核对', '入户调查', '入户核查', '现场核查', '现场勘查', '能力评估', '民主评议', '公示'] as const;

/**
 * The steps after an application is in — 受理 → 审查 (with 入户调查, 公示… when the guide's steps
 * mention them) → 决定 — and the promised time limit in plain words; a 即办件 is 受理 and 当场办结,
 * never "承诺在 0 个工作日内".
 */
export function stepsAfterSubmission(f: NextStepFacts): { steps: NextStep[]; timeLimit: string } {
  const words = decisionWords(f.typeCode);
  const instant = f.promisedDays === 0;
  const told = [...f.steps.flatMap((s) => [s.name, s.description ?? '']), ...(f.specialProcedures ?? []).map((p) => p.name)].join('\n');
  const parts = REVIEW_PARTS.filter((p) => told.includes(p));
  const steps: NextStep[] = [
    { name: '受理', text: '工作人员核对您的申请和材料：齐全的予以受理；不齐全的，会一次性告诉您需要补正的全部内容。' },
  ];
  if (instant) {
    steps.push({ name: '办结', text: `即办件：受理后当场办结，作出${words.approved}或${words.denied}的决定，结果会通过短信和「我的办件」告诉您。` });
  } else {
    steps.push({ name: '审查', text: parts.length ? `工作人员审查您的申请，包括${parts.join('、')}。` : '工作人员审查您的申请和材料。' });
    steps.push({ name: '决定', text: `作出${words.approved}或${words.denied}的决定，结果会通过短信和「我的办件」告诉您。` });
  }
  let timeLimit: string;
  if (instant) timeLimit = '本事项为即办件，材料齐全的当场办结。';
  else if (f.promisedDays !== null) {
    timeLimit = sentences(`承诺在受理后 ${f.promisedDays} 个工作日内办结${f.promisedLimitNote ? `（${f.promisedLimitNote.trim().replace(/[。.]$/u, '')}）` : ''}`, '需要补正的，补正的时间不计算在内');
  } else if (f.promisedLimitText && f.promisedLimitText !== '无') timeLimit = sentence(`承诺时限：${f.promisedLimitText}`);
  else timeLimit = '';
  return { steps, timeLimit };
}
