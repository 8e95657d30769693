/**
 * The demo page's security headers: a strict Content-Security-Policy (no inline script or style,
 * everything from the portal's own origin), plus the usual hardening. The element works under it
 * unchanged, which is what a partner with a strict policy needs to see.
 *
 * @example
 *   app.use('*', securityHeaders());
 */
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cache-Control', 'no-store'],
];

export function securityHeaders(): MiddlewareHandler {
  return async function setSecurityHeaders(c, next) {
    await next();
    // The BFF's answers carry their own, stricter, headers: those are kept.
    for (const [name, value] of HEADERS) {
      if (!c.res.headers.has(name)) c.header(name, value);
    }
  };
}
