import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { gates, citizenActor, signedInActor } from '../../platform/gates.js';
import { errorResponses } from '../../platform/openapi.js';
import { limitPerIp } from '../../platform/rate-limits.js';
import { resolveSession } from '../../platform/sessions.js';
import { clearSessionCookies, setSessionCookies } from '../../platform/request.js';
import { z } from 'zod';
import { citizenLoginBody, meView, okView, smsCodeBody, smsCodeSent, staffLoginBody } from './schemas.js';
import { citizenLogin, describeMe, logout, savePreferences, sendLoginCode, staffLogin } from './service.js';

export const authRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
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
    const session = await staffLogin(deps, request.ctx, request.body.username, request.body.password);
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
