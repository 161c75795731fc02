/**
 * What the notifications module needs from others, declared here and implemented elsewhere (the
 * accounts module keeps staff accounts and their grants; the composition root wires it).
 */
import type { Action } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/index.js';
import type { RegionRef } from '../../platform/permissions.js';

/** A staff member to notify: their phone in clear, or null when none is on file. */
export interface StaffContact {
  id: string;
  phone: string | null;
}

/** Staff accounts, as notifications needs them. */
export interface StaffDirectory {
  /**
   * Active staff who may do any of `actions` over the place (platform/permissions.ts
   * grantsCovering: a grant on the place or one of its ancestors), each once, in id order. Read
   * through `db` when given (the caller's transaction), else the root handle.
   */
  holdersOver(place: Pick<RegionRef, 'path'>, actions: readonly Action[], db?: DbOrTx): Promise<StaffContact[]>;
  /**
   * The nearest of them: those whose grant is on the deepest of the place's covering regions that
   * has any (a town's case: the town's staff, the city's only when the town has none), so city
   * staff are not told of every town's cases.
   */
  nearestHoldersOver(place: Pick<RegionRef, 'path'>, actions: readonly Action[], db?: DbOrTx): Promise<StaffContact[]>;
  /** How staff are named to other staff, by id: 「name（username）」; unknown ids are left out. */
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
}
