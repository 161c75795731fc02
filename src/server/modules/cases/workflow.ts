/**
 * Per-item workflow as data, and the working-day arithmetic of time limits.
 *
 * A workflow lists the steps (预审, 受理, 审查, 决定, 办结, 送达) with the role that handles each and
 * whether the receiving place or the handling (deciding) body does it. The default is derived from
 * the item and the place's 实施清单: a village whose handling mode is 村受理、镇办结 / 村代办、镇办结
 * only collects and forwards to its town; 镇受理、市办结 forwards to the city; otherwise the
 * receiving place decides. The workflow is stored with each case, so later catalog changes do not
 * rewrite cases in progress.
 */
import { isCollectOnlyMode, type HandlingMode } from '../../../shared/catalog.js';
import { CASE_STEPS, warningLevel, type CaseStep, type WarningLevel } from '../../../shared/cases.js';
import type { WorkingCalendar } from '../../platform/calendar.js';
import type { Region } from '../../platform/regions.js';

export interface WorkflowStep {
  step: CaseStep;
  name: string;
  role: 'window_clerk' | 'approver';
  /** who does this step: the place that received the case, or the body that decides */
  at: 'receiving' | 'handling';
}

export interface WorkflowMaterial {
  id: string;
  name: string;
  necessity: string;
  licenceType: string | null;
}

export interface Workflow {
  steps: WorkflowStep[];
  /** online applications start at 预审 */
  preReviewOnline: boolean;
  /** the receiving place only collects (收受分离) and forwards to the handling body */
  collectOnly: boolean;
  handlingMode: HandlingMode | null;
  /** 通办范围 of the item ('' when none) */
  tongbanScope: string;
  /** the item's materials when the case was submitted (for corrections and resubmissions) */
  materials: WorkflowMaterial[];
  /** who decides: approver, or window_clerk for 即办件 decided at the window (item form settings) */
  decidedBy?: 'approver' | 'window_clerk';
}

/** What an admin configures per item in the form designer (item_forms). */
export interface WorkflowSettings {
  preReviewOnline: boolean;
  decidedBy: 'approver' | 'window_clerk';
}

/** (the rule is shared with the web app, which shows where an application will be handled) */
export { isCollectOnlyMode };

export function defaultWorkflow(
  item: { level: 'town' | 'village'; tongbanScope: string; materials: WorkflowMaterial[] },
  handlingMode: HandlingMode | null,
  settings: WorkflowSettings = { preReviewOnline: true, decidedBy: 'approver' },
): Workflow {
  const collectOnly = handlingMode !== null && isCollectOnlyMode(handlingMode);
  const decider = settings.decidedBy;
  const steps: WorkflowStep[] = [
    { step: 'pre_review', name: CASE_STEPS.pre_review, role: 'window_clerk', at: 'receiving' },
    { step: 'acceptance', name: CASE_STEPS.acceptance, role: 'window_clerk', at: 'handling' },
    { step: 'review', name: CASE_STEPS.review, role: decider, at: 'handling' },
    { step: 'decision', name: CASE_STEPS.decision, role: decider, at: 'handling' },
    { step: 'completion', name: CASE_STEPS.completion, role: decider, at: 'handling' },
    { step: 'delivery', name: CASE_STEPS.delivery, role: 'window_clerk', at: 'handling' },
  ];
  return { steps, preReviewOnline: settings.preReviewOnline, collectOnly, handlingMode, tongbanScope: item.tongbanScope, materials: item.materials, decidedBy: decider };
}

/** The region that decides a case received at `receiving` under this workflow. */
export function handlingRegionFor(workflow: Workflow, receiving: Region, parent: Region | undefined): Region {
  if (workflow.collectOnly && parent) return parent;
  return receiving;
}

export interface ClockState {
  acceptedOn: string | null;
  promisedDays: number | null;
  extendedDays: number;
  pausedDays: number;
  pausedSince: string | null;
}

/** Due date = acceptance date + 承诺时限 + extension + paused working days, in working days. */
export function dueDate(cal: WorkingCalendar, c: ClockState): string | null {
  if (!c.acceptedOn || c.promisedDays === null) return null;
  return cal.addWorkingDays(c.acceptedOn, c.promisedDays + c.extendedDays + c.pausedDays);
}

/** Working days the clock has been stopped in the current pause, up to `today`. */
export function pausedSoFar(cal: WorkingCalendar, c: ClockState, today: string): number {
  return c.pausedSince ? Math.max(0, cal.workingDaysBetween(c.pausedSince, today)) : 0;
}

/**
 * Working days left (0 = due today, negative = overdue) and the warning level, counting a pause in
 * progress as stopped time. Null when the case has no running limit.
 */
export function timeLeft(cal: WorkingCalendar, c: ClockState, today: string): { daysLeft: number; warning: WarningLevel } | null {
  const due = dueDate(cal, { ...c, pausedDays: c.pausedDays + pausedSoFar(cal, c, today) });
  if (!due || c.promisedDays === null) return null;
  const daysLeft = cal.workingDaysBetween(today, due);
  return { daysLeft, warning: warningLevel(daysLeft, c.promisedDays + c.extendedDays) };
}
