/**
 * Fault injection: make the next requests (all, or those matching a method and/or wire path)
 * answer a given status, stall, or lose their connection; or roll faults at random from a seed,
 * reproducibly, under load. Faults act before anything else (authentication, rate limit,
 * idempotency), as a flaky network or gateway would, so an injected 503 never consumes an
 * Idempotency-Key and the retry is applied once.
 *
 * - `status`: answer it at once with the API's error body (or `body`, merged in; a string is sent
 *   raw) and `headers` (a 429 gets `Retry-After: 1` unless given one).
 * - `stall` `before`: wait, then process (a slow network; the timestamp is checked after the
 *   wait). `during`: wait after the Idempotency-Key is reserved, just before the change is applied,
 *   so a concurrent request with the same key sees 409. Waits `ms`, or until `until` settles,
 *   or until `clearFaults()`, whichever comes first.
 * - `drop` `before`: lose the connection without processing. `after`: process fully (apply,
 *   store the idempotent answer), then lose the answer. On `@hono/node-server` the socket is
 *   destroyed; in-process (`app.request`/`app.fetch`) the call rejects with `DroppedConnection`.
 *
 * @example
 *   sandbox.injectFault({ kind: 'status', status: 503, times: 2, method: 'PATCH' });
 *   sandbox.injectFault({ kind: 'drop', phase: 'after' });
 *   sandbox.setRandomFaults({ seed: 7, unavailable: 0.05, stall: 0.02, stallMs: 3000, drop: 0.01 });
 */
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DroppedConnection, defaultMessage, errorKeyFor } from './errors.js';
import { wirePath, type SandboxContext, type SandboxEnv } from './context.js';
import { seededRandom, type Random } from './random.js';

export interface FaultMatch {
  /** How many matching requests it hits (default 1; `Infinity` until cleared). */
  times?: number;
  /** Only requests with this method. */
  method?: string;
  /** Only requests to this path as sent on the wire (percent-encoded), without the query. */
  path?: string | RegExp;
}

export type FaultAction =
  | {
      kind: 'status';
      status: number;
      body?: string | Record<string, unknown>;
      headers?: Record<string, string>;
    }
  | { kind: 'stall'; ms?: number; until?: PromiseLike<unknown>; phase?: 'before' | 'during' }
  | { kind: 'drop'; phase?: 'before' | 'after' };

export type FaultSpec = FaultMatch & FaultAction;

export interface RandomFaultSpec extends Omit<FaultMatch, 'times'> {
  /** Seeds the dice (default: the sandbox's `random`). */
  seed?: number;
  /** Probability of a 503. */
  unavailable?: number;
  /** Probability of a stall. */
  stall?: number;
  /** A stall's length, or the range it is drawn from (default 1000). */
  stallMs?: number | [number, number];
  stallPhase?: 'before' | 'during';
  /** Probability of a dropped connection. */
  drop?: number;
  dropPhase?: 'before' | 'after';
}

export interface FaultHandle {
  /** Matching requests it will still hit. */
  readonly remaining: number;
  cancel(): void;
}

interface Queued {
  match: FaultMatch;
  action: FaultAction;
  remaining: number;
}

const matches = (match: FaultMatch, method: string, path: string) =>
  (match.method === undefined || match.method.toUpperCase() === method) &&
  (match.path === undefined ||
    (typeof match.path === 'string' ? match.path === path : match.path.test(path)));

const probability = (name: string, value: number | undefined) => {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new TypeError(`${name} must be a probability between 0 and 1`);
  }
  return value;
};

function assertAction(action: FaultAction): void {
  if (action.kind === 'status') {
    const { status } = action;
    if (
      !Number.isInteger(status) ||
      status < 200 ||
      status > 599 ||
      [204, 205, 304].includes(status)
    ) {
      throw new TypeError('status must be a whole number from 200 to 599 that carries a body');
    }
  } else if (action.kind === 'stall') {
    const { ms, until } = action;
    if (ms === undefined && until === undefined) throw new TypeError('a stall needs ms or until');
    if (ms !== undefined && !(Number.isFinite(ms) && ms >= 0)) {
      throw new TypeError('ms must be a non-negative number of milliseconds');
    }
  } else if (action.kind !== 'drop') {
    throw new TypeError('kind must be "status", "stall" or "drop"');
  }
}

export class Faults {
  #queue: Queued[] = [];
  #dice: { spec: RandomFaultSpec; roll: Random } | undefined;
  // The stalls in progress, each ended early by `clear()`. A set rather than listeners on one
  // AbortSignal, which warns of a leak past ten concurrent stalls (as under load).
  readonly #stalls = new Set<() => void>();
  readonly #random: Random;

