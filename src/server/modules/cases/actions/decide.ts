/** 审查通过 / 准予 (approve), 不予许可 (deny) and 退回 (return) to review. */
import type { ActionHandler } from './types.js';

/** From review it goes to the decision; from the decision it is approved. */
export const approve: ActionHandler<'approve'> = (row, _actor, body, ctx) => ({
  set: row.status === 'deciding' ? { decided_at: ctx.now, result: 'approved', result_note: body.resultNote ?? null } : {},
  opinion: body.opinion,
  details: {},
});

export const deny: ActionHandler<'deny'> = (_row, _actor, body, ctx) => ({
  set: { decided_at: ctx.now, result: 'denied', result_note: body.reason },
  opinion: body.reason,
  details: {},
});

export const returnToReview: ActionHandler<'return'> = (_row, _actor, body) => ({ set: {}, opinion: body.reason, details: {} });
