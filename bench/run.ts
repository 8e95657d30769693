/**
 * `npm run bench`: every benchmark of the project in one bounded run, each figure beside its
 * baseline measured in the same run, then the budgets with PASS or MISS.
 *
 * Every server under test, the upstream and the load generator run in processes of their own on
 * 127.0.0.1 with ephemeral ports; all are killed by PID at the end, on failure, or when the run
 * overstays its time limit.
 *
 *   npm run bench               the full run (about 2.5 minutes)
 *   BENCH_QUICK=1 npm run bench  short rounds, for checking the harness itself
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { killChildren, startChild, type Child } from './lib/children.js';
import { UNLIMITED_RATE } from './lib/fixtures.js';
import type { Target } from './load/requests.js';
import type { MicroRow } from './micro.js';
import { measureThroughput } from './throughput.js';
import { measureAddedLatency } from './latency.js';
import { measureMemory } from './memory.js';
import { buildAndMeasure, selfContained } from './element/size.js';
import { buildBaseline } from './element/baseline.js';
import { timeScripts } from './element/timing.js';
import { printReport } from './report.js';
import type { SandboxStats } from '../sandbox/index.js';

const QUICK = process.env.BENCH_QUICK === '1';
const TIME_LIMIT_MS = 175_000;

const settings = {
  micro: { iterations: QUICK ? 10_000 : 100_000 },
  throughput: {
    rounds: 3,
    slices: 4,
    sliceMs: QUICK ? 250 : 625,
    warmupMs: QUICK ? 500 : 1_000,
    connections: 32,
  },
  latency: { pairs: 3, slices: 3, sliceMs: QUICK ? 500 : 1_200, warmupMs: 500, rate: 300 },
  memory: { rate: 300, durationMs: QUICK ? 5_000 : 60_000 },
  element: { loads: QUICK ? 3 : 7 },
};

const watchdog = setTimeout(() => {
  console.error(`The benchmark overstayed its ${TIME_LIMIT_MS / 1000} s limit; stopping.`);
  killChildren();
  process.exit(1);
}, TIME_LIMIT_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}
process.on('exit', killChildren);

async function main(): Promise<void> {
  const started = performance.now();
  const upstream = await startChild('upstream', 'servers/upstream.ts', {
    env: { SANDBOX_RATE_LIMIT: String(UNLIMITED_RATE) },
  });
  const env = { UPSTREAM_URL: upstream.url };
  const [bare, naive, bff, generator, micro] = await Promise.all([
    startChild('bare forwarder', 'servers/bare.ts', { env }),
    startChild('naive BFF', 'servers/naive.ts', { env }),
    startChild('BFF', 'servers/bff.ts', { env, nodeFlags: ['--expose-gc'] }),
    startChild('load generator', 'load/generator.ts'),
    startChild('micro-benchmarks', 'micro.ts'),
  ]);
  const token = 'not-yet-a-token';
  const target = (kind: Target['kind']): Target => ({ kind, token });
  const entry = (label: string, server: Child, kind: Target['kind']) => ({
    label,
    server,
    target: target(kind),
  });

  const microRows = await micro.run<MicroRow[]>(settings.micro, 120_000);
  const throughput = await measureThroughput(
    generator,
    [
      entry('upstream, called directly', upstream, 'direct'),
      entry('bare forwarder', bare, 'bare'),
      entry('naive BFF', naive, 'naive'),
      entry('our BFF', bff, 'bff'),
    ],
    settings.throughput,
  );
  const latency = await measureAddedLatency(
    generator,
    { server: bare, target: target('bare') },
    { server: bff, target: target('bff') },
    settings.latency,
  );
  // The builds only weigh the element and its baseline, so they may share the machine with the
  // memory run, whose figures do not depend on speed; the timing waits for a quiet machine.
  const [memory, sizes, baseline] = await Promise.all([
    measureMemory(generator, { server: bff, target: target('bff') }, settings.memory),
    buildAndMeasure().catch((error: Error) => error),
    buildBaseline().catch((error: Error) => error),
  ]);
  const timing =
    sizes instanceof Error || baseline instanceof Error
      ? new Error('not built')
      : await timeScripts({ element: selfContained(), baseline }, settings.element).catch(
          (error: Error) => error,
        );
  const upstreamStats = await upstream.run<SandboxStats>({}, 10_000);
  printReport({
    settings,
    micro: microRows,
    throughput,
    latency,
    memory,
    sizes,
    baselineGzipBytes: baseline instanceof Error ? NaN : gzipSync(baseline, { level: 9 }).length,
    timing,
    upstream: upstreamStats,
    elapsedMs: performance.now() - started,
  });
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => {
    clearTimeout(watchdog);
    killChildren();
  });
