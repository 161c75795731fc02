/**
 * Case rules the server enforces and the web app shows before anyone presses a button, written
 * once: whether an item takes applications online, which materials an application needs given its
 * 情形引导 answers, and which actions may be taken on a case. They return problems instead of throwing; the server turns them into its error
 * answers, the pages into their hints.
 */
import { actionsFrom, transitionFor, type CaseActionName, type CaseActorRole, type CaseStatus } from './cases.js';
import { ITEM_TYPES, type ItemTypeCode } from './catalog.js';

// ───────────────────────── 网上申请 ─────────────────────────

/**
 * 事项类型 an authority exercises on its own initiative (依职权): 02 行政处罚, 03 行政强制, 04 行政征收,
 * 06 行政检查. Nobody applies for a fine, a seizure, a levy or an inspection, so whatever the rest
 * of the row says, there is no application to take in online. The others are the 依申请 types of
 * national practice — 行政许可, 行政给付, 行政确认, 行政奖励, 行政裁决, 其他行政权力 (the six 依申请
 * 行政权力), 行政备案 and 公共服务 — and start with a person's application.
 */
export const AUTHORITY_INITIATED_TYPES: readonly ItemTypeCode[] = ['02', '03', '04', '06'];
/** 办理形式 that are applying online: 2 电脑端网上办理, 3 移动端网上申请 (1 窗口办理, 4 快递申请, 9 其他 are not). */
export const ONLINE_CHANNEL_CODES: readonly string[] = ['2', '3'];
/** 网上办理深度 that take an application in over the internet: 2 互联网收件 and beyond (levels Ⅱ–Ⅳ; 1 互联网咨询 is Ⅰ). */
export const ONLINE_INTAKE_DEPTHS: readonly string[] = ['2', '3', '4', '5'];

/** An item's row as the online-application rule reads it: codes, as the guidance catalog stores them. */
export interface OnlineApplicationFacts {
  /** 事项类型 code (01 行政许可 …) */
  type: string;
  /** 办理形式 codes */
  channels: readonly string[];
  /** 网上办理深度 codes (multi-select) */
  onlineDepth: readonly string[];
}

/**
 * May a person apply for the item on this site? Null when yes; otherwise why not, in Chinese.
 * Yes only when all three hold: the item is one people apply for (not AUTHORITY_INITIATED_TYPES),
 * its 办理形式 include 网上办理 (2 or 3), and its 网上办理深度 reaches 互联网收件 (level Ⅱ or above).
 * The server refuses a citizen's online application and draft by it (409
 * ONLINE_APPLICATION_NOT_ALLOWED); the guide's 在线申请 button and the apply page follow it too (the
 * guide carries its answer as `onlineApplication`). Window intake and helpers' 代办 are not online
 * applications: staff take the materials in, so they are not asked.
 */
export function onlineApplicationProblem(item: OnlineApplicationFacts): string | null {
  if ((AUTHORITY_INITIATED_TYPES as readonly string[]).includes(item.type)) {
    return `该事项不支持网上申请：${ITEM_TYPES[item.type as ItemTypeCode]}由行政机关依法主动作出，不受理申请。`;
  }
  if (!item.channels.some((c) => ONLINE_CHANNEL_CODES.includes(c))) return '该事项不支持网上申请：只能到窗口办理。';
  if (!item.onlineDepth.some((d) => ONLINE_INTAKE_DEPTHS.includes(d))) {
    return item.onlineDepth.includes('1') ? '该事项不支持网上申请：网上只提供咨询，须到窗口提交申请。' : '该事项不支持网上申请：只能到窗口办理。';
  }
  return null;
}

/**
 * The whole refusal: the reason (onlineApplicationProblem's) and where to go instead — the place
 * and its phone (the guide's, local when a place was chosen).
 */
export function onlineApplicationRefusal(reason: string, type: string, place: { location: string; phone: string }): string {
  const location = place.location.trim();
  const phone = place.phone.trim();
  if ((AUTHORITY_INITIATED_TYPES as readonly string[]).includes(type)) return phone ? `${reason}如有疑问，请拨打咨询电话 ${phone}。` : reason;
  return `${reason}请携带材料到${location || '办理地点'}办理${phone ? `，咨询电话 ${phone}` : ''}。`;
}

