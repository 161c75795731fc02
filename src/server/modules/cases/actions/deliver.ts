/** 送达: the decision is handed over (window, post with its tracking number, electronic); the case is closed. */
import { validationFailed } from '../../../platform/errors.js';
import type { CaseRow } from '../repo.js';
import type { ActionHandler } from './types.js';

export const deliver: ActionHandler<'deliver'> = (row, _actor, body, ctx) => {
  const { method, trackingNo, address } = body;
  if (method === 'post' && !trackingNo) throw validationFailed([{ field: 'trackingNo', message: '邮寄送达请填写邮件单号' }]);
  const postTo = address ?? row.delivery_address;
  if (method === 'post' && !postTo) throw validationFailed([{ field: 'address', message: '邮寄送达请填写收件地址' }]);
  const set: Partial<CaseRow> = { delivery_method: method, delivered_at: ctx.now, closed_at: ctx.now };
  if (method === 'post') {
    set.delivery_tracking_no = trackingNo!;
    set.delivery_address = postTo;
  }
  return { set, opinion: body.opinion, details: method === 'post' ? { method, trackingNo } : { method } };
};
