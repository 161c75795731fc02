import { randomInt } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../../platform/audit.js';
import { chinaDate } from '../../platform/calendar.js';
import type { RequestContext } from '../../platform/context.js';
import { safeEqual } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { addMinutes, iso, newId } from '../../platform/ids.js';
import { burnPasswordCheck, verifyPassword } from '../../platform/passwords.js';
import { createSession, deleteSession, forgetSessions, loadGrants, type NewSession } from '../../platform/sessions.js';
import { abilitiesOf, type Actor } from '../../platform/permissions.js';
import { ageFromIdNumber, maskPhone } from '../../../shared/validators.js';
import type { StaffCredentials } from './ports.js';
import {
  confirmSignInFailure, forgetSignInFailures, forgetStaleSignInFailures, LOCK_MINUTES, MAX_FAILED_LOGINS, reserveSignInAttempt, usernameKey,
} from './sign-in-failures.js';

export { LOCK_MINUTES, MAX_FAILED_LOGINS } from './sign-in-failures.js';
export const SMS_CODE_TTL_MINUTES = 5;
export const SMS_MAX_ATTEMPTS = 5;
/** Per phone: one code a minute, 5 an hour, 10 a day. Per IP: 30 an hour. */
export const SMS_LIMITS = { cooldownSeconds: 60, perPhoneHour: 5, perPhoneDay: 10, perIpHour: 30 };

/**
 * Refused password sign-ins answer the same for every username, known or not: failures are
 * counted per submitted username (sign-in-failures.ts), so an unknown one is refused, counted and
 * locked exactly like a real one, and neither the 401 nor the 429 tells whether an account exists.
 */
const invalidCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', `用户名或密码错误。密码连续输错 ${MAX_FAILED_LOGINS} 次，账号将锁定 ${LOCK_MINUTES} 分钟`);
const signInBusy = () => new AppError(429, 'RATE_LIMITED', '登录尝试过于频繁，请稍后再试');
const accountLocked = (lockedUntil: string) =>
  new AppError(429, 'ACCOUNT_LOCKED', `密码连续错误 ${MAX_FAILED_LOGINS} 次，账号已锁定 ${LOCK_MINUTES} 分钟，请稍后再试或联系管理员解锁`, { lockedUntil });

/** `staff`: the accounts, which the accounts module keeps (StaffCredentials); the failure series is this module's. */
export async function staffLogin(deps: Deps, staff: StaffCredentials, ctx: RequestContext, username: string, password: string): Promise<NewSession> {
  const { db } = deps.dbh;
  const now = deps.clock.now();
  const key = usernameKey(username);
  // Counted before anything is checked, so parallel guesses get at most MAX_FAILED_LOGINS hash
  // checks per lock period. During a lock not even the right password is checked: an answer that
  // depended on it would be a password oracle for as long as the lock lasts.
  const attempt = await reserveSignInAttempt(db, key, now);
  if (attempt.outcome === 'locked') throw accountLocked(attempt.lockedUntil);
  if (attempt.outcome === 'busy') throw signInBusy();
  if (attempt.failures === 1) await forgetStaleRows(deps, now);
  const user = await staff.forSignIn(key);
  if (!user) {
    // As slow as checking a real password, so timing does not tell either; counted alike.
    await burnPasswordCheck(password);
    await confirmSignInFailure(db, key, now);
    throw invalidCredentials();
  }
  const passwordOk = await verifyPassword(user.passwordHash, password);
  const auditCtx: RequestContext = { ...ctx, actor: { kind: 'staff', id: user.id, name: user.name, username: user.username, grants: [], sessionId: '' } };
  if (!passwordOk) {
    const { locking } = await confirmSignInFailure(db, key, now);
    await db.transaction().execute((tx) => recordAudit(tx, auditCtx, {
      action: locking ? 'auth.staff.locked' : 'auth.staff.login_failed',
      entityType: 'staff_user', entityId: user.id, regionCode: user.homeRegionCode,
      summary: { failures: attempt.failures },
    }, deps.clock));
    throw invalidCredentials();
  }
  if (!user.active) {
    // Only the holder of the password learns the account is disabled; the reserved attempt is given back.
    await forgetSignInFailures(db, key);
    throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系管理员');
  }
  return db.transaction().execute(async (tx) => {
    await forgetSignInFailures(tx, key);
    await staff.recordSignIn(tx, user.id, iso(now));
    const session = await createSession(tx, deps.clock, { kind: 'staff', id: user.id }, deps.config.staffIdleMinutes, { ip: ctx.ip, userAgent: ctx.userAgent ?? null });
    await recordAudit(tx, auditCtx, { action: 'auth.staff.login', entityType: 'staff_user', entityId: user.id, regionCode: user.homeRegionCode }, deps.clock);
    return session;
  });
}

