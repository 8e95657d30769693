/**
 * One `Idempotency-Key` per exact set of changes. Saving the same changes again after an answer
 * that may not be final (no answer, 5xx, 401, 409, 429) reuses the key, so the server applies them
 * at most once; different changes get a new key; a success or a final refusal retires it.
 *
 * @example
 *   const keys = new IdempotencyKeys();
 *   keys.keyFor({ city: 'Laval' }) === keys.keyFor({ city: 'Laval' }); // true
 *   keys.retire(); // the next save gets a new key
 */

/** A version 4 UUID; `crypto.randomUUID` exists only in secure contexts, this works everywhere. */
export function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  // Two hex digits a byte, with a dash before bytes 4, 6, 8 and 10 (8-4-4-4-12 digits).
  const digits = (byte: number, i: number) =>
    ([4, 6, 8, 10].includes(i) ? '-' : '') + byte.toString(16).padStart(2, '0');
  return Array.from(bytes, digits).join('');
}

/** Whether a failed save may be retried as is, so its key must be kept. */
export const keepsKey = (status: number): boolean =>
  [0, 401, 409, 429].includes(status) || status >= 500;

export class IdempotencyKeys {
  /** What the current key was made for; '' when there is none (no changes serialise to ''). */
  #changes = '';
  #key = '';

  /** The key for these changes: the same as last time when they are the same. */
  keyFor(changes: object): string {
    const fingerprint = JSON.stringify(changes);
    if (fingerprint !== this.#changes) {
      this.#changes = fingerprint;
      this.#key = uuid();
    }
    return this.#key;
  }

  /** The next save gets a new key, whatever its changes. */
  retire(): void {
    this.#changes = '';
  }
}
