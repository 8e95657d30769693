/**
 * Whether the BFF's memory stays flat: its resident set and its heap (after a forced collection)
 * before and after a long run at a moderate fixed rate, once it is warm. A leak of even a few
 * hundred bytes a request shows as growth over the tens of thousands of requests of the run.
 *
 * @example
 *   const memory = await measureMemory(generator, { server: bff, target }, { rate: 500, durationMs: 60_000 });
 */
import type { Child } from './lib/children.js';
import type { ProcessStats } from './lib/ipc.js';
import type { LoadResult, OpenJob } from './load/generator.js';
import type { Target } from './load/requests.js';

export interface MemoryOptions {
  rate: number;
  durationMs: number;
}

export interface MemoryResult {
  before: ProcessStats;
  after: ProcessStats;
  rssGrowth: number;
  heapGrowth: number;
  load: LoadResult;
}

export async function measureMemory(
  generator: Child,
  bff: { server: Child; target: Target },
  options: MemoryOptions,
): Promise<MemoryResult> {
  const before = await bff.server.stats(true);
  const load = await generator.run<LoadResult>(
    {
      mode: 'open',
      url: bff.server.url,
      target: bff.target,
      rate: options.rate,
      durationMs: options.durationMs,
      warmupMs: 0,
    } satisfies OpenJob,
    options.durationMs + 15_000,
  );
  const after = await bff.server.stats(true);
  return {
    before,
    after,
    rssGrowth: after.rss / before.rss - 1,
    heapGrowth: after.heapUsed / before.heapUsed - 1,
    load,
  };
}
