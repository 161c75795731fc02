/**
 * The in-process jobs of notifications, started by main.ts:
 * - SMS dispatch: soon after a message is queued (the sender's onQueued), and every
 *   `dispatchEveryMs` for retries (failed hand-overs wait 1, 5, 30, 120 minutes);
 * - time-limit warnings: once per working day from `warningHour` (China time), checked every
 *   `warningCheckEveryMs`. The day of the last run is kept in `meta`, and the warnings themselves
 *   are recorded per case, level and day, so several processes or a restart never warn twice.
 */
import type { Deps } from '../../deps.js';
import { outsideTransaction } from '../../db/guard.js';
import { chinaDate, chinaHour } from '../../platform/calendar.js';
import { iso } from '../../platform/ids.js';
import { NotificationService } from './service.js';

export const WARNINGS_META_KEY = 'notifications_warnings_day';

export interface NotificationJobs {
  /** Dispatches queued SMS now (also called by the sender after a row is queued). */
  kick(): void;
  /** Runs the warning scan if today's has not run yet and it is time. Resolves to whether it ran. */
  warningsIfDue(): Promise<boolean>;
  stop(): Promise<void>;
}

export function startNotificationJobs(
  deps: Deps,
  service: NotificationService,
  opts: { dispatchEveryMs?: number; warningCheckEveryMs?: number; warningHour?: number } = {},
): NotificationJobs {
  const warningHour = opts.warningHour ?? 8;
  let stopped = false;
  let dispatching: Promise<void> | null = null;
  let again = false;
  const timers = new Set<NodeJS.Timeout>();

  const dispatch = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (dispatching) {
      again = true;
      return dispatching;
    }
    dispatching = (async () => {
      try {
        do {
          again = false;
          const r = await deps.sms.dispatch(deps.dbh.db);
          if (r.sent + r.failed === 100) again = true; // a full batch: more may be waiting
        } while (again && !stopped);
      } catch (err) {
        deps.log.warn({ err }, 'sms dispatch failed');
      } finally {
        dispatching = null;
      }
    })();
    return dispatching;
  };

  // kick() is called from inside the transaction that queued a row: the timer must not inherit
  // that transaction's scope, or its dispatch would be refused as a query inside it (db/guard.ts).
  const later = (ms: number, fn: () => unknown) => {
    const t = outsideTransaction(() => setTimeout(() => {
      timers.delete(t);
      void fn();
    }, ms));
    t.unref();
    timers.add(t);
  };

  // A row is queued inside a transaction: look shortly after (most commits are done by then) and
  // once more a little later (a slow commit on PostgreSQL); the interval catches anything else.
  // At most one of each pending: under load, one dispatch sends what many commits queued.
  let soon = false;
  let again15 = false;
  const kick = () => {
    if (stopped) return;
    if (!soon) {
      soon = true;
      later(50, () => {
        soon = false;
        return dispatch();
      });
    }
    if (!again15) {
      again15 = true;
      later(1500, () => {
        again15 = false;
        return dispatch();
      });
    }
  };
  deps.sms.onQueued = kick;

  const warningsIfDue = async (): Promise<boolean> => {
    const now = deps.clock.now();
    const today = chinaDate(now);
    const hour = chinaHour(now);
    const cal = await deps.calendar.fresh();
    if (hour < warningHour || !cal.isWorkingDay(today)) return false;
    const last = await deps.dbh.db.selectFrom('meta').select('value').where('key', '=', WARNINGS_META_KEY).executeTakeFirst();
    if (last && last.value >= today) return false;
    await service.runWarnings();
    const value = today;
    await deps.dbh.db.insertInto('meta').values({ key: WARNINGS_META_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    deps.log.info({ day: today, at: iso(now) }, 'daily time-limit warnings done');
    return true;
  };

  const dispatchTimer = setInterval(() => void dispatch(), opts.dispatchEveryMs ?? 10_000);
  dispatchTimer.unref();
  const warningTimer = setInterval(() => warningsIfDue().catch((err) => deps.log.warn({ err }, 'time-limit warning scan failed')), opts.warningCheckEveryMs ?? 10 * 60_000);
  warningTimer.unref();
  // At start: whatever was queued before (by a previous process, or the demo seed), and today's warnings if due.
  later(1000, dispatch);
  later(5000, () => warningsIfDue().catch((err) => deps.log.warn({ err }, 'time-limit warning scan failed')));

  return {
    kick,
    warningsIfDue,
    stop: async () => {
      stopped = true;
      clearInterval(dispatchTimer);
      clearInterval(warningTimer);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (deps.sms.onQueued === kick) deps.sms.onQueued = undefined;
      await dispatching;
    },
  };
}
