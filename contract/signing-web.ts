/** The HMAC for any runtime with Web Crypto (browsers, Workers, Deno, Bun, Node). */
import type { HmacSha256 } from './signing.js';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    keys.set(secret, key);
  }
  return key;
}

export const webHmacSha256: HmacSha256 = async (secret, message) => {
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', await keyFor(secret), message as Uint8Array<ArrayBuffer>),
  );
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return hex;
};
