import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { Channel, RequestContext } from './context.js';
import { safeEqual } from './crypto.js';
import { AppError } from './errors.js';
import type { Actor } from './permissions.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, resolveSession, type NewSession } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    sessionToken: string | null;
    sessionIdleExpiresAt: Date | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MOBILE_UA = /Mobile|Android|iPhone|iPad|HarmonyOS/i;

/**
 * The channel recorded on cases and in the audit log, from what the server knows. A client once
 * declared it in a header, so anyone could file a case or an audit entry as coming from a kiosk or
 * the window; window and assisted intake are now set by the service from the staff member's
 * rights, and kiosks will be known by their terminal credentials.
 */
function channelOf(request: FastifyRequest): Channel {
  return MOBILE_UA.test(request.headers['user-agent'] ?? '') ? 'mobile' : 'pc';
}

/**
 * Resolves the session cookie into `request.ctx.actor` on every request, and demands the CSRF
 * token (double-submit: header must equal the HMAC of the session token) on every write that a
 * session cookie authenticates.
 */
export function installSessions(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionIdleExpiresAt', null);
  app.addHook('onRequest', async (request) => {
    let actor: Actor = { kind: 'anonymous' };
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await resolveSession(deps.dbh.db, deps.clock, token);
      if (resolved) {
        actor = resolved.actor;
        request.sessionToken = token;
        request.sessionIdleExpiresAt = resolved.idleExpiresAt;
        if (UNSAFE_METHODS.has(request.method)) {
          const sent = request.headers[CSRF_HEADER];
          if (typeof sent !== 'string' || !safeEqual(sent, deps.protector.csrfTokenFor(token))) {
            throw new AppError(403, 'CSRF_FAILED', '页面已过期，请刷新页面后重试');
          }
        }
      }
    }
    request.ctx = { actor, ip: request.ip ?? null, channel: channelOf(request), userAgent: request.headers['user-agent'] ?? null };
  });
}

export function setSessionCookies(reply: FastifyReply, deps: Deps, session: NewSession): string {
  const csrf = deps.protector.csrfTokenFor(session.token);
  const common = { path: '/', sameSite: 'lax' as const, secure: deps.config.cookieSecure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  // Readable by the page's script, which echoes it in the X-CSRF-Token header.
  reply.setCookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
  return csrf;
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export type StaffActor = Extract<Actor, { kind: 'staff' }>;
export type CitizenActor = Extract<Actor, { kind: 'citizen' }>;
