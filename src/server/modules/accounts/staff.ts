/**
 * Staff accounts and their grants (tables `staff_users`, `role_grants`) as other modules may read
 * them: `StaffAccounts` is the notifications module's StaffDirectory, the auth module's
 * StaffCredentials (password sign-in) and the helpers module's HelperAccounts (the account a
 * helper record is linked to). This module keeps the tables; who a grant covers is the policy's
 * (platform/permissions.ts).
 */
import type { DbOrTx } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import { grantsCovering, type RegionRef } from '../../platform/permissions.js';
import type { Action } from '../../../shared/roles.js';
import type { StaffCredentials, StaffSignInAccount } from '../auth/index.js';
import type { StaffContact, StaffDirectory } from '../notifications/index.js';
import type { HelperAccounts, HelperStaffAccount } from '../helpers/index.js';
import { activeHoldersOf, findUser, grantsOfUsers, namesOfUsers, recordLastLogin, signInRowOf } from './repo.js';

export class StaffAccounts implements StaffDirectory, StaffCredentials, HelperAccounts {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'protector'>) {}

  async holdersOver(place: Pick<RegionRef, 'path'>, actions: readonly Action[], db: DbOrTx = this.deps.dbh.db): Promise<StaffContact[]> {
    const { roles, regionCodes } = grantsCovering(place, actions);
    return this.contactsOf(await activeHoldersOf(db, roles, regionCodes));
  }

  async nearestHoldersOver(place: Pick<RegionRef, 'path'>, actions: readonly Action[], db: DbOrTx = this.deps.dbh.db): Promise<StaffContact[]> {
    const { roles, regionCodes } = grantsCovering(place, actions);
    const rows = await activeHoldersOf(db, roles, regionCodes);
    // a deeper region has a longer code (市 6, 镇 9, 村 12 digits)
    const nearest = Math.max(0, ...rows.map((r) => r.region_code.length));
    return this.contactsOf(rows.filter((r) => r.region_code.length === nearest));
  }

  /** Each holder once (one with grants on two covering regions comes twice), with their phone in clear. */
  private contactsOf(rows: readonly { id: string; phone_enc: string | null }[]): StaffContact[] {
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ id: r.id, phone: r.phone_enc ? this.deps.protector.decrypt(r.phone_enc) : null }));
  }

  /** The account a helper record may be linked to, with the places its helper grants are over. */
  async helperAccount(staffId: string): Promise<HelperStaffAccount | null> {
    const user = await findUser(this.deps.dbh.db, staffId);
    if (!user) return null;
    const grants = await grantsOfUsers(this.deps.dbh.db, [user.id]);
    return {
      id: user.id, name: user.name, active: user.active === 1,
      helperGrants: grants.filter((g) => g.role === 'helper').map((g) => ({ code: g.region_code, path: g.region_path })),
    };
  }

  async displayNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await namesOfUsers(this.deps.dbh.db, ids);
    return new Map(rows.map((r) => [r.id, `${r.name}（${r.username}）`]));
  }

  async forSignIn(username: string): Promise<StaffSignInAccount | undefined> {
    const row = await signInRowOf(this.deps.dbh.db, username);
    return row && {
      id: row.id, username: row.username, name: row.name, passwordHash: row.password_hash,
      active: Boolean(row.active), homeRegionCode: row.home_region_code,
    };
  }

  async recordSignIn(tx: DbOrTx, staffId: string, at: string): Promise<void> {
    await recordLastLogin(tx, staffId, at);
  }
}
