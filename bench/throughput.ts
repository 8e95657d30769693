/**
 * Throughput against the same upstream in the same run: the bare forwarder, the Hono forwarder,
 * the naive BFF and our BFF (and the upstream called directly, against the sandbox), each driven
 * closed-loop at a fixed concurrency.
 *
 * This machine is shared, and other work comes and goes on it within seconds. So each round is
 * cut into short slices and the targets take turns slice by slice (the order rotating), so that a
 * burst of outside work falls on all of them alike; a target's rate in a round is its requests
 * over its time in that round, and a ratio is taken within each round. Every figure is the median
 * over the rounds. The CPU time of a target's server process, divided by the requests it served,
 * is its cost per request.
 *
 * @example
 *   const rows = await measureThroughput(generator, targets, { rounds: 3, slices: 4, sliceMs: 625, ... });
 */
import type { Child } from './lib/children.js';
import { median } from './lib/stats.js';
import type { ClosedJob, LoadResult } from './load/generator.js';
import type { Target } from './load/requests.js';

export interface ThroughputTarget {
  label: string;
  target: Target;
  /** Where the load goes, and whose CPU time is counted. */
  server: Child;
}

export interface ThroughputRow {
  label: string;
  /** Requests per second in each round. */
  rates: number[];
  rate: number;
  /** CPU µs a request of the server process in each round. */
  cpus: number[];
  cpuMicrosPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  non2xx: number;
  errors: number;
  failures: string[];
}

export interface ThroughputOptions {
  rounds: number;
  /** Turns per target in a round. */
  slices: number;
  sliceMs: number;
  warmupMs: number;
  connections: number;
}

interface Round {
  completed: number;
  elapsedMs: number;
  cpuMicros: number;
  p50: number[];
  p99: number[];
}

export async function measureThroughput(
  generator: Child,
  targets: ThroughputTarget[],
  options: ThroughputOptions,
): Promise<ThroughputRow[]> {
  const run = (entry: ThroughputTarget, durationMs: number) =>
    generator.run<LoadResult>(
      {
        mode: 'closed',
        url: entry.server.url,
        target: entry.target,
        connections: options.connections,
        durationMs,
      } satisfies ClosedJob,
      durationMs + 15_000,
    );
  const loads: LoadResult[][] = targets.map(() => []);
  const rounds: Round[][] = targets.map(() => []);

  // Warm-up: JIT, connection pools and caches of every process; counted only for failures.
  for (let index = 0; index < targets.length; index++) {
    loads[index]!.push(await run(targets[index]!, options.warmupMs));
  }

  for (let r = 0; r < options.rounds; r++) {
    const current: Round[] = targets.map(() => ({
      completed: 0,
      elapsedMs: 0,
      cpuMicros: 0,
      p50: [],
      p99: [],
    }));
    for (let slice = 0; slice < options.slices; slice++) {
      for (let i = 0; i < targets.length; i++) {
        const index = (i + r + slice) % targets.length;
        const entry = targets[index]!;
        const before = await entry.server.stats();
        const load = await run(entry, options.sliceMs);
        const after = await entry.server.stats();
        loads[index]!.push(load);
        const round = current[index]!;
        round.completed += load.completed;
        round.elapsedMs += load.elapsedMs;
        round.cpuMicros += after.cpuMicros - before.cpuMicros;
        round.p50.push(load.p50Ms);
        round.p99.push(load.p99Ms);
      }
    }
    current.forEach((round, index) => rounds[index]!.push(round));
  }

  return targets.map((entry, index) => {
    const all = loads[index]!;
    const mine = rounds[index]!;
    const cpus = mine.map((round) => round.cpuMicros / round.completed);
    return {
      label: entry.label,
      rates: mine.map((round) => (round.completed / round.elapsedMs) * 1000),
      rate: median(mine.map((round) => (round.completed / round.elapsedMs) * 1000)),
      cpus,
      cpuMicrosPerRequest: median(cpus),
      p50Ms: median(mine.flatMap((round) => round.p50)),
      p99Ms: median(mine.flatMap((round) => round.p99)),
      completed: all.reduce((sum, load) => sum + load.completed, 0),
      non2xx: all.reduce((sum, load) => sum + load.non2xx, 0),
      errors: all.reduce((sum, load) => sum + load.errors, 0),
      failures: all.flatMap((load) => load.failures).slice(0, 3),
    };
  });
}

/** The median over the rounds of `a`'s rate divided by `b`'s in the same round. */
export function ratio(a: ThroughputRow, b: ThroughputRow): number {
  return median(a.rates.map((rate, round) => rate / b.rates[round]!));
}

/** The median over the rounds of `a`'s CPU per request divided by `b`'s in the same round. */
export function cpuRatio(a: ThroughputRow, b: ThroughputRow): number {
  return median(a.cpus.map((cpu, round) => cpu / b.cpus[round]!));
}
