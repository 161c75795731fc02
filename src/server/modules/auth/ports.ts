/**
 * What the auth module needs from others, declared here and implemented elsewhere (the accounts
 * module keeps staff accounts; the composition root wires it), so arrows run one way: accounts
 * depends on auth, never the reverse.
 */
import type { DbOrTx } from '../../db/index.js';

/** A staff account as password sign-in needs it. */
export interface StaffSignInAccount {
  id: string;
  username: string;
  name: string;
  /** the stored password hash (platform/passwords.ts) */
  passwordHash: string;
  active: boolean;
  homeRegionCode: string;
}

/** Staff accounts, as password sign-in needs them. */
export interface StaffCredentials {
  /** The account with this username (already as `usernameKey` makes it: trimmed, lower-case); undefined when none has it. */
  forSignIn(username: string): Promise<StaffSignInAccount | undefined>;
  /** Records a successful sign-in at `at` (ISO instant), in the sign-in's transaction. */
  recordSignIn(tx: DbOrTx, staffId: string, at: string): Promise<void>;
}
