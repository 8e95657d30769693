/**
 * Every refusal is logged with its reason, and never with a value from the request: a refused
 * Origin (403), a missing or bad token (401), a body that is not JSON in UTF-8 (415), too large
 * (413), not JSON (400), with invalid fields (400), a bad Idempotency-Key (400), a wrong method
 * (405). Relayed upstream refusals keep the upstream's status and add no reason of ours.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEntry } from '../../bff/types.js';
import { errorBody } from './fake-partner-api.js';
import { makeBff, rawPatch } from './harness.js';

// Values that must never reach the log, wherever the request carried them.
const EVIL_ORIGIN = 'https://evil-origin-7f3a.example';
const EMAIL = 'leaky-value-9c1d@example';
const KEY = 'not-a-uuid-5e8b';

function lastEntry(logs: LogEntry[]): LogEntry {
  const entry = logs.at(-1)!;
  const line = JSON.stringify(entry);
  for (const value of [EVIL_ORIGIN, EMAIL, KEY, 'eyJ']) {
    assert.ok(!line.includes(value), `${value} reached the log: ${line}`);
  }
  return entry;
}

describe('when the BFF refuses a request', () => {
  const cases: [string, number, RegExp, (t: ReturnType<typeof makeBff>) => Promise<Response>][] = [
    [
      'a foreign Origin',
      403,
      /origin may not/,
      (t) => t.patch({ city: 'Laval' }, { origin: EVIL_ORIGIN }),
    ],
    ['no token', 401, /session token/, (t) => t.patch({ city: 'Laval' }, { token: null })],
    [
      'a token that is not one',
      401,
      /session token/,
      (t) => t.patch({ city: 'Laval' }, { token: 'eyJhbGciOi.x.y' }),
    ],
    [
      'a body that is not JSON by type',
      415,
      /application\/json/,
      (t) => rawPatch(t, '{}', { 'content-type': 'text/plain' }),
    ],
    ['a body too large', 413, /at most 16384 bytes/, (t) => t.patch({ city: 'x'.repeat(20_000) })],
    [
      'a body that is not JSON',
      400,
      /not valid JSON/,
      (t) => rawPatch(t, `{"email":"${EMAIL}"`, { 'content-type': 'application/json' }),
    ],
    [
      'an invalid field',
      400,
      /fields are not valid/,
      (t) => t.patch({ email: EMAIL.replace('@', '') }),
    ],
    [
      'a bad Idempotency-Key',
      400,
      /Idempotency-Key/,
      (t) => t.patch({ city: 'Laval' }, { headers: { 'Idempotency-Key': KEY } }),
    ],
    [
      'a method the route has not',
      405,
      /method is not allowed/,
      (t) => t.request('/api/profile', { method: 'DELETE' }),
    ],
  ];

  for (const [what, status, reason, send] of cases) {
    it(`logs ${status} for ${what} with its reason, and no value from the request`, async () => {
      const t = makeBff();
      const response = await send(t);
      assert.equal(response.status, status);
      const entry = lastEntry(t.logs);
      assert.equal(entry.status, status);
      assert.match(entry.problem ?? '', reason);
      assert.equal(t.api.requests.length, 0);
    });
  }

  it('logs the token’s own failure beside the reason', async () => {
    const t = makeBff();
    await t.patch({ city: 'Laval' }, { token: null });
    assert.equal(lastEntry(t.logs).token, 'missing');
  });

  it('adds no reason of its own to a refusal relayed from the Partner API', async () => {
    const t = makeBff();
    t.api.script({ status: 409, body: errorBody('conflict', 'In flight') });
    const response = await t.patch({ city: 'Laval' });
    assert.equal(response.status, 409);
    const entry = lastEntry(t.logs);
    assert.equal(entry.upstreamStatus, 409);
    assert.equal(entry.problem, undefined);
  });
});
