/** 审查通过 / 准予 (approve), 不予许可 (deny) and 退回 (return) to review. */
import type { ActionContext, ActionHandler } from './types.js';

/**
 * The working days the case took: from acceptance to the decision, less the special procedures'
 * paused days (the supervision figures' average; the 0028 figure tables sum it). Null if never accepted.
 */
const workingDaysUsed = (ctx: ActionContext): number | null =>
  ctx.clock.acceptedOn ? Math.max(0, ctx.calendar.workingDaysBetween(ctx.clock.acceptedOn, ctx.today) - ctx.clock.pausedDays) : null;

/** From review it goes to the decision; from the decision it is approved. */
export const approve: ActionHandler<'approve'> = (row, _actor, body, ctx) => ({
  set: row.status === 'deciding' ? { decided_at: ctx.now, working_days: workingDaysUsed(ctx), result: 'approved', result_note: body.resultNote ?? null } : {},
  opinion: body.opinion,
  details: {},
});

export const deny: ActionHandler<'deny'> = (_row, _actor, body, ctx) => ({
  set: { decided_at: ctx.now, working_days: workingDaysUsed(ctx), result: 'denied', result_note: body.reason },
  opinion: body.reason,
  details: {},
});

export const returnToReview: ActionHandler<'return'> = (_row, _actor, body) => ({ set: {}, opinion: body.reason, details: {} });
