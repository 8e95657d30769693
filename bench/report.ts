/**
 * The printed report: one section per benchmark, printed as soon as it is measured, every figure
 * beside its baseline and ratio; then the budgets with PASS or MISS.
 *
 * @example
 *   printThroughput(settings.throughput, rows);
 *   printBudgets(budgets(results));
 */
import type { MicroRow } from './micro.js';
import { cpuRatio, ratio, type ThroughputRow } from './throughput.js';
import { median } from './lib/stats.js';
import type { AddedLatency } from './latency.js';
import type { MemoryResult } from './memory.js';
import type { BundleSize } from './element/size.js';
import type { ElementTiming } from './element/timing.js';
import type { SandboxStats } from '../sandbox/index.js';
import { throughputRow, type Budget } from './budgets.js';
import { kilobytes, megabytes, num, percent, signed, table } from './lib/table.js';

function section(title: string, body: string): void {
  console.log(`\n## ${title}\n\n${body}`);
}

/** A part of the run that failed prints why, in place of its table. */
export function printFailure(title: string, error: Error): void {
  section(title, `Not measured: ${error.message}`);
}

type ThroughputSettings = { rounds: number; slices: number; sliceMs: number; connections: number };

const HONO = 'Hono forwarder, checks nothing';

function throughputTable(rows: ThroughputRow[]): string {
  const bare = throughputRow(rows, 'bare forwarder');
  return table(
    [
      'target',
      'req/s',
      'each round',
      '/ bare',
      'CPU µs/req',
      'p50 ms',
      'p99 ms',
      'requests',
      'non-2xx',
      'errors',
    ],
    rows.map((r) => [
      r.label,
      num(r.rate),
      r.rates.map((rate) => num(rate)).join(' '),
      `${num(ratio(r, bare), 2)} ×`,
      num(r.cpuMicrosPerRequest),
      num(r.p50Ms, 2),
      num(r.p99Ms, 2),
      num(r.completed),
      num(r.non2xx),
      num(r.errors),
    ]),
  );
}

const failureLines = (rows: ThroughputRow[]) =>
  rows.flatMap((r) => r.failures.map((failure) => `\n  ${r.label} failed: ${failure}`)).join('');

const throughputTitle = (t: ThroughputSettings, upstream: string) =>
  `Throughput over ${upstream}: closed loop, ${t.connections} connections; ${t.rounds} rounds, each target ${t.slices} turns of ${t.sliceMs / 1000} s a round; medians over the rounds`;

export function printThroughput(t: ThroughputSettings, rows: ThroughputRow[]): void {
  const bare = throughputRow(rows, 'bare forwarder');
  const naive = throughputRow(rows, 'naive BFF');
  const bff = throughputRow(rows, 'our BFF');
  const hono = throughputRow(rows, HONO);
  const direct = throughputRow(rows, 'upstream, called directly');
  section(
    throughputTitle(t, 'the sandbox'),
    throughputTable(rows) +
      `\n\nBFF / bare forwarder = ${num(ratio(bff, bare), 2)} ×, BFF / naive BFF = ${num(ratio(bff, naive), 2)} × (ratios within each round, median)` +
      `\nBFF process CPU per request: ${num(bff.cpuMicrosPerRequest)} µs against the bare forwarder's ${num(bare.cpuMicrosPerRequest)} µs` +
      ` (${num(bff.cpuMicrosPerRequest / bare.cpuMicrosPerRequest, 2)} ×, ${signed(bff.cpuMicrosPerRequest - bare.cpuMicrosPerRequest, 0)} µs)` +
      `, and the Hono forwarder's ${num(hono.cpuMicrosPerRequest)} µs` +
      `\nCeilings: no BFF outruns the bare forwarder, so against this upstream BFF / naive is at most bare / naive = ${num(ratio(bare, naive), 2)} ×;` +
      ` the sandbox itself spends ${num(direct.cpuMicrosPerRequest)} µs of CPU a request, so one core of it serves at most ${num(1e6 / direct.cpuMicrosPerRequest)} req/s.` +
      failureLines(rows),
  );
}

/** Over the instant stub: each server's own cost, with no upstream to cap the ratios. */
export function printStubThroughput(t: ThroughputSettings, rows: ThroughputRow[]): void {
  const bare = throughputRow(rows, 'bare forwarder');
  const naive = throughputRow(rows, 'naive BFF');
  const bff = throughputRow(rows, 'our BFF');
  const hono = throughputRow(rows, HONO);
  section(
    throughputTitle(t, 'the instant stub'),
    throughputTable(rows) +
      `\n\nBFF / naive BFF = ${num(ratio(bff, naive), 2)} × the throughput, BFF / bare forwarder = ${num(ratio(bff, bare), 2)} × (ratios within each round, median)` +
      `\nCPU per request: BFF ${num(bff.cpuMicrosPerRequest)} µs = ${num(cpuRatio(bff, hono), 2)} × the Hono forwarder's ${num(hono.cpuMicrosPerRequest)} µs` +
      ` (${signed(bff.cpuMicrosPerRequest - hono.cpuMicrosPerRequest, 0)} µs), ${num(cpuRatio(bff, bare), 2)} × the bare forwarder's ${num(bare.cpuMicrosPerRequest)} µs,` +
      ` ${num(cpuRatio(bff, naive), 2)} × the naive BFF's ${num(naive.cpuMicrosPerRequest)} µs` +
      failureLines(rows),
  );
}