  constructor(random: Random) {
    this.#random = random;
  }

  inject(spec: FaultSpec): FaultHandle {
    const { times = 1, method, path, ...action } = spec;
    if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) {
      throw new TypeError('times must be a positive whole number or Infinity');
    }
    assertAction(action);
    const queued: Queued = { match: { method, path }, action, remaining: times };
    this.#queue.push(queued);
    return {
      get remaining() {
        return queued.remaining;
      },
      cancel: () => {
        queued.remaining = 0;
        this.#queue = this.#queue.filter((q) => q !== queued);
      },
    };
  }

  /** Turns the random mode on (or off with `null`). */
  setRandom(spec: RandomFaultSpec | null): void {
    if (spec === null) {
      this.#dice = undefined;
      return;
    }
    const total = ['unavailable', 'stall', 'drop'].reduce(
      (sum, name) => sum + probability(name, spec[name as 'unavailable' | 'stall' | 'drop']),
      0,
    );
    if (total > 1) throw new TypeError('unavailable + stall + drop must not exceed 1');
    const roll = spec.seed === undefined ? this.#random : seededRandom(spec.seed);
    this.#dice = { spec: { ...spec }, roll };
  }

  /** Removes every fault, turns the random mode off, and ends the stalls in progress. */
  clear(): void {
    this.#queue = [];
    this.#dice = undefined;
    for (const end of [...this.#stalls]) end();
  }

  /** The fault for a request that arrives now, if any; consumes one hit. */
  take(method: string, path: string): FaultAction | undefined {
    const queued = this.#queue.find((q) => matches(q.match, method, path));
    if (queued) {
      queued.remaining--;
      if (queued.remaining <= 0) this.#queue = this.#queue.filter((q) => q !== queued);
      return queued.action;
    }
    return this.#dice && matches(this.#dice.spec, method, path) ? this.#rollDice() : undefined;
  }

  /** Waits out a stall: its time, its `until`, or `clear()`, whichever is first. */
  wait(action: { ms?: number; until?: PromiseLike<unknown> }): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#stalls.delete(done);
        resolve();
      };
      const timer = action.ms === undefined ? undefined : setTimeout(done, action.ms);
      action.until?.then(done, done);
      this.#stalls.add(done);
    });
  }

  #rollDice(): FaultAction | undefined {
    const { spec, roll } = this.#dice!;
    const r = roll();
    const unavailable = spec.unavailable ?? 0;
    const stall = unavailable + (spec.stall ?? 0);
    const drop = stall + (spec.drop ?? 0);
    if (r < unavailable) return { kind: 'status', status: 503 };
    if (r < stall) {
      const range = spec.stallMs ?? 1000;
      const ms = Array.isArray(range) ? range[0] + roll() * (range[1] - range[0]) : range;
      return { kind: 'stall', ms, phase: spec.stallPhase ?? 'before' };
    }
    if (r < drop) return { kind: 'drop', phase: spec.dropPhase ?? 'before' };
    return undefined;
  }
}

/** Ends a request without an answer: the socket on Node, a rejected fetch elsewhere. */
export function dropConnection(c: SandboxContext): never {
  c.env?.incoming?.socket?.destroy();
  throw new DroppedConnection();
}

function faultResponse(c: SandboxContext, fault: Extract<FaultAction, { kind: 'status' }>) {
  const status = fault.status as ContentfulStatusCode;
  const headers = { ...(status === 429 ? { 'Retry-After': '1' } : {}), ...fault.headers };
  if (typeof fault.body === 'string') {
    return c.body(fault.body, status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  }
  const key = errorKeyFor(status);
  const base =
    status >= 400
      ? { error: key, message: defaultMessage(key), requestId: c.get('requestId') }
      : {};
  return c.json({ ...base, ...fault.body }, status, headers);
}

const describe = (fault: FaultAction) =>
  fault.kind === 'status' ? `status ${fault.status}` : `${fault.kind} ${fault.phase ?? 'before'}`;

export function injectFaults(faults: Faults): MiddlewareHandler<SandboxEnv> {
  return async function injectFault(c, next) {
    const fault = faults.take(c.req.method, wirePath(c));
    if (!fault) return next();
    c.get('outcome').fault = describe(fault);
    switch (fault.kind) {
      case 'status':
        return faultResponse(c, fault);
      case 'stall':
        if (fault.phase === 'during') c.set('stallDuring', () => faults.wait(fault));
        else await faults.wait(fault);
        return next();
      case 'drop':
        if (fault.phase === 'after') await next();
        return dropConnection(c);
    }
  };
}
