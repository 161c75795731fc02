/** What the reform module needs from outside, declared here and implemented elsewhere (services.ts wires it). */
import type { DbOrTx } from '../../db/index.js';

/** A 督办 reminder: the city nudges a task's lead region. */
export interface ReformReminder {
  taskId: string;
  title: string;
  leadUnit: string;
  leadRegionPath: string;
  deadline: string;
  overdue: boolean;
  message: string;
  from: string;
}

/**
 * Tells the staff holding reform.report over the task's lead region (those granted nearest to it),
 * inside the reminder's transaction: the notifications module's ReformNotices (site messages).
 */
export interface ReformNotifier {
  remind(tx: DbOrTx, n: ReformReminder): Promise<void>;
}

/** For tests and tools: tells nobody. */
export const silentReformNotifier: ReformNotifier = { remind: async () => undefined };
