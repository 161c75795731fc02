/**
 * The assistance module's in-process job, started by main.ts: every `everyMs` (5 minutes by
 * default) the escalation scan reports the requests that missed a time limit
 * (AssistanceService.escalateOverdue). Each limit is reported once, recorded on the request, so
 * several processes or a restart never escalate twice; a scan still running is not started again.
 */
import type { Deps } from '../../deps.js';
import type { AssistanceService } from './service.js';

export interface AssistanceJobs {
  /** Runs a scan now (unless one is running). */
  escalateNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startAssistanceJobs(deps: Pick<Deps, 'log' | 'clock'>, service: AssistanceService, opts: { everyMs?: number } = {}): AssistanceJobs {
  let running: Promise<void> | null = null;
  let stopped = false;
  const escalateNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) return running;
    running = (async () => {
      try {
        const r = await service.escalateOverdue(deps.clock.now());
        if (r.accept + r.contact > 0) deps.log.info(r, 'help requests escalated');
      } catch (err) {
        deps.log.warn({ err }, 'help request escalation failed');
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void escalateNow(), opts.everyMs ?? 5 * 60_000);
  timer.unref();
  const first = setTimeout(() => void escalateNow(), 7000);
  first.unref();
  return {
    escalateNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
