import type { DbOrTx } from '../../db/index.js';

/**
 * What the practices module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): the names of the catalog items a practice concerns, the notice of
 * the city's decisions to the place, and how many training sessions cite a practice.
 */

/** The published catalog as a practice asks it (implemented by the catalog's PublicCatalog). */
export interface PracticeItems {
  /** an item's name as its guide shows it, or null when no published catalog has the code */
  itemName(code: string): Promise<string | null>;
}

/** The city's decision on a practice, told to its place. */
export interface PracticeDecision {
  practiceId: string;
  title: string;
  /** "钢山街道" or "钢山街道孟庄社区" */
  placeName: string;
  /** the practice's town or village: those holding practice.submit nearest to it are told */
  regionPath: string;
  decision: 'return' | 'publish' | 'withdraw';
  /** the city's reasons (return, withdraw) */
  reason: string | null;
}

/**
 * Tells the place, inside the decision's transaction, that the city returned, published or
 * withdrew its practice: the notifications module's PracticeNotices (site messages to the staff
 * holding practice.submit nearest to the practice's place).
 */
export interface PracticeNotifier {
  decided(tx: DbOrTx, n: PracticeDecision): Promise<void>;
}

/** For tests, tools and the demo seed: tells nobody. */
export const silentPracticeNotifier: PracticeNotifier = { decided: async () => undefined };

/** How much a practice is used in training (the training module's TrainingService). */
export interface PracticeTrainingUses {
  /** the training sessions that cite it as a 教学案例 */
  sessionsCiting(practiceId: string): Promise<number>;
}
