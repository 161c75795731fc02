/**
 * Route gates as data. Every API route declares who may reach it in its options
 * (`config: { gate: … }`); one hook checks the gate before the handler runs, and a route without a
 * gate stops the server at start-up. The handler then narrows the actor's type (`staffActor`,
 * `citizenActor`, `signedInActor`) and the service checks the exact place (a region subtree, the
 * case's own applicant) through the same policy (permissions.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Action } from '../../shared/roles.js';
import { forbidden, terminalUnauthorized, unauthenticated } from './errors.js';
import { canSomewhere, type Actor } from './permissions.js';

export type Gate =
  /** anyone, signed in or not */
  | { kind: 'public' }
  /** a citizen or a staff member */
  | { kind: 'signedIn' }
  | { kind: 'citizen' }
  /** a staff member, holding `action` somewhere when one is named */
  | { kind: 'staff'; action?: Action }
  /**
   * a self-service terminal (kiosk), not a person: it sends `Authorization: Bearer <token>` and no
   * session. The gate lets through only requests that carry a bearer credential (no person passes
   * on their session: 401 for everyone else), before the body is read; the owning service checks
   * the token against the terminal the path names (`terminalToken` hands it over), since only the
   * service knows its terminals. Declared as a gate of its own rather than `public`, so the route
   * table and the authorisation matrix say who calls it.
   */
  | { kind: 'terminal' };

export const gates = {
  public: { kind: 'public' },
  signedIn: { kind: 'signedIn' },
  citizen: { kind: 'citizen' },
  staff: (action?: Action): Gate => ({ kind: 'staff', ...(action ? { action } : {}) }),
  terminal: { kind: 'terminal' },
} as const satisfies Record<string, Gate | ((a?: Action) => Gate)>;

declare module 'fastify' {
  interface FastifyContextConfig {
    gate?: Gate;
  }
}

/** A route of the API and its declared gate (the authorisation matrix test walks this list). */
export interface GatedRoute {
  method: string;
  url: string;
  gate: Gate;
}

/** Why `actor` may not pass `gate` (401 or 403), or null when it may. */
export function gateRefusal(gate: Gate, actor: Actor): 401 | 403 | null {
  if (gate.kind === 'public') return null;
  // No person passes a terminal's gate: a terminal proves itself with its token (the hook below).
  if (gate.kind === 'terminal') return 401;
  if (actor.kind === 'anonymous') return 401;
  if (gate.kind === 'signedIn') return null;
  if (gate.kind === 'citizen') return actor.kind === 'citizen' ? null : 403;
  if (actor.kind !== 'staff') return 403;
  return gate.action && !canSomewhere(actor, gate.action) ? 403 : null;
}

/** Paths under /api that are not the product's own routes (Swagger UI and its document). */
const UNGATED = /^\/api\/docs(\/|$)/;

/**
 * Checks every route's gate before its body is read, and refuses to start with an API route that has
 * none. Returns the table of gated routes, filled as routes register.
 */
export function installGates(app: FastifyInstance): GatedRoute[] {
  const table: GatedRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || UNGATED.test(route.url)) return;
    const gate = (route.config as { gate?: Gate } | undefined)?.gate;
    if (!gate) throw new Error(`route ${String(route.method)} ${route.url} declares no gate (config: { gate: gates.… })`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, gate });
  });
  // After the session hook (installSessions registers first): before the body is parsed or validated.
  app.addHook('onRequest', async (request) => {
    const gate = request.routeOptions.config.gate;
    if (!gate) return;
    if (gate.kind === 'terminal') {
      bearerToken(request);
      return;
    }
    const refusal = gateRefusal(gate, request.ctx.actor);
    if (refusal === 401) throw unauthenticated();
    if (refusal === 403) throw forbidden(gate.kind === 'citizen' ? '仅限群众账号使用' : undefined);
  });
  return table;
}

type Signed = Exclude<Actor, { kind: 'anonymous' }>;

/** The actor of a route gated signedIn (the gate has checked it). */
export function signedInActor(request: FastifyRequest): Signed {
  const a = request.ctx.actor;
  if (a.kind === 'anonymous') throw unauthenticated();
  return a;
}

/** The actor of a route gated staff (the gate has checked it). */
export function staffActor(request: FastifyRequest): Extract<Actor, { kind: 'staff' }> {
  const a = request.ctx.actor;
  if (a.kind === 'anonymous') throw unauthenticated();
  if (a.kind !== 'staff') throw forbidden();
  return a;
}

/** The actor of a route gated citizen (the gate has checked it). */
export function citizenActor(request: FastifyRequest): Extract<Actor, { kind: 'citizen' }> {
  const a = request.ctx.actor;
  if (a.kind === 'anonymous') throw unauthenticated();
  if (a.kind !== 'citizen') throw forbidden('仅限群众账号使用');
  return a;
}

/** A terminal's credential: the token of `Authorization: Bearer <token>` (43 base64url characters as issued). */
const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

function bearerToken(request: FastifyRequest): string {
  const m = BEARER.exec(request.headers.authorization ?? '');
  if (!m) throw terminalUnauthorized();
  return m[1]!;
}

/**
 * The token a route gated terminal was called with (the gate has checked that there is one; the
 * service checks it is the terminal's).
 */
export const terminalToken = (request: FastifyRequest): string => bearerToken(request);
