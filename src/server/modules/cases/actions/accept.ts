/** 受理: the clock starts; the due date is the acceptance day + 承诺时限 working days. */
import { dueDate } from '../workflow.js';
import type { ActionHandler } from './types.js';

export const accept: ActionHandler<'accept'> = (row, _actor, body, ctx) => {
  const due = dueDate(ctx.calendar, { ...ctx.clock, acceptedOn: ctx.today });
  return {
    set: { accepted_at: ctx.now, accepted_on: ctx.today, due_date: due },
    opinion: body.opinion,
    details: { dueDate: due, promisedDays: row.promised_days },
  };
};