/**
 * Run when a new series starts (a username's first failure), which is when a spray of made-up
 * usernames adds rows. Housekeeping only: a failure here must not fail the sign-in.
 */
async function forgetStaleRows(deps: Deps, now: Date) {
  try {
    await forgetStaleSignInFailures(deps.dbh.db, now);
  } catch (err) {
    deps.log.warn({ err }, 'sign_in_failures: deleting stale rows failed');
  }
}

const generateCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export async function sendLoginCode(deps: Deps, ctx: RequestContext, phone: string) {
  const { db } = deps.dbh;
  const now = deps.clock.now();
  const phoneHash = deps.protector.lookupHash(phone);
  const since = (minutes: number) => iso(addMinutes(now, -minutes));
  const countSince = async (column: 'phone_hash' | 'ip', value: string, minutes: number) =>
    Number((await db.selectFrom('sms_codes').select((eb) => eb.fn.countAll().as('n'))
      .where(column, '=', value).where('created_at', '>', since(minutes)).executeTakeFirstOrThrow()).n);

  const latest = await db.selectFrom('sms_codes').select('created_at').where('phone_hash', '=', phoneHash)
    .orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (latest) {
    const waited = (now.getTime() - new Date(latest.created_at).getTime()) / 1000;
    if (waited < SMS_LIMITS.cooldownSeconds) {
      const wait = Math.ceil(SMS_LIMITS.cooldownSeconds - waited);
      throw new AppError(429, 'SMS_TOO_FREQUENT', `验证码已发送，请 ${wait} 秒后再获取`, { retryAfterSeconds: wait });
    }
  }
  if ((await countSince('phone_hash', phoneHash, 60)) >= SMS_LIMITS.perPhoneHour || (await countSince('phone_hash', phoneHash, 24 * 60)) >= SMS_LIMITS.perPhoneDay) {
    throw new AppError(429, 'SMS_LIMIT_REACHED', '该手机号获取验证码次数过多，请稍后再试');
  }
  if (ctx.ip && (await countSince('ip', ctx.ip, 60)) >= SMS_LIMITS.perIpHour) {
    throw new AppError(429, 'SMS_LIMIT_REACHED', '获取验证码过于频繁，请稍后再试');
  }
  const code = generateCode();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('sms_codes').values({
      id: newId(), phone_hash: phoneHash, code_hash: deps.protector.lookupHash(`${phone}:${code}`), purpose: 'login',
      created_at: iso(now), expires_at: iso(addMinutes(now, SMS_CODE_TTL_MINUTES)), attempts: 0, used_at: null, ip: ctx.ip,
    }).execute();
    await deps.sms.send(tx, { phone, template: 'login_code', body: `【${deps.config.siteName}】您的登录验证码为 ${code}，${SMS_CODE_TTL_MINUTES} 分钟内有效。如非本人操作，请忽略。` });
  });
  return {
    sent: true as const,
    cooldownSeconds: SMS_LIMITS.cooldownSeconds,
    expiresInSeconds: SMS_CODE_TTL_MINUTES * 60,
    ...(deps.config.demoMode ? { demoCode: code } : {}),
  };
}

const codeInvalid = () => new AppError(401, 'SMS_CODE_INVALID', '验证码错误或已过期，请重新获取');

