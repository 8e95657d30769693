/**
 * The budgets the partner was promised, each checked against the run's figures: PASS or MISS,
 * and MISS with "not measured" when a part of the run failed.
 *
 * @example
 *   printBudgets(budgets(results));
 */
import { cpuRatio, ratio, type ThroughputRow } from './throughput.js';
import type { AddedLatency } from './latency.js';
import type { MemoryResult } from './memory.js';
import type { BundleSize } from './element/size.js';
import type { ElementTiming } from './element/timing.js';
import type { SandboxStats } from '../sandbox/index.js';
import { kilobytes, num, percent, signed } from './lib/table.js';

export const BUDGETS = {
  /** Against the sandbox. */
  throughputVersusBare: 0.75,
  /** Against the instant stub, where the upstream caps nothing. */
  throughputVersusNaive: 2.5,
  cpuVersusHono: 1.15,
  addedP99Ms: 2,
  /** Growth of the resident set and of the heap after a forced collection. */
  memoryGrowth: 0.1,
  /** The same ceiling as `npm run build`'s. */
  elementGzipBytes: 13.45 * 1024,
  /** Form usable at most this much later than Lit with a plain form of the same fields. */
  usableOverBaselineMs: 5,
};

/** What the run measured; a part that failed is an Error. */
export interface Results {
  throughput: ThroughputRow[] | Error;
  /** The same servers (but the upstream called directly) over the instant stub. */
  stubThroughput: ThroughputRow[] | Error;
  latency: AddedLatency | Error;
  latencyRate: number;
  memory: MemoryResult | Error;
  upstream: SandboxStats | Error;
  sizes: BundleSize[] | Error;
  timing: ElementTiming<'element' | 'baseline'> | Error;
}

export interface Budget {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

export const throughputRow = (rows: ThroughputRow[], label: string): ThroughputRow =>
  rows.find((r) => r.label === label)!;

function check<T>(
  name: string,
  value: T | Error,
  limit: string,
  measure: (value: T) => { measured: string; pass: boolean },
): Budget {
  return value instanceof Error
    ? { name, measured: 'not measured', limit, pass: false }
    : { name, limit, ...measure(value) };
}

function failures(results: Results): number | Error {
  const parts = [results.throughput, results.stubThroughput, results.latency, results.memory];
  const failed = parts.find((part) => part instanceof Error);
  if (failed instanceof Error) return failed;
  const rows = [
    ...(results.throughput as ThroughputRow[]),
    ...(results.stubThroughput as ThroughputRow[]),
  ];
  const latency = results.latency as AddedLatency;
  const memory = results.memory as MemoryResult;
  return (
    rows.reduce((sum, r) => sum + r.non2xx + r.errors, 0) +
    latency.non2xx +
    latency.errors +
    memory.load.non2xx +
    memory.load.errors
  );
}

export function budgets(results: Results): Budget[] {
  const versus = (other: string, min: number) => (rows: ThroughputRow[]) => {
    const value = ratio(throughputRow(rows, 'our BFF'), throughputRow(rows, other));
    return { measured: `${num(value, 2)} ×`, pass: value >= min };
  };
  return [
    check(
      'BFF throughput / bare forwarder, over the sandbox',
      results.throughput,
      `≥ ${BUDGETS.throughputVersusBare} ×`,
      versus('bare forwarder', BUDGETS.throughputVersusBare),
    ),
    check(
      'BFF throughput / naive BFF, over the stub',
      results.stubThroughput,
      `≥ ${BUDGETS.throughputVersusNaive} ×`,
      versus('naive BFF', BUDGETS.throughputVersusNaive),
    ),
    check(
      'BFF CPU a request / Hono forwarder, over the stub',
      results.stubThroughput,
      `≤ ${BUDGETS.cpuVersusHono} ×`,
      (rows) => {
        const value = cpuRatio(
          throughputRow(rows, 'our BFF'),
          throughputRow(rows, 'Hono forwarder, checks nothing'),
        );
        return { measured: `${num(value, 2)} ×`, pass: value <= BUDGETS.cpuVersusHono };
      },
    ),
    check(
      `added p99 at ${results.latencyRate} req/s`,
      results.latency,
      `≤ ${BUDGETS.addedP99Ms} ms`,
      (latency) => ({
        measured: `${signed(latency.addedP99Ms)} ms`,
        pass: latency.addedP99Ms <= BUDGETS.addedP99Ms,
      }),
    ),
    check('non-2xx answers and errors under load', failures(results), '0', (count) => ({
      measured: num(count),
      pass: count === 0,
    })),
    check('updates the sandbox applied twice', results.upstream, '0', (stats) => ({
      measured: num(stats.duplicateApplications),
      pass: stats.duplicateApplications === 0,
    })),
    check(
      'BFF memory growth after warm-up (RSS, heap)',
      results.memory,
      `≤ ${BUDGETS.memoryGrowth * 100} %`,
      (memory) => ({
        measured: `${percent(memory.rssGrowth)}, ${percent(memory.heapGrowth)}`,
        pass: Math.max(memory.rssGrowth, memory.heapGrowth) <= BUDGETS.memoryGrowth,
      }),
    ),
    check(
      'self-contained element, gzip',
      results.sizes,
      `≤ ${kilobytes(BUDGETS.elementGzipBytes)}`,
      (sizes) => ({
        measured: kilobytes(sizes[0]!.gzipBytes),
        pass: sizes[0]!.gzipBytes <= BUDGETS.elementGzipBytes,
      }),
    ),
    check(
      'form usable, against Lit and a plain form',
      results.timing,
      `≤ +${BUDGETS.usableOverBaselineMs} ms`,
      (timing) => {
        const { element, baseline } = timing.results;
        const over = element.usableMs - baseline.usableMs;
        return {
          measured: `${signed(over, 1)} ms`,
          pass: over <= BUDGETS.usableOverBaselineMs,
        };
      },
    ),
  ];
}
