/**
 * The printed report: one table per benchmark, every figure beside its baseline and ratio, then
 * the budgets with PASS or MISS.
 *
 * @example
 *   printReport({ settings, micro, throughput, latency, memory, elapsedMs });
 */
import type { MicroRow } from './micro.js';
import { ratio, type ThroughputRow } from './throughput.js';
import { median } from './lib/stats.js';
import type { AddedLatency } from './latency.js';
import type { MemoryResult } from './memory.js';
import type { BundleSize } from './element/size.js';
import type { ElementTiming } from './element/timing.js';
import type { SandboxStats } from '../sandbox/index.js';
import { kilobytes, megabytes, num, percent, signed, table } from './lib/table.js';

export interface Report {
  settings: {
    throughput: { rounds: number; slices: number; sliceMs: number; connections: number };
    latency: { pairs: number; slices: number; sliceMs: number; rate: number };
    memory: { rate: number; durationMs: number };
    micro: { iterations: number };
    element: { loads: number };
  };
  micro: MicroRow[];
  throughput: ThroughputRow[];
  latency: AddedLatency;
  memory: MemoryResult;
  /** An error when the element could not be built or timed. */
  sizes: BundleSize[] | Error;
  /** The baseline form's bundle: Lit and a plain form with the same fields. */
  baselineGzipBytes: number;
  timing: ElementTiming<'element' | 'baseline'> | Error;
  /** The sandbox's own counters at the end of the run. */
  upstream: SandboxStats;
  elapsedMs: number;
}

export interface Budget {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

/** The limits the partner was promised. */
export const BUDGETS = {
  throughputVersusBare: 0.75,
  throughputVersusNaive: 2.5,
  addedP99Ms: 2,
  memoryGrowth: 0.1,
  elementGzipBytes: 15 * 1024,
  usableMs: 50,
};

const row = (rows: ThroughputRow[], label: string) => rows.find((r) => r.label === label)!;

export function budgets(report: Report): Budget[] {
  const bff = row(report.throughput, 'our BFF');
  const bare = row(report.throughput, 'bare forwarder');
  const naive = row(report.throughput, 'naive BFF');
  const failures =
    report.throughput.reduce((sum, r) => sum + r.non2xx + r.errors, 0) +
    report.latency.non2xx +
    report.latency.errors +
    report.memory.load.non2xx +
    report.memory.load.errors;
  const growth = Math.max(report.memory.rssGrowth, report.memory.heapGrowth);
  return [
    {
      name: 'BFF throughput / bare forwarder',
      measured: `${num(ratio(bff, bare), 2)} ×`,
      limit: `≥ ${BUDGETS.throughputVersusBare} ×`,
      pass: ratio(bff, bare) >= BUDGETS.throughputVersusBare,
    },
    {
      name: 'BFF throughput / naive BFF',
      measured: `${num(ratio(bff, naive), 2)} ×`,
      limit: `≥ ${BUDGETS.throughputVersusNaive} ×`,
      pass: ratio(bff, naive) >= BUDGETS.throughputVersusNaive,
    },
    {
      name: `added p99 at ${report.settings.latency.rate} req/s`,
      measured: `${signed(report.latency.addedP99Ms)} ms`,
      limit: `≤ ${BUDGETS.addedP99Ms} ms`,
      pass: report.latency.addedP99Ms <= BUDGETS.addedP99Ms,
    },
    {
      name: 'non-2xx answers and errors under load',
      measured: num(failures),
      limit: '0',
      pass: failures === 0,
    },
    {
      name: 'updates the sandbox applied twice',
      measured: num(report.upstream.duplicateApplications),
      limit: '0',
      pass: report.upstream.duplicateApplications === 0,
    },
    {
      name: 'BFF memory growth after warm-up (RSS, heap)',
      measured: `${percent(report.memory.rssGrowth)}, ${percent(report.memory.heapGrowth)}`,
      limit: `≤ ${BUDGETS.memoryGrowth * 100} %`,
      pass: growth <= BUDGETS.memoryGrowth,
    },
    elementBudget(
      'self-contained element, gzip',
      report.sizes instanceof Error ? report.sizes : report.sizes[0]!.gzipBytes,
      (bytes) => kilobytes(bytes),
      `≤ ${kilobytes(BUDGETS.elementGzipBytes)}`,
      (bytes) => bytes <= BUDGETS.elementGzipBytes,
    ),
    elementBudget(
      'form usable, from the script starting to load',
      report.timing instanceof Error ? report.timing : report.timing.results.element.usableMs,
      (ms) => `${num(ms, 1)} ms`,
      `≤ ${BUDGETS.usableMs} ms`,
      (ms) => ms <= BUDGETS.usableMs,
    ),
  ];
}

function elementBudget(
  name: string,
  value: number | Error,
  show: (value: number) => string,
  limit: string,
  pass: (value: number) => boolean,
): Budget {
  return value instanceof Error
    ? { name, measured: 'not measured', limit, pass: false }
    : { name, measured: show(value), limit, pass: pass(value) };
}

function section(title: string, body: string): void {
  console.log(`\n## ${title}\n\n${body}`);
}

export function printReport(report: Report): void {
  const { settings } = report;
  const bare = row(report.throughput, 'bare forwarder');
  const naive = row(report.throughput, 'naive BFF');
  const bff = row(report.throughput, 'our BFF');

  const { throughput: t, latency: l } = settings;
  section(
    `Throughput: closed loop, ${t.connections} connections; ${t.rounds} rounds, each target ${t.slices} turns of ${t.sliceMs / 1000} s a round; medians over the rounds`,
    table(
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
      report.throughput.map((r) => [
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
    ) +
      `\n\nBFF / bare forwarder = ${num(ratio(bff, bare), 2)} ×, BFF / naive BFF = ${num(ratio(bff, naive), 2)} × (ratios within each round, median)` +
      `\nBFF process CPU per request: ${num(bff.cpuMicrosPerRequest)} µs against the bare forwarder's ${num(bare.cpuMicrosPerRequest)} µs` +
      ` (${num(bff.cpuMicrosPerRequest / bare.cpuMicrosPerRequest, 2)} ×, ${signed(bff.cpuMicrosPerRequest - bare.cpuMicrosPerRequest, 0)} µs)` +
      report.throughput
        .flatMap((r) => r.failures.map((failure) => `\n  ${r.label} failed: ${failure}`))
        .join(''),
  );

  const { latency } = report;
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

  section(
    `CPU per operation: ${num(settings.micro.iterations)} iterations after warm-up`,
    table(
      ['operation', 'µs/op', 'iterations'],
      report.micro.map((r) => [r.name, num(r.microsPerOp, 2), num(r.iterations)]),
    ),
  );

  const { memory } = report;
  section(
    `BFF memory: ${settings.memory.durationMs / 1000} s at ${settings.memory.rate} req/s, after warm-up, after a forced GC`,
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

  printElement(report);

  const { upstream } = report;
  section(
    'Upstream',
    `The sandbox received ${num(upstream.requests)} requests and applied ${num(upstream.applied)} updates` +
      ` (${num(upstream.appliedWithoutKey)} without an Idempotency-Key, ${num(upstream.duplicateApplications)} applied twice).`,
  );

  const results = budgets(report);
  section(
    'Budgets',
    table(
      ['budget', 'measured', 'limit', ''],
      results.map((b) => [b.name, b.measured, b.limit, b.pass ? 'PASS' : 'MISS']),
    ),
  );
  console.log(`\nThe run took ${num(report.elapsedMs / 1000, 0)} s.`);
}

function printElement(report: Report): void {
  const { sizes, timing, baselineGzipBytes } = report;
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
