/**
 * The holiday calendar as data: public to read, kept by city administrators. The table
 * (calendar_days) is platform/calendar.ts's: this module holds the rules (who may change it, the
 * audit entry, reloading the working calendar) and reads and writes through its functions.
 */
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays, calendarDay, calendarDaysOfYear, deleteCalendarDay, isValidDate, putCalendarDay } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { iso } from '../../platform/ids.js';
import { can, type Actor } from '../../platform/permissions.js';

export async function calendarYear(deps: Deps, year: number) {
  const rows = await calendarDaysOfYear(deps.dbh.db, year);
  const calendar = await deps.calendar.fresh();
  let workingDays = 0;
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) workingDays++;
  return {
    year,
    workingDays,
    provisional: rows.some((r) => r.provisional === 1),
    sources: [...new Set(rows.map((r) => r.source).filter(Boolean))],
    days: rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, provisional: r.provisional === 1 })),
  };
}

async function requireCalendarAdmin(deps: Deps, actor: Actor) {
  const root = (await deps.regions.childrenOf(null))?.[0];
  if (!root || !can(actor, 'calendar.manage', root)) throw forbidden('只有市级管理员可以维护节假日安排');
  return root;
}

export async function setCalendarDay(deps: Deps, ctx: RequestContext, actor: Actor, date: string, input: { kind: 'holiday' | 'workday'; name: string; source: string }) {
  const root = await requireCalendarAdmin(deps, actor);
  if (!isValidDate(date)) throw new AppError(400, 'INVALID_DATE', `日期 ${date} 不存在`, [{ field: 'date', message: '日期不存在' }]);
  const now = iso(deps.clock.now());
  await deps.dbh.db.transaction().execute(async (tx) => {
    const before = await calendarDay(tx, date);
    await putCalendarDay(tx, date, { kind: input.kind, name: input.name, source: input.source, provisional: 0, updated_at: now, updated_by: actor.kind === 'staff' ? actor.id : null });
    await recordAudit(tx, ctx, { action: 'calendar.set', entityType: 'calendar_day', entityId: date, regionCode: root.code, summary: { before: before ? { kind: before.kind, name: before.name } : null, after: input } }, deps.clock);
  });
  await deps.calendar.load();
  return { date, kind: input.kind, name: input.name, provisional: false };
}

export async function clearCalendarDay(deps: Deps, ctx: RequestContext, actor: Actor, date: string) {
  const root = await requireCalendarAdmin(deps, actor);
  await deps.dbh.db.transaction().execute(async (tx) => {
    const before = await calendarDay(tx, date);
    if (!before) throw notFound('该日期的节假日安排', 'CALENDAR_DAY_NOT_FOUND');
    await deleteCalendarDay(tx, date);
    await recordAudit(tx, ctx, { action: 'calendar.clear', entityType: 'calendar_day', entityId: date, regionCode: root.code, summary: { before: { kind: before.kind, name: before.name } } }, deps.clock);
  });
  await deps.calendar.load();
}
