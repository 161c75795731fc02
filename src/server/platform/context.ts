import type { Actor } from './permissions.js';

/** 申报来源 / channel of an action, as GB/T 39046 records it. */
export const CHANNELS = ['pc', 'mobile', 'window', 'kiosk', 'assist', 'phone', 'system', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who is acting, from where: passed from routes to services (services never see Fastify). */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  channel: Channel;
  userAgent?: string | null;
}

export const systemContext: RequestContext = { actor: { kind: 'anonymous' }, ip: null, channel: 'system' };
