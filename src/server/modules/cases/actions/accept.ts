/**
 * 受理: the clock starts; the due date is the acceptance day + 承诺时限 working days. A case the
 * form's eligibility rules warned about (可能不符合受理条件) may be accepted all the same — with the
 * reason in the opinion, so the record says why.
 */
import { AppError } from '../../../platform/errors.js';
import { eligibilitySummary, type EligibilityWarning } from '../../../../shared/eligibility.js';
import { dueDate } from '../workflow.js';
import type { ActionHandler } from './types.js';

export const accept: ActionHandler<'accept'> = (row, _actor, body, ctx) => {
  const warnings = JSON.parse(row.eligibility_warnings || '[]') as EligibilityWarning[];
  if (warnings.length && !body.opinion.trim()) {
    throw new AppError(400, 'ELIGIBILITY_REASON_REQUIRED', '本件可能不符合受理条件，如仍受理，请在意见中说明理由', [
      { field: 'opinion', message: `${eligibilitySummary(warnings)}。如仍受理，请在意见中说明理由（如已核对户口簿）` },
    ]);
  }
  const due = dueDate(ctx.calendar, { ...ctx.clock, acceptedOn: ctx.today });
  return {
    set: { accepted_at: ctx.now, accepted_on: ctx.today, due_date: due },
    opinion: body.opinion,
    details: { dueDate: due, promisedDays: row.promised_days, ...(warnings.length ? { eligibilityWarnings: warnings.map((w) => w.message) } : {}) },
  };
};
