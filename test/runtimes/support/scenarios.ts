/**
 * What every runtime must do with the BFF, against the sandbox on 127.0.0.1: a save applied once,
 * a 400 with `fieldErrors`, 401, 403, 413 and a 503 retried into a 200. Each runtime's test starts
 * its server and hands these a way to send requests to it.
 *
 * @example
 *   runtimeScenarios(() => ({ send: (path, init) => fetch(url + path, init), sendLarge, sandbox }));
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { mintEmbedToken } from '../../../bff/web.js';
import type { RunningSandbox } from '../../../sandbox/index.js';
import {
  patchProfile,
  PORTAL_ORIGIN,
  SESSION_SECRET,
  USER,
} from '../../package/support/partner.js';

export type Send = (path: string, init?: RequestInit) => Promise<Response>;

export interface RuntimeUnderTest {
  /** Sends a request to the BFF: `path` from its root, e.g. `/api/profile`. */
  send: Send;
  /** Sends a PATCH of `/api/profile` whose body is `bytes` long, with these headers. */
  sendLarge(bytes: number, headers: Record<string, string>): Promise<Response>;
  sandbox: RunningSandbox;
}

/** The environment every runtime's BFF gets. */
export function runtimeEnv(sandboxUrl: string, timeoutMs = 10_000): Record<string, string> {
  return {
    BOCA_API_BASE_URL: sandboxUrl,
    BOCA_API_KEY: 'sandbox-api-key',
    BOCA_SIGNING_SECRET: 'sandbox-signing-secret',
    BOCA_SESSION_SECRET: SESSION_SECRET,
    BOCA_ALLOWED_ORIGINS: PORTAL_ORIGIN,
    BOCA_UPSTREAM_TIMEOUT_MS: String(timeoutMs),
  };
}

export const userToken = () => mintEmbedToken({ secret: SESSION_SECRET, externalId: USER });

/** A PATCH of the profile through the runtime, as the element sends it. */
export function save(
  runtime: RuntimeUnderTest,
  token: string | undefined,
  changes: Record<string, unknown>,
  options: { key?: ReturnType<typeof crypto.randomUUID>; origin?: string } = {},
) {
  const send = (url: string | URL | Request, init?: RequestInit) => runtime.send(String(url), init);
  return patchProfile('/api', token, changes, { ...options, send });
}

export function runtimeScenarios(current: () => RuntimeUnderTest): void {
  it('saves an edit: 200, applied once', async () => {
    const runtime = current();
    const key = crypto.randomUUID();
    const saved = await save(runtime, await userToken(), { city: 'Laval' }, { key });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.externalId, USER);
    assert.equal(saved.headers.get('access-control-allow-origin'), PORTAL_ORIGIN);
    assert.equal(runtime.sandbox.sandbox.getUser(USER)?.city, 'Laval');
    assert.equal(runtime.sandbox.sandbox.appliedCount(key), 1);
  });

  it('refuses a bad field with 400 and its fieldErrors, sending nothing upstream', async () => {
    const runtime = current();
    const before = runtime.sandbox.sandbox.stats().requests;
    const refused = await save(runtime, await userToken(), { email: 'not-an-email' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, 'bad_request');
    const fields = (refused.body.fieldErrors as { field: string }[]).map((e) => e.field);
    assert.deepEqual(fields, ['email']);
    assert.equal(runtime.sandbox.sandbox.stats().requests, before);
  });

  it('answers 401 to a token minted with another secret', async () => {
    const token = await mintEmbedToken({ secret: 'z'.repeat(40), externalId: USER });
    const refused = await save(current(), token, { city: 'Laval' });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error, 'unauthorized');
  });

  it('answers 403 to an origin that is not the portal’s', async () => {
    const refused = await save(
      current(),
      await userToken(),
      { city: 'Laval' },
      {
        origin: 'https://evil.example',
      },
    );
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, 'forbidden');
  });

  it('answers 413 to a body over 16 KiB', async () => {
    const refused = await current().sendLarge(20_000, {
      authorization: `Bearer ${await userToken()}`,
      'content-type': 'application/json',
      origin: PORTAL_ORIGIN,
    });
    assert.equal(refused.status, 413);
    assert.equal(((await refused.json()) as { error: string }).error, 'payload_too_large');
  });

  it('retries a 503 with the same Idempotency-Key: 200, applied once', async () => {
    const runtime = current();
    const { sandbox } = runtime.sandbox;
    sandbox.injectFault({ kind: 'status', status: 503, times: 1 });
    const key = crypto.randomUUID();
    const before = sandbox.stats().requests;
    const saved = await save(runtime, await userToken(), { city: 'Gatineau' }, { key });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(sandbox.stats().requests - before, 2);
    assert.equal(sandbox.appliedCount(key), 1);
  });
}
