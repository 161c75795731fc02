/** Moving a case between places: 收件转报 (forward) and 转办 (transfer). */
import { AppError, validationFailed } from '../../../platform/errors.js';
import type { HandlingMode } from '../../../../shared/catalog.js';
import { isCollectOnlyMode } from '../workflow.js';
import type { ActionHandler } from './types.js';

/** 收件转报: a place that only collects hands the case to the body that decides it (act() has checked that it is such a place). */
export const forward: ActionHandler<'forward'> = (row, _actor, body) => ({
  set: { current_region_code: row.handling_region_code, current_region_path: row.handling_region_path },
  opinion: body.opinion,
  details: { from: row.current_region_code, to: row.handling_region_code },
});

/** 转办 (通办): a case not yet accepted goes to another place that offers and decides the item. */
export const transfer: ActionHandler<'transfer'> = async (row, _actor, body, ctx) => {
  const target = await ctx.regions.require(body.toRegionCode, 'toRegionCode');
  if (target.code === row.current_region_code) throw validationFailed([{ field: 'toRegionCode', message: '不能转办给当前办理地' }]);
  if (target.level === 'county') throw validationFailed([{ field: 'toRegionCode', message: '请选择镇（街道）或村（社区）' }]);
  // One database may hold several counties, and each sees only its own cases: 转办 stays in the county.
  const countyOf = (path: string) => path.split('/').filter(Boolean)[0];
  if (countyOf(target.path) !== countyOf(row.current_region_path)) throw validationFailed([{ field: 'toRegionCode', message: '只能转办给本县（市）的镇（街道）或村（社区）' }]);
  try {
    const g = await ctx.guide(row.item_code, target.code);
    if (g.local?.handlingMode && isCollectOnlyMode(g.local.handlingMode as HandlingMode)) {
      throw new AppError(400, 'TRANSFER_TARGET_COLLECT_ONLY', `${target.shortName}对本事项只收件不办结，不能转办给它`);
    }
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw new AppError(400, 'ITEM_NOT_OFFERED', `${target.shortName}未实施该事项，不能转办`, [{ field: 'toRegionCode', message: '该地未实施此事项' }]);
    throw err;
  }
  return {
    set: { handling_region_code: target.code, current_region_code: target.code, handling_region_path: target.path, current_region_path: target.path },
    opinion: body.reason,
    details: { from: row.handling_region_code, to: target.code },
  };
};
