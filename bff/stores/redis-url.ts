/**
 * What a Redis URL for the store must look like: `redis://host:port`, optionally with a password
 * (`redis://:secret@host:port`) and a database number (`/2`). Kept apart from `redis.ts` so that
 * checking a configuration never loads the Redis client.
 *
 * @example
 *   redisUrlProblem('http://cache:6379'); // 'must be a redis:// URL, e.g. redis://127.0.0.1:6379'
 */

/** Why the URL is unusable, in words that never repeat it (it may hold a password). */
export function redisUrlProblem(value: string): string | undefined {
  const example = 'e.g. redis://127.0.0.1:6379';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be a redis:// URL, ${example}`;
  }
  if (url.protocol !== 'redis:') return `must be a redis:// URL, ${example}`;
  if (!url.hostname) return `must name a host, ${example}`;
  if (url.search || url.hash) return 'must not have a query or fragment';
  if (!/^\/?(\d{1,2})?$/.test(url.pathname)) return 'may only have a database number as its path';
  return undefined;
}
