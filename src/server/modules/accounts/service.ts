import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { iso, newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/passwords.js';
import { can, canGrant, scopePaths } from '../../platform/permissions.js';
import type { StaffActor } from '../../platform/request.js';
import { deleteSessionsOf, forgetSessions } from '../../platform/sessions.js';
import { ROLE_LABELS, type StaffRole } from '../../../shared/roles.js';
import { maskPhone } from '../../../shared/validators.js';
import { forgetSignInFailures } from '../auth/index.js';
import { findUser, grantsOfUsers, listUsers, usernameTaken, type UserRow } from './repo.js';

export interface GrantInput {
  role: StaffRole;
  regionCode: string;
}

const userNotFound = () => notFound('账号', 'USER_NOT_FOUND');

export class AccountService {
  constructor(private readonly deps: Deps) {}

  private get db() {
    return this.deps.dbh.db;
  }

  private present(row: UserRow, grants: Awaited<ReturnType<typeof grantsOfUsers>>) {
    return {
      id: row.id,
      username: row.username,
      name: row.name,
      phoneMasked: row.phone_enc ? maskPhone(this.deps.protector.decrypt(row.phone_enc)) : null,
      homeRegionCode: row.home_region_code,
      homeRegionName: row.home_region_name,
      active: row.active === 1,
      lockedUntil: row.locked_until && new Date(row.locked_until) > this.deps.clock.now() ? row.locked_until : null,
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
      roles: grants.filter((g) => g.user_id === row.id).map((g) => ({ id: g.id, role: g.role as StaffRole, regionCode: g.region_code, regionName: g.region_name })),
    };
  }

  async list(actor: StaffActor, q: { q?: string; regionCode?: string; role?: StaffRole; page: number; pageSize: number }) {
    const regionPath = q.regionCode ? (await this.deps.regions.require(q.regionCode)).path : undefined;
    const { total, rows } = await listUsers(this.db, { scopePaths: scopePaths(actor, 'account.view'), q: q.q, regionPath, role: q.role }, q.page, q.pageSize);
    const grants = await grantsOfUsers(this.db, rows.map((r) => r.id));
    return { total, items: rows.map((r) => this.present(r, grants)) };
  }

  /** A user the actor may see; anything else is reported as not found, so ids leak nothing. */
  private async visibleUser(actor: StaffActor, id: string, action: 'account.view' | 'account.manage') {
    const row = await findUser(this.db, id);
    if (!row || !can(actor, 'account.view', { code: row.home_region_code, path: row.home_region_path })) throw userNotFound();
    if (action === 'account.manage') {
      if (!can(actor, 'account.manage', { code: row.home_region_code, path: row.home_region_path })) throw forbidden();
      await this.requireGrantableHoldings(actor, id);
    }
    return row;
  }

  /**
   * An admin may change an account (details, password, lock, standing, grants) only if they could
   * have granted every role it holds. The home region alone is not enough: a 钢山街道 admin could
   * otherwise reset the password of a city admin whose home is in 钢山街道, or of a clerk who also
   * works in another town, and sign in as them.
   */
  private async requireGrantableHoldings(actor: StaffActor, id: string): Promise<void> {
    for (const g of await grantsOfUsers(this.db, [id])) {
      const region = await this.deps.regions.get(g.region_code);
      if (!region || !canGrant(actor, g.role as StaffRole, this.deps.regions.ref(region))) {
        throw forbidden(`该账号拥有「${region?.shortName ?? g.region_code}」的「${ROLE_LABELS[g.role as StaffRole] ?? g.role}」角色，超出您的管理权限，请联系上级管理员`);
      }
    }
  }

  async get(actor: StaffActor, id: string) {
    const row = await this.visibleUser(actor, id, 'account.view');
    return this.present(row, await grantsOfUsers(this.db, [id]));
  }

  private async checkGrantable(actor: StaffActor, grant: GrantInput, field: string) {
    const region = await this.deps.regions.require(grant.regionCode, field);
    if (!canGrant(actor, grant.role, this.deps.regions.ref(region))) {
      throw forbidden(`您无权在「${region.shortName}」授予「${ROLE_LABELS[grant.role]}」角色`);
    }
    return region;
  }

  async create(ctx: RequestContext, actor: StaffActor, input: { username: string; name: string; password: string; phone?: string; homeRegionCode: string; grants: GrantInput[] }) {
    const home = await this.deps.regions.require(input.homeRegionCode, 'homeRegionCode');
    if (!can(actor, 'account.manage', this.deps.regions.ref(home))) throw forbidden(`您无权在「${home.shortName}」创建账号`);
    for (const [i, g] of input.grants.entries()) await this.checkGrantable(actor, g, `grants.${i}.regionCode`);
    const passwordHash = await hashPassword(input.password);
    const id = newId();
    const now = iso(this.deps.clock.now());
    await this.db.transaction().execute(async (tx) => {
      if (await usernameTaken(tx, input.username)) throw conflict('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`, [{ field: 'username', message: '用户名已被使用' }]);
      await tx.insertInto('staff_users').values({
        id, username: input.username, name: input.name, password_hash: passwordHash,
        phone_enc: input.phone ? this.deps.protector.encrypt(input.phone) : null,
        phone_hash: input.phone ? this.deps.protector.lookupHash(input.phone) : null,
        home_region_code: home.code, active: 1, failed_logins: 0, locked_until: null, must_change_password: 0,
        last_login_at: null, created_at: now, updated_at: now,
      }).execute();
      // Failures counted against this username before the account existed (sign-in counts every
      // name tried) are not the new holder's.
      await forgetSignInFailures(tx, input.username);
      const unique = [...new Map(input.grants.map((g) => [`${g.role}@${g.regionCode}`, g])).values()];
      for (const g of unique) {
        await tx.insertInto('role_grants').values({ id: newId(), user_id: id, role: g.role, region_code: g.regionCode, created_at: now, created_by: actor.id }).execute();
      }
      await recordAudit(tx, ctx, {
        action: 'account.create', entityType: 'staff_user', entityId: id, regionCode: home.code,
        summary: { username: input.username, name: input.name, phone: input.phone ? maskPhone(input.phone) : null, grants: unique },
      }, this.deps.clock);
    });
    // sessions read in the last second carry the old name, grants or standing
    forgetSessions();
    return this.get(actor, id);
  }

  async update(ctx: RequestContext, actor: StaffActor, id: string, patch: { name?: string; phone?: string | null; homeRegionCode?: string; active?: boolean }) {
    const row = await this.visibleUser(actor, id, 'account.manage');
    if (patch.active === false && id === actor.id) throw new AppError(400, 'CANNOT_DISABLE_SELF', '不能停用自己的账号');
    if (patch.homeRegionCode) {
      const home = await this.deps.regions.require(patch.homeRegionCode, 'homeRegionCode');
      if (!can(actor, 'account.manage', this.deps.regions.ref(home))) throw forbidden(`您无权把账号划入「${home.shortName}」`);
    }
    const changes: Record<string, unknown> = {};
    const set: Record<string, unknown> = { updated_at: iso(this.deps.clock.now()) };
    if (patch.name !== undefined && patch.name !== row.name) { set.name = patch.name; changes.name = [row.name, patch.name]; }
    if (patch.homeRegionCode !== undefined && patch.homeRegionCode !== row.home_region_code) { set.home_region_code = patch.homeRegionCode; changes.homeRegionCode = [row.home_region_code, patch.homeRegionCode]; }
    if (patch.active !== undefined && (patch.active ? 1 : 0) !== row.active) { set.active = patch.active ? 1 : 0; changes.active = [row.active === 1, patch.active]; }
    if (patch.phone !== undefined) {
      set.phone_enc = patch.phone ? this.deps.protector.encrypt(patch.phone) : null;
      set.phone_hash = patch.phone ? this.deps.protector.lookupHash(patch.phone) : null;
      changes.phone = patch.phone ? maskPhone(patch.phone) : null;
    }
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('staff_users').set(set).where('id', '=', id).execute();
      if (patch.active === false) await deleteSessionsOf(tx, 'staff', id);
      await recordAudit(tx, ctx, { action: 'account.update', entityType: 'staff_user', entityId: id, regionCode: row.home_region_code, summary: changes }, this.deps.clock);
    });
    // sessions read in the last second carry the old name, grants or standing
    forgetSessions();
    return this.get(actor, id);
  }

  async resetPassword(ctx: RequestContext, actor: StaffActor, id: string, password: string) {
    const row = await this.visibleUser(actor, id, 'account.manage');
    const passwordHash = await hashPassword(password);
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('staff_users').set({ password_hash: passwordHash, updated_at: iso(this.deps.clock.now()) }).where('id', '=', id).execute();
      await forgetSignInFailures(tx, row.username);
      await deleteSessionsOf(tx, 'staff', id);
      await recordAudit(tx, ctx, { action: 'account.password_reset', entityType: 'staff_user', entityId: id, regionCode: row.home_region_code }, this.deps.clock);
    });
    // sessions read in the last second carry the old name, grants or standing
    forgetSessions();
    return this.get(actor, id);
  }

  async unlock(ctx: RequestContext, actor: StaffActor, id: string) {
    const row = await this.visibleUser(actor, id, 'account.manage');
    await this.db.transaction().execute(async (tx) => {
      await forgetSignInFailures(tx, row.username);
      await recordAudit(tx, ctx, { action: 'account.unlock', entityType: 'staff_user', entityId: id, regionCode: row.home_region_code }, this.deps.clock);
    });
    // sessions read in the last second carry the old name, grants or standing
    forgetSessions();
    return this.get(actor, id);
  }

  async addGrant(ctx: RequestContext, actor: StaffActor, id: string, grant: GrantInput) {
    const row = await this.visibleUser(actor, id, 'account.manage');
    if (id === actor.id) throw new AppError(400, 'CANNOT_GRANT_SELF', '不能给自己授权');
    await this.checkGrantable(actor, grant, 'regionCode');
    await this.db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('role_grants').select('id').where('user_id', '=', id).where('role', '=', grant.role).where('region_code', '=', grant.regionCode).executeTakeFirst();
      if (existing) throw conflict('GRANT_EXISTS', '该账号已有此授权');
      await tx.insertInto('role_grants').values({ id: newId(), user_id: id, role: grant.role, region_code: grant.regionCode, created_at: iso(this.deps.clock.now()), created_by: actor.id }).execute();
      await recordAudit(tx, ctx, { action: 'account.grant', entityType: 'staff_user', entityId: id, regionCode: row.home_region_code, summary: { ...grant } }, this.deps.clock);
    });
    // sessions read in the last second carry the old name, grants or standing
    forgetSessions();
    return this.get(actor, id);
  }

  async removeGrant(ctx: RequestContext, actor: StaffActor, id: string, grantId: string) {
    const row = await this.visibleUser(actor, id, 'account.manage');
    if (id === actor.id) throw new AppError(400, 'CANNOT_GRANT_SELF', '不能撤销自己的授权');
    const grant = await this.db.selectFrom('role_grants').selectAll().where('id', '=', grantId).where('user_id', '=', id).executeTakeFirst();
    if (!grant) throw notFound('授权', 'GRANT_NOT_FOUND');
    await this.checkGrantable(actor, { role: grant.role as StaffRole, regionCode: grant.region_code }, 'grantId');
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('role_grants').where('id', '=', grantId).execute();
      await recordAudit(tx, ctx, { action: 'account.revoke', entityType: 'staff_user', entityId: id, regionCode: row.home_region_code, summary: { role: grant.role, regionCode: grant.region_code } }, this.deps.clock);
    });
    // sessions read in the last second carry the old name, grants or standing
    forgetSessions();
    return this.get(actor, id);
  }
}
