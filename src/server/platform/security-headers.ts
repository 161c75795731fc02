/**
 * Security headers on every answer, as helmet computes them: a CSP that allows no inline or foreign
 * script (Vite emits none; antd injects its styles at run time, hence style-src 'unsafe-inline'),
 * no framing by anyone (clickjacking), no MIME sniffing, referrers only within the site (a
 * tracking page's address carries a case number), HSTS only when the site is served over HTTPS.
 *
 * helmet decides the headers; they do not depend on the request, so they are computed once at
 * start and set by a plain hook. Running helmet's middleware on every request (@fastify/helmet)
 * cut the lightest route from about 31,000 to 13,000 requests a second in the bench.
 */
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** `imageOrigins`: where else images may come from (the service map's tile server, MAP_TILE_URL). */
export function securityHeaderOptions(https: boolean, imageOrigins: readonly string[] = []): Readonly<HelmetOptions> {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...imageOrigins],
        fontSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    // Public guides' QR codes and forms are embedded by other government sites (爱山东 H5, kiosks).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  };
}

/** The headers helmet sets for these options (it removes X-Powered-By too, which Fastify never sends). */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: () => undefined,
  };
  let failed: unknown;
  helmet(options)({} as never, res as never, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return headers;
}

/**
 * The built web app's hashed scripts, stylesheets, fonts and pictures. They are never shown as a
 * document (no SVG, which can carry script when opened on its own; no worker script, whose CSP
 * would come from its own answer — the helper's service worker is /helper-sw.js, outside /assets),
 * so the document-only headers — CSP, framing, COOP, Origin-Agent-Cluster and helmet's legacy
 * X- headers, about 540 bytes — do nothing there; the first page fetches a dozen of them
 * (issue 12 §5: its JavaScript as transferred, headers included).
 */
export const SUBRESOURCE_PATH = /^\/assets\/[^?#]+\.(?:js|css|woff2?|png|jpe?g|webp|gif)(?:[?#]|$)/;

/** Kept on subresources: no MIME sniffing, the cross-origin embedding rule, a stylesheet's referrer policy for what it loads, HSTS. */
const SUBRESOURCE_HEADER_NAMES = ['x-content-type-options', 'cross-origin-resource-policy', 'referrer-policy', 'strict-transport-security'];

export function installSecurityHeaders(app: FastifyInstance, https: boolean, imageOrigins: readonly string[] = []): void {
  const headers = helmetHeaders(securityHeaderOptions(https, imageOrigins));
  const subresourceHeaders = Object.fromEntries(Object.entries(headers).filter(([name]) => SUBRESOURCE_HEADER_NAMES.includes(name)));
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SUBRESOURCE_PATH.test(request.url) ? subresourceHeaders : headers);
    done();
  });
}
