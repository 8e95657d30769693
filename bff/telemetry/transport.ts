/**
 * One client span per upstream attempt, wrapped around the transport: retries show as sibling
 * spans under the request's server span, each with its attempt number, and each request carries
 * W3C `traceparent` (and `tracestate`) so the Partner API's own traces can join ours. Those
 * headers are not signed, and need not be: the signature covers the method, path, timestamp and
 * body, and the API accepts headers it does not know.
 *
 * The span is named `PATCH` with the path as a template (`/v1/users/{externalId}`): the
 * `externalId` is the user's, so the path itself is never recorded. The upstream's `requestId` is
 * read from an error body, where the API puts it.
 *
 * @example
 *   const transport = traceTransport(createFetchTransport(), telemetry, 'https://partner-api.test');
 */
import {
  context,
  isSpanContextValid,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { Transport, TransportRequest, TransportResponse } from '../types.js';
import { ATTR } from './names.js';
import type { Instruments, Telemetry } from './telemetry.js';

const REQUEST_ID = /"requestId"\s*:\s*"([^"\\]{1,200})"/;

/** The W3C `traceparent` of a span: version 00, trace id, span id, flags. */
function traceparent(span: Span): string | undefined {
  const sc = span.spanContext();
  if (!isSpanContextValid(sc)) return undefined;
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

function withTraceHeaders(request: TransportRequest, span: Span): TransportRequest {
  const parent = traceparent(span);
  if (parent === undefined) return request;
  const headers: Record<string, string> = Object.assign({}, request.headers);
  headers.traceparent = parent;
  const state = span.spanContext().traceState?.serialize();
  if (state) headers.tracestate = state;
  return Object.assign({}, request, { headers });
}

function endAttempt(span: Span, response: TransportResponse | undefined, error: unknown): void {
  if (!span.isRecording()) return span.end();
  const attributes: Attributes = {};
  if (response !== undefined) {
    attributes[ATTR.status] = response.status;
    if (response.status >= 300) {
      const requestId = REQUEST_ID.exec(response.text)?.[1];
      if (requestId !== undefined) attributes[ATTR.upstreamRequestId] = requestId;
    }
    if (response.status >= 400) {
      attributes[ATTR.errorType] = String(response.status);
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  } else {
    // The error's class only: a message may quote a host or a socket.
    attributes[ATTR.errorType] = error instanceof Error ? error.name : typeof error;
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.setAttributes(attributes);
  span.end();
}

export function traceTransport(
  transport: Transport,
  telemetry: Telemetry,
  apiBaseUrl: string,
): Transport {
  const base = new URL(apiBaseUrl);
  const port = Number(base.port || (base.protocol === 'https:' ? 443 : 80));
  const template = `${base.pathname.replace(/\/+$/, '')}/v1/users/{externalId}`;

  // Not async itself: with nothing registered it hands back the transport's own promise.
  return function tracedTransport(request: TransportRequest) {
    const tracer = telemetry.tracer();
    const instruments = telemetry.instruments();
    if (tracer === undefined && instruments === undefined) return transport(request);
    return traced(request, tracer, instruments);
  };

  async function traced(
    request: TransportRequest,
    tracer: Tracer | undefined,
    instruments: Instruments | undefined,
  ): Promise<TransportResponse> {
    const attempt = request.attempt ?? 1;
    const started = performance.now();
    const attributes: Attributes = {
      [ATTR.method]: request.method,
      [ATTR.serverAddress]: base.hostname,
      [ATTR.serverPort]: port,
      [ATTR.urlTemplate]: template,
      [ATTR.attempt]: attempt,
    };
    if (attempt > 1) attributes[ATTR.resendCount] = attempt - 1;
    // A child of the request's server span.
    const span = tracer?.startSpan(
      request.method,
      { kind: SpanKind.CLIENT, attributes },
      request.trace ?? context.active(),
    );
    let response: TransportResponse | undefined;
    let failure: unknown;
    try {
      response = await transport(span ? withTraceHeaders(request, span) : request);
      return response;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      if (span) endAttempt(span, response, failure);
      if (instruments !== undefined) {
        const measured: Attributes = { [ATTR.attempt]: attempt };
        if (response !== undefined) measured[ATTR.status] = response.status;
        else measured[ATTR.errorType] = failure instanceof Error ? failure.name : typeof failure;
        instruments.upstreamDuration.record((performance.now() - started) / 1000, measured);
        instruments.upstreamAttempts.add(1, measured);
        if (attempt > 1) instruments.upstreamRetries.add(1);
      }
    }
  }
}
