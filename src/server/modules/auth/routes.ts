import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { gates, citizenActor, signedInActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { limitPerIp } from '../../platform/rate-limits.js';
import { resolveSession } from '../../platform/sessions.js';
import { clearSessionCookies, setSessionCookies } from '../../platform/request.js';
import { z } from 'zod';
import { citizenLoginBody, meView, okView, profileBody, profileView, smsCodeBody, smsCodeSent, staffLoginBody } from './schemas.js';
import type { StaffCredentials } from './ports.js';
import type { CitizenProfiles } from './profile.js';
import { citizenLogin, describeMe, logout, savePreferences, sendLoginCode, staffLogin } from './service.js';

/** Each profile change may ask the identity service whether a name and an ID number belong together: per client address. */
export const PROFILE_UPDATES_PER_MINUTE = 10;

/**
 * `staff`: staff accounts for password sign-in (the accounts module's StaffAccounts); `profiles`:
 * citizens' real-name profiles.
 */
export const authRoutes = (deps: Deps, staff: StaffCredentials, profiles: CitizenProfiles): FastifyPluginAsyncZod => async (app) => {
  const meFor = async (request: Parameters<typeof signedInActor>[0], csrfToken: string, expiresAt: Date) => ({
    ...(await describeMe(deps, signedInActor(request))),
    csrfToken,
    sessionExpiresAt: expiresAt.toISOString(),
  });

  // Per client address, on top of the per-username lock (which an attacker spraying many usernames
  // never reaches) and the per-code attempts; each sign-in route counts on its own.
  const signInLimit = { rateLimit: limitPerIp(deps.config.loginRateLimitPerMinute) };

  app.post('/auth/staff/login', {
    config: { gate: gates.public, ...signInLimit },
    schema: { tags: ['auth'], summary: '工作人员登录', body: staffLoginBody, response: { 200: meView, ...errorResponses(400, 401, 403, 429) } },
  }, async (request, reply) => {
    const session = await staffLogin(deps, staff, request.ctx, request.body.username, request.body.password);
    const csrf = setSessionCookies(reply, deps, session);
    request.ctx = { ...request.ctx, actor: await resolveActor(deps, session.token) };
    return meFor(request, csrf, new Date(deps.clock.now().getTime() + deps.config.staffIdleMinutes * 60_000));
  });

  app.post('/auth/citizen/sms-code', {
    config: { gate: gates.public },
    schema: { tags: ['auth'], summary: '获取登录短信验证码', body: smsCodeBody, response: { 200: smsCodeSent, ...errorResponses(400, 429) } },
  }, async (request) => sendLoginCode(deps, request.ctx, request.body.phone));

  app.post('/auth/citizen/login', {
    config: { gate: gates.public, ...signInLimit },
    schema: { tags: ['auth'], summary: '群众短信验证码登录', body: citizenLoginBody, response: { 200: meView, ...errorResponses(400, 401, 429) } },
  }, async (request, reply) => {
    const session = await citizenLogin(deps, request.ctx, request.body.phone, request.body.code);
    const csrf = setSessionCookies(reply, deps, session);
    request.ctx = { ...request.ctx, actor: await resolveActor(deps, session.token) };
    return meFor(request, csrf, new Date(deps.clock.now().getTime() + deps.config.citizenIdleMinutes * 60_000));
  });

  app.post('/auth/logout', {
    config: { gate: gates.signedIn },
    schema: { tags: ['auth'], summary: '退出登录', response: { 200: okView, ...errorResponses(401, 403) } },
  }, async (request, reply) => {
    signedInActor(request);
    await logout(deps, request.ctx);
    clearSessionCookies(reply);
    return { ok: true as const };
  });

  app.put('/me/preferences', {
    config: { gate: gates.citizen },
    schema: {
      tags: ['auth'], summary: '保存个人偏好（长辈版等），随账号记住',
      body: z.strictObject({ elderMode: z.boolean() }),
      response: { 200: z.object({ elderMode: z.boolean() }), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => savePreferences(deps, request.ctx, citizenActor(request), request.body));

  app.get('/me/profile', {
    config: { gate: gates.citizen },
    schema: { tags: ['auth'], summary: '本人实名信息（身份证号码脱敏）', response: { 200: profileView, ...errorResponses(401, 403) } },
  }, async (request) => profiles.view(citizenActor(request).id));

  app.put('/me/profile', {
    config: { gate: gates.citizen, rateLimit: limitPerIp(PROFILE_UPDATES_PER_MINUTE) },
    schema: {
      tags: ['auth'], summary: '填写或修改本人实名信息（姓名、身份证号码、地址）；已通过实名核验的姓名和身份证号码不能修改',
      body: profileBody,
      response: { 200: profileView, ...errorResponses(400, 401, 403, 409, 422, 429) },
    },
  }, async (request) => profiles.update(request.ctx, citizenActor(request).id, request.body));

  app.get('/me', {
    config: { gate: gates.signedIn },
    schema: { tags: ['auth'], summary: '当前登录用户', response: { 200: meView, ...errorResponses(401) } },
  }, async (request) => {
    signedInActor(request);
    return meFor(request, deps.protector.csrfTokenFor(request.sessionToken!), request.sessionIdleExpiresAt!);
  });
};

async function resolveActor(deps: Deps, token: string) {
  const resolved = await resolveSession(deps.dbh.db, deps.clock, token);
  if (!resolved) throw new Error('a session just created could not be resolved');
  return resolved.actor;
}
