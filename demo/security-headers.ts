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

export function securityHeaders(): MiddlewareHandler {
  return async function setSecurityHeaders(c, next) {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.res.headers.has('cache-control')) c.header('Cache-Control', 'no-store');
  };
}
