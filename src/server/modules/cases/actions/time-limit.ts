/** The time limit: 延期 (extend, once) and 特别程序 (pause / resume, the stopped working days are added). */
import { conflict } from '../../../platform/errors.js';
import { dueDate } from '../workflow.js';
import { restartClock, stopClock } from './clock.js';
import type { ActionHandler } from './types.js';

export const extend: ActionHandler<'extend'> = (row, _actor, body, ctx) => {
  if (row.promised_days === null) throw conflict('CASE_NO_TIME_LIMIT', '本事项没有以工作日计的承诺时限，无需延期');
  if (row.extended_days > 0) throw conflict('CASE_ALREADY_EXTENDED', '本办件已延期过一次，不能再次延期');
  const due = dueDate(ctx.calendar, { ...ctx.clock, extendedDays: body.days });
  return { set: { extended_days: body.days, due_date: due }, opinion: body.reason, details: { days: body.days, dueDate: due } };
};

export const pause: ActionHandler<'pause'> = (row, _actor, body, ctx) => ({
  set: { resume_status: row.status, ...stopClock(row, ctx) },
  opinion: body.reason,
  details: { procedure: body.procedure },
});

export const resume: ActionHandler<'resume'> = (row, _actor, body, ctx) => {
  const restart = restartClock(row, ctx);
  return { set: { resume_status: null, ...restart.set }, opinion: body.opinion, details: { ...restart.details } };
};
