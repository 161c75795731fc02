/** Stopping and restarting a case's time-limit clock (补正 after acceptance, 特别程序, closing a paused case). */
import { CLOCK_RUNNING_STATUSES, type CaseStatus } from '../../../../shared/cases.js';
import type { CaseRow } from '../repo.js';
import { dueDate, pausedSoFar } from '../workflow.js';
import type { ActionContext } from './types.js';

/** Stops the clock (after acceptance only; before acceptance it has not started). */
export const stopClock = (row: CaseRow, ctx: Pick<ActionContext, 'today'>): Partial<CaseRow> =>
  CLOCK_RUNNING_STATUSES.includes(row.status as CaseStatus) && !row.paused_since ? { paused_since: ctx.today } : {};

/** Restarts it, adding the stopped working days to the limit; nothing when it is not stopped. */
export function restartClock(row: CaseRow, ctx: Pick<ActionContext, 'calendar' | 'clock' | 'today'>): { set: Partial<CaseRow>; details: { pausedWorkingDays?: number } } {
  if (!row.paused_since) return { set: {}, details: {} };
  const added = pausedSoFar(ctx.calendar, ctx.clock, ctx.today);
  return {
    set: { paused_days: row.paused_days + added, paused_since: null, due_date: dueDate(ctx.calendar, { ...ctx.clock, pausedDays: row.paused_days + added, pausedSince: null }) },
    details: { pausedWorkingDays: added },
  };
}
