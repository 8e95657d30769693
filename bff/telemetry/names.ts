/**
 * The names the BFF's telemetry uses: its instrumentation scope, span attributes and metrics.
 * Where OpenTelemetry's semantic conventions have a name it is used; the rest are `boca.*`.
 * None of them ever carries a secret, a token, a profile value or the user's `externalId`.
 *
 * @example
 *   span.setAttribute(ATTR.requestId, state.requestId);
 */

/** The instrumentation scope every tracer and meter of the BFF is named after. */
export const SCOPE = 'boca-user-profile/bff';

export const ATTR = {
  method: 'http.request.method',
  route: 'http.route',
  status: 'http.response.status_code',
  errorType: 'error.type',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  urlTemplate: 'url.template',
  resendCount: 'http.request.resend_count',
  /** The BFF's own `X-Request-Id`, as the browser sees it. */
  requestId: 'boca.request_id',
  /** The Partner API's `requestId`, for its support. */
  upstreamRequestId: 'boca.upstream.request_id',
  /** Upstream attempts one request made (server span). */
  attempts: 'boca.upstream.attempts',
  /** Which attempt this is, from 1 (client span). */
  attempt: 'boca.upstream.attempt',
  /** Why the embed token was refused (`expired`, `signature`, …). */
  tokenProblem: 'boca.token.problem',
  /** What a save came to: `saved`, `invalid`, `unauthorized`, … (see `saveOutcome`). */
  outcome: 'boca.outcome',
} as const;

export const METRIC = {
  /** Counter: one per `PATCH` of the profile, by `boca.outcome` and status. */
  saves: 'boca.bff.saves',
  /** Histogram, seconds: each browser request, by method, route and status. */
  requestDuration: 'boca.bff.request.duration',
  /** Counter: one per upstream attempt, by attempt number and status or error type. */
  upstreamAttempts: 'boca.bff.upstream.attempts',
  /** Counter: the attempts after the first. */
  upstreamRetries: 'boca.bff.upstream.retries',
  /** Histogram, seconds: each upstream attempt, by status or error type. */
  upstreamDuration: 'boca.bff.upstream.duration',
} as const;

/** What a save's answer status says happened, in a handful of values fit for a metric. */
export function saveOutcome(status: number): string {
  if (status < 300) return 'saved';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401) return 'unauthorized';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 504) return 'upstream_failed';
  if (status >= 500) return 'error';
  return 'refused';
}