export function printLatency(
  l: { pairs: number; slices: number; sliceMs: number; rate: number },
  latency: AddedLatency,
): void {
  const pairs = latency.pairs;
  section(
    `Added latency: open loop at ${l.rate} req/s; ${l.pairs} pairs, each side ${l.slices} turns of ${l.sliceMs / 1000} s a pair, order alternating`,
    table(
      ['pair', 'bare p50', 'bare p99', 'BFF p50', 'BFF p99', 'added p50', 'added p99'],
      [
        ...pairs.map((pair, i) => [
          `${i + 1} (${pair.bffFirst ? 'BFF first' : 'bare first'})`,
          num(pair.bare.p50Ms, 2),
          num(pair.bare.p99Ms, 2),
          num(pair.bff.p50Ms, 2),
          num(pair.bff.p99Ms, 2),
          signed(pair.bff.p50Ms - pair.bare.p50Ms),
          signed(pair.bff.p99Ms - pair.bare.p99Ms),
        ]),
        [
          'median',
          num(median(pairs.map((pair) => pair.bare.p50Ms)), 2),
          num(median(pairs.map((pair) => pair.bare.p99Ms)), 2),
          num(median(pairs.map((pair) => pair.bff.p50Ms)), 2),
          num(median(pairs.map((pair) => pair.bff.p99Ms)), 2),
          signed(latency.addedP50Ms),
          signed(latency.addedP99Ms),
        ],
      ],
    ) +
      `\n\nAll in ms; ${num(median(pairs.map((pair) => pair.bff.samples)))} samples a side a pair. Non-2xx ${latency.non2xx}, errors ${latency.errors}; the generator sent at most ${num(latency.maxLagMs, 1)} ms late.` +
      latency.failures.map((failure) => `\n  failed: ${failure}`).join(''),
  );
}

export function printMicro(iterations: number, rows: MicroRow[]): void {
  section(
    `CPU per operation: ${num(iterations)} iterations after warm-up`,
    table(
      ['operation', 'µs/op', 'iterations'],
      rows.map((r) => [r.name, num(r.microsPerOp, 2), num(r.iterations)]),
    ),
  );
}

export function printMemory(
  settings: { rate: number; durationMs: number },
  memory: MemoryResult,
): void {
  section(
    `BFF memory: ${settings.durationMs / 1000} s at ${settings.rate} req/s, after warm-up, after a forced GC`,
    table(
      ['', 'before', 'after', 'growth'],
      [
        [
          'resident set',
          megabytes(memory.before.rss),
          megabytes(memory.after.rss),
          percent(memory.rssGrowth),
        ],
        [
          'heap used',
          megabytes(memory.before.heapUsed),
          megabytes(memory.after.heapUsed),
          percent(memory.heapGrowth),
        ],
      ],
    ) +
      `\n\n${num(memory.load.completed)} requests, non-2xx ${memory.load.non2xx}, errors ${memory.load.errors}.`,
  );
}

export function printUpstream(upstream: SandboxStats): void {
  section(
    'Upstream',
    `The sandbox received ${num(upstream.requests)} requests and applied ${num(upstream.applied)} updates` +
      ` (${num(upstream.appliedWithoutKey)} without an Idempotency-Key, ${num(upstream.duplicateApplications)} applied twice).`,
  );
}

export function printElement(
  sizes: BundleSize[] | Error,
  baselineGzipBytes: number,
  timing: ElementTiming<'element' | 'baseline'> | Error,
): void {
  section(
    'Element: bundle sizes (npm run build, gzip -9)',
    sizes instanceof Error
      ? `Not measured: ${sizes.message}`
      : table(
          ['bundle', 'file', 'raw', 'gzip'],
          [
            ...sizes.map((s) => [s.what, s.file, kilobytes(s.bytes), kilobytes(s.gzipBytes)]),
            [
              'baseline: Lit and a plain form, the floor',
              'bench/element/baseline-form.ts',
              '',
              kilobytes(baselineGzipBytes),
            ],
          ],
        ),
  );
  if (timing instanceof Error) {
    section('Element: load to usable form', `Not measured: ${timing.message}`);
    return;
  }
  const { element, baseline } = timing.results;
  const rows = [
    ['script fetched', 'fetchedMs'],
    ['element defined', 'definedMs'],
    ['first render committed', 'renderedMs'],
    ['form usable (fields enabled, with values)', 'usableMs'],
    ['  of which after the script arrived', 'ownMs'],
  ] as const;
  section(
    `Element: load to usable form, ${timing.browser}, median of ${timing.loads} loads each in fresh contexts, taking turns`,
    table(
      [
        'ms from the script starting to load',
        'element',
        'baseline',
        'difference',
        'element, each load',
      ],
      rows.map(([label, key]) => [
        label,
        num(element[key], 1),
        num(baseline[key], 1),
        signed(element[key] - baseline[key], 1),
        element.each.map((run) => num(run[key], 0)).join(' '),
      ]),
    ),
  );
}

export function printBudgets(results: Budget[], elapsedMs: number): void {
  section(
    'Budgets',
    table(
      ['budget', 'measured', 'limit', ''],
      results.map((b) => [b.name, b.measured, b.limit, b.pass ? 'PASS' : 'MISS']),
    ),
  );
  console.log(`\nThe run took ${num(elapsedMs / 1000, 0)} s.`);
}
