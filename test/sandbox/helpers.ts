/**
 * Shared helpers for the sandbox tests: a fake clock at the documentation's example time, a
 * sandbox that logs into an array, and `send()`, which signs a request the documented way (or, on
 * purpose, signs something other than what it sends).
 *
 * @example
 *   const { send, clock } = setup();
 *   const res = await send('PATCH', '/v1/users/partner-user-42', { body: { city: 'Ottawa' } });
 */
import { createSandbox, type SandboxOptions } from '../../sandbox/app.js';
import type { LogEntry } from '../../sandbox/request-log.js';
import { seededRandom } from '../../sandbox/random.js';
import { formatTimestamp, signRequest } from '../../contract/signing.js';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import type { ErrorBody } from '../../contract/api.js';

/** The documentation's example time, 2026-03-13T12:00:00Z. */
export const T0 = Date.parse('2026-03-13T12:00:00Z');
export const API_KEY = 'sandbox-api-key';
export const SECRET = 'sandbox-signing-secret';
export const JANE = '/v1/users/partner-user-42';
/** The documentation's example Update User body, byte for byte. */
export const EXAMPLE_BODY =
  '{"addressLine1":"456 Queen St W","city":"Toronto","postalCode":"M5V 1Z8"}';

export function fakeClock(start = T0) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

export interface SendOptions {
  /** An object is sent as its `JSON.stringify`; a string or bytes as they are. */
  body?: unknown;
  /** Extra headers; `undefined` removes a default one. */
  headers?: Record<string, string | undefined>;
  timestamp?: string;
  /** Sign these instead of what is sent. */
  sign?: { method?: string; path?: string; body?: string | Uint8Array; secret?: string };
}

export function setup(options: SandboxOptions = {}) {
  const clock = fakeClock();
  const logs: LogEntry[] = [];
  const sandbox = createSandbox({
    now: clock.now,
    logger: (entry) => logs.push(entry),
    random: seededRandom(1),
    ...options,
  });

  async function send(method: string, path: string, options: SendOptions = {}) {
    const { body: raw, sign = {} } = options;
    const body =
      raw === undefined
        ? ''
        : typeof raw === 'string' || raw instanceof Uint8Array
          ? raw
          : JSON.stringify(raw);
    const timestamp = options.timestamp ?? formatTimestamp(clock.now());
    const signature = await signRequest(nodeHmacSha256, sign.secret ?? SECRET, {
      method: sign.method ?? method,
      pathAndQuery: sign.path ?? path,
      timestamp,
      body: sign.body ?? body,
    });
    const headers: Record<string, string> = {};
    const all: Record<string, string | undefined> = {
      ...(raw === undefined ? {} : { 'Content-Type': 'application/json' }),
      'X-Api-Key': API_KEY,
      'X-Request-Timestamp': timestamp,
      'X-Request-Signature': signature,
      ...options.headers,
    };
    for (const [name, value] of Object.entries(all)) if (value !== undefined) headers[name] = value;
    return sandbox.app.request(path, {
      method,
      headers,
      ...(raw === undefined ? {} : { body: body as BodyInit }),
    });
  }

  return { sandbox, clock, logs, send };
}

export const readError = async (res: Response) => (await res.json()) as ErrorBody;

/** The field names of a 400's `fieldErrors`, sorted. */
export async function badFields(res: Response): Promise<string[]> {
  const body = await readError(res);
  return (body.fieldErrors ?? []).map((entry) => entry.field).sort();
}

export const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
