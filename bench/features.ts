/**
 * What the BFF's production features cost it: the same BFF in one process per variant, from
 * limits and tracing off to both on, driven in the same rounds and slices as the throughput table
 * (`throughput.ts`), so each ratio is taken within a round. With no OpenTelemetry SDK registered,
 * tracing's cost is its check on each request, timed in the micro-benchmarks.
 *
 * The limits cannot be switched off in the product: "off" is a store that admits everything
 * (`lib/admitting-store.ts`). "On" is the default in-memory store, or the Redis store against a
 * real `redis-server`, with a per-user limit the generator's one user never reaches, so its cost
 * is measured, not its refusals. Every row checks the concurrency cap, set above the load.
 *
 * @example
 *   const rows = await measureFeatures(generator, off, [limitsOn, redis, traced], options);
 *   printFeatures(options, rows, micro);
 */
import type { Child } from './lib/children.js';
import type { MicroRow } from './micro.js';
import { num, signed, table } from './lib/table.js';
import {
  cpuRatio,
  measureThroughput,
  ratio,
  type ThroughputOptions,
  type ThroughputRow,
  type ThroughputTarget,
} from './throughput.js';

/** The rows' labels, in order; the Redis row is left out when no `redis-server` could start. */
export const FEATURE_ROWS = {
  off: 'limits off, tracing off',
  limits: 'limits on (memory store)',
  redis: 'limits on (Redis store)',
  traced: 'limits on (memory), tracing on',
} as const;

/** The first row is the BFF with every feature off; the others turn them on. */
export function measureFeatures(
  generator: Child,
  off: ThroughputTarget,
  variants: ThroughputTarget[],
  options: ThroughputOptions,
): Promise<ThroughputRow[]> {
  return measureThroughput(generator, [off, ...variants], options);
}

/** The in-process pair from the micro-benchmarks, when they ran. */
function inProcess(micro: MicroRow[] | Error): string {
  if (micro instanceof Error) return '';
  const find = (start: string) => micro.find((r) => r.name.startsWith(start))?.microsPerOp ?? NaN;
  const off = find('a save in process (instant upstream), no SDK');
  const on = find('a save in process, an SDK');
  const check = find('telemetry, no SDK');
  return (
    `\nIn process, with no network in the figure: a save costs ${num(off, 1)} µs with no SDK and ${num(on, 1)} µs with one` +
    ` (${num(on / off, 2)} ×, ${signed(on - off, 1)} µs); with no SDK, tracing's checks cost ${num(check, 2)} µs a save (${num((check / off) * 100, 2)} % of it).`
  );
}

/** That the Redis row's requests each reached Redis, or why there is no Redis row. */
function redisNote(
  rows: ThroughputRow[],
  redis: { missing?: Error; commands: number | Error },
): string {
  if (redis.missing) return ` No Redis row: ${redis.missing.message.split('\n')[0]}.`;
  const row = rows.find((r) => r.label === FEATURE_ROWS.redis);
  if (!row) return '';
  if (redis.commands instanceof Error)
    return ` Redis could not be asked: ${redis.commands.message}.`;
  // Each request is one admission script; fewer commands mean the store failed open.
  const reached = redis.commands >= row.completed;
  if (!reached)
    row.failures.push(
      `Redis processed ${num(redis.commands)} commands for ${num(row.completed)} requests`,
    );
  return ` It processed ${num(redis.commands)} commands for the row's ${num(row.completed)} requests${reached ? '' : ': NOT EVERY REQUEST REACHED IT'}.`;
}

/** Tracing's share alone: the traced row over the limits-on row, within each round. */
function tracingAlone(rows: ThroughputRow[]): string {
  const limits = rows.find((r) => r.label === FEATURE_ROWS.limits);
  const traced = rows.find((r) => r.label === FEATURE_ROWS.traced);
  if (!limits || !traced) return '';
  return (
    `\nTracing alone (its row over the memory-store row, in the same rounds): ${num(ratio(traced, limits), 2)} × the throughput,` +
    ` ${num(cpuRatio(traced, limits), 2)} × the CPU per request.`
  );
}

export function printFeatures(
  t: ThroughputOptions,
  rows: ThroughputRow[],
  micro: MicroRow[] | Error,
  redis: {
    /** Why there is no Redis row, when there is none. */
    missing?: Error;
    /** Commands the redis-server processed over the whole run. */
    commands: number | Error;
  },
): void {
  const [off] = rows as [ThroughputRow];
  // Before the failures are gathered: a Redis row that never reached Redis is one.
  const redisLine = redisNote(rows, redis);
  const body = table(
    [
      'BFF',
      'req/s',
      '/ off',
      'CPU µs/req',
      'CPU / off',
      'added CPU µs',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'errors',
    ],
    rows.map((r) => [
      r.label,
      num(r.rate),
      `${num(ratio(r, off), 2)} ×`,
      num(r.cpuMicrosPerRequest),
      `${num(cpuRatio(r, off), 2)} ×`,
      signed(r.cpuMicrosPerRequest - off.cpuMicrosPerRequest, 0),
      num(r.p50Ms, 2),
      num(r.p99Ms, 2),
      num(r.non2xx),
      num(r.errors),
    ]),
  );
  const failures = rows.flatMap((r) => r.failures.map((f) => `\n  ${r.label} failed: ${f}`));
  console.log(
    `\n## The BFF with its features on beside off: closed loop, ${t.connections} connections; ${t.rounds} rounds, each ${t.slices} turns of ${t.sliceMs / 1000} s a round; medians over the rounds\n\n` +
      body +
      '\n\nLimits off: a store that admits everything; limits on: each request counted against its user in the store,' +
      " with a limit the generator's one user never reaches. Every row checks the concurrency cap, set above the load." +
      ' Redis store: a local redis-server on 127.0.0.1, no persistence.' +
      redisLine +
      '\nTracing on: an OpenTelemetry SDK registered (batching span processor, periodic metric reader)' +
      ' whose exporters drop everything, so serialising and sending are not counted.' +
      tracingAlone(rows) +
      inProcess(micro) +
      failures.join(''),
  );
}
