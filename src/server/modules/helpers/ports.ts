/**
 * What the helpers module needs from others, declared here and implemented elsewhere (the
 * composition root wires them): item names from the published catalog, and the staff accounts a
 * helper record may be linked to.
 */
import type { RegionRef } from '../../platform/regions.js';

/** The published catalog as the roster asks it (implemented by the catalog's PublicCatalog). */
export interface ItemNames {
  /** an item's name as the guide shows it, or null when no published catalog has the code */
  itemName(code: string): Promise<string | null>;
}

/** A staff account as a helper record's link sees it. */
export interface HelperStaffAccount {
  id: string;
  name: string;
  active: boolean;
  /** the places its grants of role `helper` are over (empty: the account is not a helper) */
  helperGrants: RegionRef[];
}

/** Staff accounts (implemented by the accounts module's StaffAccounts). */
export interface HelperAccounts {
  /** the account with this id, or null when there is none */
  helperAccount(staffId: string): Promise<HelperStaffAccount | null>;
  /** display names ("刘桂芝（mengzhuang.helper）") of the accounts that exist, by id */
  displayNames(ids: readonly string[]): Promise<Map<string, string>>;
}
