/**
 * The BFF's store on Cloudflare Workers: one Durable Object per user. Workers cannot hold a Redis
 * connection open between requests, and each isolate's memory is its own, but a Durable Object is
 * one single-threaded instance per name, worldwide: give each user (the token's `sub`) its own,
 * and that user's allowance and revoked tokens live in exactly one place, checked one request at
 * a time, with no lock and no script. This is why `BffStore` keys both of its calls by the user.
 *
 * | `BffStore` call | Redis (`bff/stores/redis.ts`)            | Durable Object (here)                  |
 * | --------------- | ---------------------------------------- | -------------------------------------- |
 * | `admit`         | one Lua script: revocation, allowance    | `POST /admit` to the user's object     |
 * | `revoke`        | `SET … PX` until the token's expiry      | `POST /revoke`: stored with its expiry |
 * | `ping`          | `PING`                                   | `GET /ping` to one fixed object        |
 * | expiry          | key TTLs                                 | an alarm that clears what has lapsed   |
 *
 * Type-checked against the few Workers types it uses (declared below, as
 * `@cloudflare/workers-types` would give them), and run in workerd through miniflare by
 * `test/package/durable-object-store.test.ts`; the allowance arithmetic is the BFF's own `pace`.
 *
 * @example
 *   // wrangler.toml: [[durable_objects.bindings]] name = "BOCA_LIMITS", class_name = "UserLimits"
 *   export { UserLimits } from './durable-object-store.js';
 *   const app = createBff({ ...config, store: createDurableObjectStore(env.BOCA_LIMITS) });
 */
import { pace, type Admission, type BffStore, type Revocation, type Verdict } from '../bff/web.js';

/** What of the Workers runtime this uses. */
export interface DurableObjectStorage {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
  list<T>(options: { prefix: string }): Promise<Map<string, T>>;
  setAlarm(scheduledTime: number): Promise<void>;
}
export interface DurableObjectState {
  storage: DurableObjectStorage;
}
export interface DurableObjectStub {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}
export interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): DurableObjectStub;
}

/** One user's allowance and revoked tokens. Requests reach it one at a time. */
export class UserLimits {
  constructor(private readonly state: DurableObjectState) {}

  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/ping') return Response.json({ ok: true });
    const body = (await request.json()) as Omit<Admission, 'user'> & Omit<Revocation, 'user'>;
    if (pathname === '/admit') return Response.json(await this.admit(body));
    if (pathname === '/revoke') {
      await this.state.storage.put(`revoked:${body.tokenId}`, body.expiresAt);
      await this.remindAt(body.expiresAt);
      return Response.json({ ok: true });
    }
    return new Response(null, { status: 404 });
  }

  /** The same token bucket as the memory and Redis stores. */
  private async admit({ tokenId, now, rule }: Omit<Admission, 'user'>): Promise<Verdict> {
    const storage = this.state.storage;
    const revokedUntil = await storage.get<number>(`revoked:${tokenId}`);
    if (revokedUntil !== undefined && revokedUntil > now) return { kind: 'revoked' };
    const { intervalMs, burstMs } = pace(rule);
    const next = Math.max((await storage.get<number>('allowance')) ?? now, now) + intervalMs;
    if (next - now > burstMs) return { kind: 'limited', retryAfterMs: next - burstMs - now };
    await storage.put('allowance', next);
    await this.remindAt(next);
    return { kind: 'allowed' };
  }

  private async remindAt(time: number): Promise<void> {
    await this.state.storage.setAlarm(time);
  }

  /** Clears what has lapsed, so an idle user's object holds nothing. */
  async alarm(): Promise<void> {
    const storage = this.state.storage;
    const now = Date.now();
    const allowance = await storage.get<number>('allowance');
    if (allowance !== undefined && allowance <= now) await storage.delete('allowance');
    let later = allowance !== undefined && allowance > now ? allowance : Infinity;
    for (const [key, until] of await storage.list<number>({ prefix: 'revoked:' })) {
      if (until <= now) await storage.delete(key);
      else later = Math.min(later, until);
    }
    if (later !== Infinity) await storage.setAlarm(later);
  }
}

/**
 * The `BffStore` over a namespace of {@link UserLimits}. Each call carries its own short timeout
 * (on Workers a timer belongs to its request), so an unreachable object fails the call quickly
 * and `storeFailure` decides.
 */
export function createDurableObjectStore(
  namespace: DurableObjectNamespace,
  { timeoutMs = 500 } = {},
): BffStore {
  const call = async (user: string, path: string, body?: unknown) => {
    const stub = namespace.get(namespace.idFromName(user));
    const response = await stub.fetch(`https://limits${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`the limits object answered ${response.status}`);
    return response.json();
  };
  return {
    admit: ({ user, ...rest }) => call(user, '/admit', rest) as Promise<Verdict>,
    revoke: async ({ user, ...rest }) => void (await call(user, '/revoke', rest)),
    ping: async () => void (await call('(ping)', '/ping')),
    close: async () => {},
  };
}
