/**
 * The latency the BFF adds at a fixed rate. The open-loop generator sends 300 requests a second
 * to the bare forwarder and to the BFF; the BFF's p50 and p99 minus the bare forwarder's give the
 * added latency, taken in pairs whose order alternates, and the figure is the median over the
 * pairs. Within a pair the two take turns in short slices, so that outside work on this shared
 * machine falls on both alike. Latencies run from each request's departure to the end of its answer.
 *
 * @example
 *   const added = await measureAddedLatency(generator, bare, bff, { pairs: 3, rate: 300, ... });
 */
import type { Child } from './lib/children.js';
import { median, percentile } from './lib/stats.js';
import type { LoadResult, OpenJob } from './load/generator.js';
import type { Target } from './load/requests.js';

export interface LatencyOptions {
  pairs: number;
  /** Turns per target in a pair. */
  slices: number;
  sliceMs: number;
  warmupMs: number;
  rate: number;
}

export interface Percentiles {
  p50Ms: number;
  p99Ms: number;
  samples: number;
}

export interface LatencyPair {
  bffFirst: boolean;
  bare: Percentiles;
  bff: Percentiles;
}

export interface AddedLatency {
  pairs: LatencyPair[];
  addedP50Ms: number;
  addedP99Ms: number;
  non2xx: number;
  errors: number;
  failures: string[];
  maxLagMs: number;
}

interface Side {
  server: Child;
  target: Target;
}

const percentiles = (latencies: number[]): Percentiles => ({
  p50Ms: percentile(latencies, 0.5),
  p99Ms: percentile(latencies, 0.99),
  samples: latencies.length,
});

export async function measureAddedLatency(
  generator: Child,
  bare: Side,
  bff: Side,
  options: LatencyOptions,
): Promise<AddedLatency> {
  const loads: LoadResult[] = [];
  const run = async (side: Side, durationMs: number) => {
    const load = await generator.run<LoadResult>(
      {
        mode: 'open',
        url: side.server.url,
        target: side.target,
        rate: options.rate,
        durationMs,
        warmupMs: 0,
        keepLatencies: true,
      } satisfies OpenJob,
      durationMs + 15_000,
    );
    loads.push(load);
    return load.latencies ?? [];
  };

  // Each side's connections are opened before anything is counted.
  await run(bare, options.warmupMs);
  await run(bff, options.warmupMs);

  const pairs: LatencyPair[] = [];
  for (let i = 0; i < options.pairs; i++) {
    const bffFirst = i % 2 === 1;
    const samples = { bare: [] as number[], bff: [] as number[] };
    for (let slice = 0; slice < options.slices; slice++) {
      for (const name of bffFirst ? (['bff', 'bare'] as const) : (['bare', 'bff'] as const)) {
        samples[name].push(...(await run(name === 'bff' ? bff : bare, options.sliceMs)));
      }
    }
    pairs.push({ bffFirst, bare: percentiles(samples.bare), bff: percentiles(samples.bff) });
  }
  return {
    pairs,
    addedP50Ms: median(pairs.map((pair) => pair.bff.p50Ms - pair.bare.p50Ms)),
    addedP99Ms: median(pairs.map((pair) => pair.bff.p99Ms - pair.bare.p99Ms)),
    non2xx: loads.reduce((sum, load) => sum + load.non2xx, 0),
    errors: loads.reduce((sum, load) => sum + load.errors, 0),
    failures: loads.flatMap((load) => load.failures).slice(0, 3),
    maxLagMs: Math.max(...loads.map((load) => load.maxLagMs ?? 0)),
  };
}
