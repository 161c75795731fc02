/**
 * What the training module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): the staff accounts that may be participants, read through the
 * accounts module's public face (its StaffBriefs), never its tables.
 */

/** A staff account as a training record names it: who, and where their home is (which decides who manages their record). */
export interface TraineeAccount {
  id: string;
  username: string;
  name: string;
  active: boolean;
  /** the account's home region: a participant belongs to the subtree it is in */
  regionCode: string;
  regionPath: string;
  regionName: string;
}

export interface TraineeAccounts {
  /** Accounts whose home is under one of `paths` (region path prefixes), matching `q` in the name or username, at most `limit`. */
  search(paths: readonly string[], q: string | undefined, limit: number): Promise<TraineeAccount[]>;
  /** These accounts (unknown ids are left out). */
  byIds(ids: readonly string[]): Promise<TraineeAccount[]>;
}

/** A 典型案例 as a training session cites it (教学案例). */
export interface TeachingCaseBrief {
  id: string;
  title: string;
  /** "钢山街道" or "钢山街道孟庄社区" */
  regionName: string;
  /** on the portal now (a practice withdrawn since it was cited is not) */
  published: boolean;
  /** recommended by the city for training (only while published) */
  recommended: boolean;
}

/**
 * The published 典型案例 a session may cite, read through the practices module's public face (its
 * PracticeService), never its tables.
 */
export interface TrainingCases {
  /** These practices as they stand now, whatever their status (unknown ids are left out). */
  teachingCases(ids: readonly string[]): Promise<TeachingCaseBrief[]>;
  /** Published practices to pick from, those recommended for training first, then the newest; matching `q` in the title; at most `limit`. */
  teachingCaseChoices(q: string | undefined, limit: number): Promise<TeachingCaseBrief[]>;
}

/** For tests and tools: no practices. */
export const noTrainingCases: TrainingCases = { teachingCases: async () => [], teachingCaseChoices: async () => [] };