// ───────────────────────── 情形引导 → materials ─────────────────────────

export interface SituationQuestion {
  id: string;
  question: string;
  options: readonly { id: string; label: string; materialIds: readonly string[] }[];
}

export interface SituationProblem {
  field: `situationAnswers.${string}`;
  /** the answer's key (a question of the item, or not, for `unknown_question`) */
  situationId: string;
  /** the question, when the item has it */
  question: string | null;
  kind: 'unknown_question' | 'unanswered' | 'invalid_option';
  message: string;
}

/**
 * 情形引导: every question of the item answered with one of its options. `selected` holds the
 * materials that the valid answers call for; `problems` an answer to a question the item does not
 * have, an unanswered question and an answer that is not one of the question's options.
 */
export function situationMaterials(
  situations: readonly SituationQuestion[],
  answers: Readonly<Record<string, string>>,
): { selected: Set<string>; problems: SituationProblem[] } {
  const problems: SituationProblem[] = [];
  const selected = new Set<string>();
  for (const key of Object.keys(answers)) {
    if (!situations.some((s) => s.id === key)) problems.push({ field: `situationAnswers.${key}`, situationId: key, question: null, kind: 'unknown_question', message: '本事项没有这个情形问题' });
  }
  for (const s of situations) {
    const answer = answers[s.id];
    const problem = (kind: SituationProblem['kind'], message: string) => problems.push({ field: `situationAnswers.${s.id}`, situationId: s.id, question: s.question, kind, message });
    if (answer === undefined) { problem('unanswered', `请回答「${s.question}」`); continue; }
    const option = s.options.find((o) => o.id === answer);
    if (!option) { problem('invalid_option', `「${s.question}」的选项不正确`); continue; }
    for (const m of option.materialIds) selected.add(m);
  }
  return { selected, problems };
}

export interface MaterialNeed {
  id: string;
  /** 必要 / 非必要 / 容缺 (catalog NECESSITIES) */
  necessityCode: string;
  /** a 情形材料: asked for only when a 情形引导 answer calls for it */
  conditional?: boolean;
}

/** A material must be given: 必要 and not a 情形材料, or called for by the 情形引导 answers. */
export const materialRequired = (m: MaterialNeed, selected: ReadonlySet<string>): boolean =>
  (m.necessityCode === 'required' && !m.conditional) || selected.has(m.id);

/** A material that concerns this application: every one but the 情形材料 the answers do not call for. */
export const materialApplies = (m: MaterialNeed, selected: ReadonlySet<string>): boolean => !m.conditional || selected.has(m.id);

/** The required materials (materialRequired) that are not among `given`. */
export const missingMaterials = <M extends MaterialNeed>(materials: readonly M[], given: ReadonlySet<string>, selected: ReadonlySet<string>): M[] =>
  materials.filter((m) => !given.has(m.id) && materialRequired(m, selected));

/** The answers (question, option label) that call for a material. */
export function situationsCalling(situations: readonly SituationQuestion[], materialId: string): { question: string; label: string }[] {
  const out: { question: string; label: string }[] = [];
  for (const s of situations) for (const o of s.options) if (o.materialIds.includes(materialId)) out.push({ question: s.question, label: o.label });
  return out;
}

// ───────────────────────── actions ─────────────────────────

/** Where a case sits now and which body decides it. */
export interface CasePlace {
  currentRegionCode: string;
  handlingRegionCode: string;
}

/** The case sits at a place that only collects it for another (deciding) body (收受分离). */
export const collectsForAnotherBody = (place: CasePlace): boolean => place.currentRegionCode !== place.handlingRegionCode;

/** An action that depends on where the case sits is possible there: 收件转报 only where the receiving place collects for another body. */
export const actionFitsPlace = (action: CaseActionName, place: CasePlace): boolean => action !== 'forward' || collectsForAnotherBody(place);

export type ActionProblem =
  /** the workflow has no such transition from the status (409 CASE_WRONG_STATE) */
  | { kind: 'wrong_state'; allowed: CaseActionName[] }
  /** none of the actor's roles on the case may take it (403) */
  | { kind: 'not_permitted' }
  /** 收件转报 for a case the receiving place decides itself (409 CASE_NOT_COLLECT_ONLY) */
  | { kind: 'not_collect_only' };

