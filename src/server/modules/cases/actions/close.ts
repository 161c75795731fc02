/** Ending a case before a decision: 不予受理 (refuse), 撤回 (withdraw), 终止 (terminate). A stopped clock is settled first. */
import { validationFailed } from '../../../platform/errors.js';
import type { CaseRow } from '../repo.js';
import { restartClock } from './clock.js';
import type { ActionContext, ActionHandler, ActionOutcome } from './types.js';

const close = (row: CaseRow, ctx: ActionContext, opinion: string): ActionOutcome => {
  const restart = restartClock(row, ctx);
  return { set: { ...restart.set, closed_at: ctx.now, resume_status: null }, opinion, details: { ...restart.details } };
};

export const refuse: ActionHandler<'refuse'> = (row, _actor, body, ctx) => close(row, ctx, body.reason);

export const withdraw: ActionHandler<'withdraw'> = (row, _actor, body, ctx) => {
  if (ctx.onBehalf && !body.reason) throw validationFailed([{ field: 'reason', message: '代申请人撤回须注明申请人的撤回申请（书面申请）' }]);
  return close(row, ctx, body.reason);
};

export const terminate: ActionHandler<'terminate'> = (row, _actor, body, ctx) => close(row, ctx, body.reason);
