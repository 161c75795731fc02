import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/**
 * Per-client-address limits with @fastify/rate-limit. Nothing is limited unless a route asks for
 * it in its config (`config: { rateLimit: limitPerIp(…) }`); the key is `request.ip`, which is the
 * real client address because only configured proxies are trusted (TRUST_PROXY).
 *
 * Counters live in this process's memory: behind a load balancer each process counts for itself,
 * so a client gets at most (processes × max) — still bounded, which is the point.
 */
export async function installRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new AppError(429, 'RATE_LIMITED', `操作过于频繁，请 ${Math.max(1, Math.ceil(context.ttl / 1000))} 秒后再试`, { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
}

/** A route's limit: at most `max` requests per `minutes` from one client address. */
export const limitPerIp = (max: number, minutes = 1) => ({ max, timeWindow: minutes * 60_000 });
