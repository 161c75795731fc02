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
