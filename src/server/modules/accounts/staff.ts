/**
 * Staff accounts and their grants (tables `staff_users`, `role_grants`) as other modules may read
 * them: `StaffAccounts` is the notifications module's StaffDirectory and the auth module's
 * StaffCredentials (password sign-in). This module keeps the tables; who a grant covers is the
 * policy's (platform/permissions.ts).
 */
import type { DbOrTx } from '../../db/index.js';
import type { Deps } from '../../deps.js';
import { grantsCovering, type RegionRef } from '../../platform/permissions.js';
import type { Action } from '../../../shared/roles.js';
import type { StaffCredentials, StaffSignInAccount } from '../auth/index.js';
import type { StaffContact, StaffDirectory } from '../notifications/index.js';
import type { HelperRoster } from '../venues/index.js';
import { activeHoldersOf, namesOfUsers, recordLastLogin, signInRowOf } from './repo.js';

export class StaffAccounts implements StaffDirectory, StaffCredentials, HelperRoster {
  constructor(private readonly deps: Pick<Deps, 'dbh' | 'protector'>) {}

  async holdersOver(place: Pick<RegionRef, 'path'>, actions: readonly Action[]): Promise<StaffContact[]> {
    const { roles, regionCodes } = grantsCovering(place, actions);
    const rows = await activeHoldersOf(this.deps.dbh.db, roles, regionCodes);
    return rows.map((r) => ({ id: r.id, phone: r.phone_enc ? this.deps.protector.decrypt(r.phone_enc) : null }));
  }

  /** 帮办代办员 whose grant covers the place (the service map shows their names, never their accounts). */
  async helpersOver(place: Pick<RegionRef, 'path'>): Promise<{ name: string }[]> {
    const { roles, regionCodes } = grantsCovering(place, ['assist.act']);
    const rows = await activeHoldersOf(this.deps.dbh.db, roles, regionCodes);
    if (rows.length === 0) return [];
    const names = await namesOfUsers(this.deps.dbh.db, rows.map((r) => r.id));
    return names.map((r) => ({ name: r.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
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
