/**
 * The partner portal's own endpoints. The one a partner copies is its token endpoint,
 * `POST /embed-token` as every guide has it: the portal already knows who is signed in (here from
 * its session cookie), mints an embed token for that user on the server, and answers
 * `{ token, expiresAt }`. The rest, under `/portal`, drive the demo: sign in as another demo user,
 * arm the next save's outcome, reset the sandbox, and read the "what happened" record.
 *
 * @example
 *   const portal = createPortalRoutes({ records, mintToken, scenarios, log, … });
 *   app.route('/portal', portal);
 *   app.post(EMBED_TOKEN_PATH, (c) => portal.fetch(c.req.raw));
 */
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { EMBED_TOKEN_PATH, type EmbedTokenResponse } from '../contract/embed-token.js';
import type { ExchangeLog } from './exchanges.js';
import type { Records } from './records.js';
import type { Scenarios } from './scenarios.js';
import type { PortalConfig, ScenarioAnswer } from './shared.js';
import { DEMO_USERS, fullName } from './users.js';

const COOKIE = 'maple_session';
const DEFAULT_USER = DEMO_USERS[0]!.externalId;

export interface PortalOptions {
  records: Records;
  /** Mints an embed token for a user; `expired` makes one that is already out of date. */
  mintToken(externalId: string, options?: { expired?: boolean }): Promise<EmbedTokenResponse>;
  /** The sandbox's fault injection, or null when the demo talks to a real Partner API. */
  scenarios: Scenarios | null;
  /** Why there are no scenarios, when there are none. */
  sandboxNote?: string;
  /** Puts the sandbox's users back as seeded (the portal's records are reset alongside). */
  resetSandbox?: () => void;
  log: ExchangeLog;
  upstreamTimeoutMs: number;
  /** Origins allowed to call these endpoints (the portal's own). */
  allowedOrigins: readonly string[];
}

class PortalError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 415,
    message: string,
  ) {
    super(message);
  }
}

export function createPortalRoutes(options: PortalOptions) {
  const { records, mintToken, scenarios, log, allowedOrigins } = options;
  // The portal's sign-in sessions: an opaque random id in an HttpOnly cookie, the user on the server.
  const sessions = new Map<string, string>();

  const signedIn = (c: Context): string => {
    const id = getCookie(c, COOKIE);
    const user = id ? sessions.get(id) : undefined;
    return user && records.get(user) ? user : DEFAULT_USER;
  };

  function config(externalId: string): PortalConfig {
    const record = records.get(externalId)!;
    return {
      brand: 'Maple Ledger Investing',
      signedIn: {
        externalId,
        name: fullName(record.profile),
        note: record.note,
        status: record.status,
      },
      users: records.all().map((r) => ({
        externalId: r.externalId,
        name: fullName(r.profile),
        note: r.note,
      })),
      sandbox: scenarios !== null,
      ...(options.sandboxNote ? { sandboxNote: options.sandboxNote } : {}),
      scenarios: scenarios?.catalogue ?? [],
      upstreamTimeoutMs: options.upstreamTimeoutMs,
      armed: scenarios?.armed() ?? null,
    };
  }

  async function jsonBody(c: Context): Promise<Record<string, unknown>> {
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
      throw new PortalError(415, 'Send a JSON body (Content-Type: application/json)');
    }
    const body: unknown = await c.req.json().catch(() => undefined);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new PortalError(400, 'The body must be a JSON object');
    }
    return body as Record<string, unknown>;
  }

  const portal = new Hono();

  portal.onError((error, c) => {
    if (error instanceof PortalError) return c.json({ message: error.message }, error.status);
    console.error('portal: unexpected error:', error instanceof Error ? error.message : error);
    return c.json({ message: 'Something went wrong in the demo portal' }, 500);
  });

  // A cross-site page must not drive the portal: state-changing calls come from our own origin.
  portal.use('*', async function sameOrigin(c, next) {
    const origin = c.req.header('origin');
    if (c.req.method !== 'GET' && origin !== undefined && !allowedOrigins.includes(origin)) {
      throw new PortalError(403, 'Origin not allowed');
    }
    await next();
  });

  portal.get('/config', (c) => c.json(config(signedIn(c))));

  // Served at the site's root (EMBED_TOKEN_PATH), where every guide puts the token endpoint.
  portal.post(EMBED_TOKEN_PATH, async (c) => c.json(await mintToken(signedIn(c))));

  portal.post('/sign-in', async (c) => {
    const { externalId } = await jsonBody(c);
    if (typeof externalId !== 'string' || !records.get(externalId)) {
      throw new PortalError(404, 'No such demo user');
    }
    const id = crypto.randomUUID();
    sessions.set(id, externalId);
    setCookie(c, COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.json(config(externalId));
  });

  portal.post('/scenario', async (c) => {
    const { name } = await jsonBody(c);
    if (!scenarios) throw new PortalError(404, options.sandboxNote ?? 'No sandbox');
    if (name === null) {
      scenarios.disarm();
      return c.json({ armed: null, message: '' } satisfies ScenarioAnswer);
    }
    const scenario = scenarios.catalogue.find((s) => s.name === name);
    if (!scenario) throw new PortalError(400, 'Unknown scenario');
    scenarios.arm(scenario.name);
    const answer: ScenarioAnswer = {
      armed: scenario.name,
      message: `Armed: the next save meets “${scenario.label}”. ${scenario.description}`,
    };
    if (scenario.name === 'session-expired') {
      answer.token = (await mintToken(signedIn(c), { expired: true })).token;
    }
    return c.json(answer);
  });

  portal.post('/reset', (c) => {
    if (!scenarios || !options.resetSandbox) throw new PortalError(404, 'No sandbox');
    scenarios.disarm();
    options.resetSandbox();
    records.reset();
    return c.json(config(signedIn(c)));
  });

  portal.get('/exchanges', (c) => {
    const since = Number(c.req.query('since') ?? -1);
    const { version, exchanges } = log.list(Number.isFinite(since) ? since : -1);
    return c.json({ version, armed: scenarios?.armed() ?? null, exchanges });
  });

  portal.delete('/exchanges', (c) => {
    log.clear();
    return c.body(null, 204);
  });

  return portal;
}
