/**
 * Signs and sends the Partner API documentation's example Update User request, the way a
 * partner's server would: copy it, change the three constants, and it works against Boca Raton.
 *
 *   npm run sandbox:example                           # against http://127.0.0.1:4010
 *   SANDBOX_URL=http://127.0.0.1:4011 npx tsx scripts/sign-and-send.ts
 *
 * Canonical request: METHOD \n PATH_AND_QUERY \n TIMESTAMP \n BODY (raw body, no trailing newline);
 * the signature is its lowercase hex HMAC-SHA256 keyed with the signing secret. It only needs
 * Node 20 (`node:crypto` and the global `fetch`), so it stands alone on purpose.
 */
import { createHmac } from 'node:crypto';

const baseUrl = process.env.SANDBOX_URL ?? 'http://127.0.0.1:4010';
const apiKey = process.env.SANDBOX_API_KEY ?? 'sandbox-api-key';
const signingSecret = process.env.SANDBOX_SIGNING_SECRET ?? 'sandbox-signing-secret';

const method = 'PATCH';
const path = `/v1/users/${encodeURIComponent('partner-user-42')}`;
// These exact bytes are signed and sent: never re-serialise the body after signing it.
const body = JSON.stringify({
  addressLine1: '456 Queen St W',
  city: 'Toronto',
  postalCode: 'M5V 1Z8',
});
// RFC 3339, UTC, whole seconds: 2026-03-13T12:00:00Z
const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const signature = createHmac('sha256', signingSecret)
  .update(`${method}\n${path}\n${timestamp}\n${body}`)
  .digest('hex');

try {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      'Content-Type': 'application/json',
      'X-Api-Key': apiKey,
      'X-Request-Timestamp': timestamp,
      'X-Request-Signature': signature,
      'Idempotency-Key': crypto.randomUUID(),
    },
    body,
  });
  console.log(`${response.status} ${response.statusText}`);
  console.log(await response.text());
  process.exitCode = response.ok ? 0 : 1;
} catch (error) {
  console.error(
    `Could not reach ${baseUrl}: ${(error as Error).cause ?? (error as Error).message}`,
  );
  process.exitCode = 1;
}