export async function citizenLogin(deps: Deps, ctx: RequestContext, phone: string, code: string): Promise<NewSession> {
  const { db } = deps.dbh;
  const now = deps.clock.now();
  const phoneHash = deps.protector.lookupHash(phone);
  const pending = await db.selectFrom('sms_codes').selectAll().where('phone_hash', '=', phoneHash).where('purpose', '=', 'login')
    .where('used_at', 'is', null).where('expires_at', '>', iso(now)).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!pending) throw codeInvalid();
  // Counted before the comparison, conditionally and in one statement, so parallel guesses each use
  // up one of the code's SMS_MAX_ATTEMPTS instead of all reading the same count.
  const attempt = await db.updateTable('sms_codes').set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', pending.id).where('used_at', 'is', null).where('attempts', '<', SMS_MAX_ATTEMPTS)
    .returning('attempts').executeTakeFirst();
  if (!attempt || !safeEqual(pending.code_hash, deps.protector.lookupHash(`${phone}:${code}`))) throw codeInvalid();
  return db.transaction().execute(async (tx) => {
    // Marking the code used only if still unused makes a replayed request lose the race.
    const claimed = await tx.updateTable('sms_codes').set({ used_at: iso(now) }).where('id', '=', pending.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw codeInvalid();
    let citizen = await tx.selectFrom('citizens').select(['id', 'name']).where('phone_hash', '=', phoneHash).executeTakeFirst();
    const isNew = !citizen;
    if (!citizen) {
      citizen = { id: newId(), name: null };
      await tx.insertInto('citizens').values({
        id: citizen.id, name: null, phone_enc: deps.protector.encrypt(phone), phone_hash: phoneHash,
        id_number_enc: null, id_number_hash: null, elder_mode: null, created_at: iso(now), updated_at: iso(now), last_login_at: iso(now),
        real_name_status: 'none', real_name_source: null, real_name_at: null, address_enc: null,
      }).execute();
    } else {
      await tx.updateTable('citizens').set({ last_login_at: iso(now) }).where('id', '=', citizen.id).execute();
    }
    const actorCtx: RequestContext = { ...ctx, actor: { kind: 'citizen', id: citizen.id, name: citizen.name, sessionId: '' } };
    if (isNew) {
      await recordAudit(tx, actorCtx, { action: 'citizen.register', entityType: 'citizen', entityId: citizen.id, summary: { phone: maskPhone(phone) } }, deps.clock);
    }
    const session = await createSession(tx, deps.clock, { kind: 'citizen', id: citizen.id }, deps.config.citizenIdleMinutes, { ip: ctx.ip, userAgent: ctx.userAgent ?? null });
    await recordAudit(tx, actorCtx, { action: 'auth.citizen.login', entityType: 'citizen', entityId: citizen.id }, deps.clock);
    return session;
  });
}

export async function logout(deps: Deps, ctx: RequestContext): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind === 'anonymous') return;
  await deps.dbh.db.transaction().execute(async (tx) => {
    await deleteSession(tx, actor.sessionId);
    await recordAudit(tx, ctx, { action: `auth.${actor.kind}.logout`, entityType: actor.kind === 'staff' ? 'staff_user' : 'citizen', entityId: actor.id }, deps.clock);
  });
  forgetSessions();
}

export async function describeMe(deps: Deps, actor: Exclude<Actor, { kind: 'anonymous' }>) {
  const { db } = deps.dbh;
  if (actor.kind === 'staff') {
    const grants = await loadGrants(db, actor.id);
    return {
      id: actor.id, name: actor.name, kind: 'staff' as const, username: actor.username,
      roles: grants.map((g) => ({ role: g.role, regionCode: g.regionCode, regionName: g.regionName })),
      abilities: await abilitiesOf({ ...actor, grants }, deps.regions),
    };
  }
  const citizen = await db.selectFrom('citizens').selectAll().where('id', '=', actor.id).executeTakeFirstOrThrow();
  const phone = deps.protector.decrypt(citizen.phone_enc);
  const idNumber = citizen.id_number_enc ? deps.protector.decrypt(citizen.id_number_enc) : null;
  return {
    id: citizen.id,
    name: citizen.name ?? `用户${phone.slice(-4)}`,
    kind: 'citizen' as const,
    roles: [{ role: 'citizen' as const, regionCode: null, regionName: null }],
    abilities: await abilitiesOf(actor, deps.regions),
    phoneMasked: maskPhone(phone),
    age: idNumber ? ageFromIdNumber(idNumber, chinaDate(deps.clock.now())) : null,
    elderMode: citizen.elder_mode === null ? null : citizen.elder_mode === 1,
    realName: { status: citizen.real_name_status, complete: !!citizen.name && !!idNumber },
  };
}

/** Citizen preferences remembered with the account (the device remembers them too, in the browser). */
export async function savePreferences(deps: Deps, ctx: RequestContext, actor: { id: string }, prefs: { elderMode: boolean }) {
  await deps.dbh.db.transaction().execute(async (tx) => {
    await tx.updateTable('citizens').set({ elder_mode: prefs.elderMode ? 1 : 0, updated_at: iso(deps.clock.now()) }).where('id', '=', actor.id).execute();
    await recordAudit(tx, ctx, { action: 'citizen.preferences', entityType: 'citizen', entityId: actor.id, summary: prefs }, deps.clock);
  });
  return { elderMode: prefs.elderMode };
}
