/**
 * The record behind the "what happened" panel: each browser request to the BFF and the upstream
 * attempts it caused. A middleware in front of the BFF opens an exchange and runs the rest of the
 * request inside it (AsyncLocalStorage), so the recording transport, deep inside the BFF, knows
 * which exchange its attempts belong to without the BFF knowing about any of this.
 *
 * Everything stored here is already redacted and scrubbed of secrets: it is sent to the browser.
 *
 * @example
 *   const log = createExchangeLog({ secrets: [apiKey, signingSecret] });
 *   app.use('/api/*', log.middleware(() => scenarios.armed()));
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import type { Exchange, ScenarioName, ShownMessage, UpstreamAttempt } from './shared.js';
import { scrub, truncateBearer } from './redact.js';

const KEPT = 30;
const SHOWN_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'origin',
  'accept-language',
];
const SHOWN_RESPONSE_HEADERS = ['content-type', 'x-request-id', 'retry-after', 'cache-control'];

const SHOWN_BODY_BYTES = 16 * 1024;

/** A request body as text, up to a limit: the panel never holds more than it can show. */
async function readShown(request: Request): Promise<string> {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= SHOWN_BODY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  // Not awaited: cancelling one branch of a cloned body settles only once the other is done.
  reader.cancel().catch(() => {});
  const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, SHOWN_BODY_BYTES));
  return size > SHOWN_BODY_BYTES ? `${text}… (cut at ${SHOWN_BODY_BYTES} bytes)` : text;
}

export interface ExchangeLogOptions {
  /** Values that must never reach the browser, whatever relays them. */
  secrets: readonly string[];
  /** Called when an exchange ends, e.g. to disarm what is left of a scenario. */
  onFinished?: (exchange: Exchange) => void;
  now?: () => number;
}

export interface OpenExchange {
  exchange: Exchange;
  startedAt: number;
}

export function createExchangeLog(options: ExchangeLogOptions) {
  const { secrets, onFinished, now = () => performance.now() } = options;
  const context = new AsyncLocalStorage<OpenExchange>();
  const exchanges: Exchange[] = [];
  let nextId = 1;
  let version = 0;
  const changed = () => version++;
  const clean = (text: string) => scrub(text, secrets);

  function show(headers: Headers, names: string[], body: string): ShownMessage {
    const shown: Record<string, string> = {};
    for (const name of names) {
      const value = headers.get(name);
      if (value === null) continue;
      shown[name] = name === 'authorization' ? truncateBearer(value) : clean(value);
    }
    return { headers: shown, body: clean(body) };
  }

  /** The middleware that records each browser request and its answer. */
  function middleware(armed: () => ScenarioName | null): MiddlewareHandler {
    return async function recordExchange(c, next) {
      const startedAt = now();
      const url = new URL(c.req.url);
      const body = c.req.raw.body ? await readShown(c.req.raw.clone()) : '';
      const exchange: Exchange = {
        id: nextId++,
        at: new Date().toISOString(),
        method: c.req.method,
        path: url.pathname + url.search,
        request: show(c.req.raw.headers, SHOWN_REQUEST_HEADERS, body),
        status: null,
        response: null,
        durationMs: null,
        scenario: c.req.method === 'GET' ? null : armed(),
        upstream: [],
      };
      exchanges.push(exchange);
      if (exchanges.length > KEPT) exchanges.shift();
      changed();
      try {
        await context.run({ exchange, startedAt }, next);
      } finally {
        const answer = c.res;
        const text = answer ? await answer.clone().text() : '';
        exchange.status = answer?.status ?? 500;
        exchange.response = show(answer?.headers ?? new Headers(), SHOWN_RESPONSE_HEADERS, text);
        exchange.durationMs = now() - startedAt;
        changed();
        onFinished?.(exchange);
      }
    };
  }

  /** Opens an upstream attempt in the current exchange; the caller fills it in as it goes. */
  function beginAttempt(
    attempt: Omit<UpstreamAttempt, 'attempt' | 'startMs' | 'durationMs'>,
  ): ((update: Partial<UpstreamAttempt>) => void) | undefined {
    const open = context.getStore();
    if (!open) return undefined;
    const started = now();
    const entry: UpstreamAttempt = {
      ...attempt,
      request: {
        headers: Object.fromEntries(
          Object.entries(attempt.request.headers).map(([k, v]) => [k, clean(v)]),
        ),
        body: clean(attempt.request.body),
      },
      canonical: clean(attempt.canonical),
      attempt: open.exchange.upstream.length + 1,
      startMs: started - open.startedAt,
      durationMs: null,
    };
    open.exchange.upstream.push(entry);
    changed();
    return (update) => {
      Object.assign(entry, update, { durationMs: now() - started });
      if (update.response) {
        entry.response = {
          headers: Object.fromEntries(
            Object.entries(update.response.headers).map(([k, v]) => [k, clean(v)]),
          ),
          body: clean(update.response.body),
        };
      }
      if (update.failure) entry.failure = clean(update.failure);
      changed();
    };
  }

  return {
    middleware,
    beginAttempt,
    /** The recent exchanges, oldest first, or `null` when nothing changed since `since`. */
    list(since = -1): { version: number; exchanges: Exchange[] | null } {
      return { version, exchanges: since === version ? null : structuredClone(exchanges) };
    },
    clear() {
      exchanges.length = 0;
      changed();
    },
    shownResponseHeaders: SHOWN_RESPONSE_HEADERS,
  };
}

export type ExchangeLog = ReturnType<typeof createExchangeLog>;
