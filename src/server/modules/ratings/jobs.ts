/**
 * The ratings module's in-process job, started by main.ts: every `everyMs` (15 minutes by
 * default) the SMS invitations of cases handled 3 days ago and unrated, and the escalation of
 * follow-ups past a limit. Both record what they did on their rows, so several processes or a
 * restart never act twice; a run still going is not started again.
 */
import type { Deps } from '../../deps.js';
import type { RatingFollowUps } from './followups.js';
import type { RatingInvitations } from './invitations.js';

export interface RatingJobs {
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startRatingJobs(deps: Pick<Deps, 'log' | 'clock'>, invitations: RatingInvitations, followUps: RatingFollowUps, opts: { everyMs?: number } = {}): RatingJobs {
  let running: Promise<void> | null = null;
  let stopped = false;
  const runNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) return running;
    running = (async () => {
      try {
        const invited = await invitations.inviteDue(deps.clock.now());
        if (invited.invited > 0) deps.log.info(invited, 'rating invitations sent');
        const escalated = await followUps.escalateOverdue(deps.clock.now());
        if (escalated.visit + escalated.rectify + escalated.closed > 0) deps.log.info(escalated, 'rating follow-ups escalated or closed');
      } catch (err) {
        deps.log.warn({ err }, 'rating jobs failed');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void runNow(), opts.everyMs ?? 15 * 60_000);
  timer.unref();
  const first = setTimeout(() => void runNow(), 11_000);
  first.unref();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
