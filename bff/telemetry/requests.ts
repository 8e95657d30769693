/**
 * One server span per browser request, and the request metrics: the span covers the handler and
 * is the active context while it runs, so each upstream attempt (see `transport.ts`) is its child.
 *
 * The span is named after the route pattern (`PATCH /api/profile`), never the path, and carries
 * the method, route, status, the BFF's `X-Request-Id`, the upstream's `requestId` and attempts,
 * and why a token was refused: nothing the user sent, no address, no user agent, no `externalId`.
 * The browser's own `traceparent`, if any, is not followed: the page is not trusted to choose
 * the trace.
 *
 * @example
 *   app.use('/api/*', scope.middleware, createRequestTracing(telemetry, '/api/profile'));
 */
import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Tracer,
} from '@opentelemetry/api';
import type { Context, MiddlewareHandler, Next } from 'hono';
import type { BffEnv } from '../context.js';
import { ATTR, saveOutcome } from './names.js';
import type { Instruments, Telemetry } from './telemetry.js';

/** `saveRoute`: the route whose `PATCH` is a save, counted in `boca.bff.saves`. */
export function createRequestTracing(
  telemetry: Telemetry,
  saveRoute: string,
): MiddlewareHandler<BffEnv> {
  // Not async itself: with nothing registered it hands back `next()`'s own promise, no other.
  return function requestTracing(c, next) {
    const tracer = telemetry.tracer();
    const instruments = telemetry.instruments();
    if (tracer === undefined && instruments === undefined) return next();
    return traced(c, next, tracer, instruments);
  };

  async function traced(
    c: Context<BffEnv>,
    next: Next,
    tracer: Tracer | undefined,
    instruments: Instruments | undefined,
  ): Promise<void> {
    const started = performance.now();
    const { method } = c.req;
    const state = c.get('bff');
    const span = tracer?.startSpan(method, {
      kind: SpanKind.SERVER,
      attributes: { [ATTR.method]: method, [ATTR.requestId]: state.requestId },
    });
    try {
      if (span === undefined) await next();
      else {
        // Handed to the attempts explicitly, so no context manager is needed; made active too,
        // for any instrumentation of the host's that has one.
        state.trace = trace.setSpan(context.active(), span);
        await context.with(state.trace, next);
      }
    } finally {
      const status = c.res.status;
      const route = c.req.routePath;
      const { log } = state;
      if (span?.isRecording()) {
        span.updateName(`${method} ${route}`);
        const attributes: Attributes = { [ATTR.route]: route, [ATTR.status]: status };
        if (log.attempts !== undefined) attributes[ATTR.attempts] = log.attempts;
        if (log.upstreamRequestId !== undefined) {
          attributes[ATTR.upstreamRequestId] = log.upstreamRequestId;
        }
        if (log.token !== undefined) attributes[ATTR.tokenProblem] = log.token;
        if (status >= 500) {
          attributes[ATTR.errorType] = String(status);
          span.setStatus({ code: SpanStatusCode.ERROR, message: log.problem });
        }
        span.setAttributes(attributes);
      }
      span?.end();
      if (instruments !== undefined) {
        const seconds = (performance.now() - started) / 1000;
        const attributes = { [ATTR.method]: method, [ATTR.route]: route, [ATTR.status]: status };
        instruments.requestDuration.record(seconds, attributes);
        if (method === 'PATCH' && route === saveRoute) {
          instruments.saves.add(1, { [ATTR.outcome]: saveOutcome(status), [ATTR.status]: status });
        }
      }
    }
  }
}