/**
 * May an actor holding `roles` on a case take `action` now? Null when yes; otherwise the first
 * problem, in this order: the status, the role, the place.
 */
export function actionProblem(action: CaseActionName, status: CaseStatus, roles: ReadonlySet<CaseActorRole>, place: CasePlace): ActionProblem | null {
  const transition = transitionFor(action, status);
  if (!transition) return { kind: 'wrong_state', allowed: actionsFrom(status) };
  if (!transition.by.some((r) => roles.has(r))) return { kind: 'not_permitted' };
  if (!actionFitsPlace(action, place)) return { kind: 'not_collect_only' };
  return null;
}

/** The actions an actor holding `roles` may take on a case now, in the workflow's order (for buttons). */
export const allowedActions = (status: CaseStatus, roles: ReadonlySet<CaseActorRole>, place: CasePlace): CaseActionName[] =>
  actionsFrom(status).filter((a) => actionProblem(a, status, roles, place) === null);

// ───────────────────────── 等我处理 ─────────────────────────

/**
 * What a case waits for in each status: the actions that move it on to its next step. Not every
 * action allowed is awaited — those taken on the applicant's behalf (补正材料 and 撤回 taken in at the
 * window) and the exceptional ones (延期, 特别程序, 终止, 转办 of a case already moving) are there when
 * needed, but a case in 待补正 waits for the applicant and one in 特别程序 for the procedure, not
 * for the staff who could act on it. `satisfies` keeps one entry per status.
 */
export const AWAITED_ACTIONS = {
  pending_review: ['forward', 'transfer', 'accept', 'refuse', 'request-correction'],
  pending_acceptance: ['forward', 'transfer', 'accept', 'refuse', 'request-correction'],
  correction: [],
  accepted: ['approve'],
  deciding: ['approve', 'deny', 'return'],
  suspended: [],
  approved: ['deliver'],
  denied: ['deliver'],
  delivered: [],
  refused: [],
  withdrawn: [],
  terminated: [],
} as const satisfies Record<CaseStatus, readonly CaseActionName[]>;

/** The awaited actions (AWAITED_ACTIONS) an actor holding `roles` may take on a case now (allowedActions). */
export const awaitedActions = (status: CaseStatus, roles: ReadonlySet<CaseActorRole>, place: CasePlace): CaseActionName[] => {
  const awaited: readonly CaseActionName[] = AWAITED_ACTIONS[status];
  return allowedActions(status, roles, place).filter((a) => awaited.includes(a));
};

/** 等我处理: the case waits for this actor — one of the actions that move it on is theirs to take now. */
export const awaitsActor = (status: CaseStatus, roles: ReadonlySet<CaseActorRole>, place: CasePlace): boolean => awaitedActions(status, roles, place).length > 0;

/**
 * The same rule as data, for a query that asks it of many cases at once (the server's work queue
 * filters and sorts by it in SQL): for each status, the roles whose holder the case waits for, each
 * with whether it counts only where the case sits at a place that collects for another body (收件转报:
 * actionFitsPlace). A role listed without that condition makes the conditional one redundant.
 */
export function awaitedRoles(): { status: CaseStatus; roles: { role: CaseActorRole; collectOnly: boolean }[] }[] {
  const out: { status: CaseStatus; roles: { role: CaseActorRole; collectOnly: boolean }[] }[] = [];
  for (const [status, actions] of Object.entries(AWAITED_ACTIONS) as [CaseStatus, readonly CaseActionName[]][]) {
    const found = new Map<CaseActorRole, boolean>();
    for (const action of actions) {
      const transition = transitionFor(action, status);
      if (!transition) throw new Error(`AWAITED_ACTIONS: ${action} is not a transition from ${status}`);
      // Place rules compare where the case sits with the body that decides it: an action that does
      // not fit a case decided where it sits needs a collecting place.
      const collectOnly = !actionFitsPlace(action, { currentRegionCode: 'here', handlingRegionCode: 'here' });
      for (const role of transition.by) found.set(role, (found.get(role) ?? true) && collectOnly);
    }
    if (found.size) out.push({ status, roles: [...found].map(([role, collectOnly]) => ({ role, collectOnly })) });
  }
  return out;
}
