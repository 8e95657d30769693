/**
 * `npm run bench`: every benchmark of the project in one bounded run, each figure beside its
 * baseline measured in the same run, then the budgets with PASS or MISS.
 *
 * Every server under test, the upstream and the load generator run in processes of their own on
 * 127.0.0.1 with ephemeral ports; all are killed by PID at the end, on failure, or when the run
 * overstays its time limit.
 *
 *   npm run bench               the full run (about 3.5 minutes; stopped past 5)
 *   BENCH_QUICK=1 npm run bench  short rounds, for checking the harness itself
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { killChildren, startChild, type Child } from './lib/children.js';
import { EXTERNAL_ID, SESSION_SECRET, UNLIMITED_RATE } from './lib/fixtures.js';
import { mintEmbedToken, nodeHmacSha256 } from '../bff/index.js';
import type { Target } from './load/requests.js';
import type { MicroRow } from './micro.js';
import { measureThroughput } from './throughput.js';
import { measureAddedLatency } from './latency.js';
import { FEATURE_ROWS, measureFeatures, printFeatures } from './features.js';
import { measureMemory } from './memory.js';
import { buildIfStale, measureBundles, selfContained } from './element/size.js';
import { buildBaseline } from './element/baseline.js';
import { timeScripts } from './element/timing.js';
import {
  printBudgets,
  printElement,
  printFailure,
  printLatency,
  printMemory,
  printMicro,
  printStubThroughput,
  printThroughput,
  printUpstream,
} from './report.js';
import { budgets, type Results } from './budgets.js';
import { num } from './lib/table.js';
import { startRedis, type RunningRedis } from '../test/support/redis-server.js';
import { commandsProcessed } from './lib/redis-commands.js';
import type { SandboxStats } from '../sandbox/index.js';

const QUICK = process.env.BENCH_QUICK === '1';
const TIME_LIMIT_MS = 300_000;

const settings = {
  micro: { iterations: QUICK ? 10_000 : 100_000 },
  throughput: {
    rounds: 3,
    slices: 4,
    sliceMs: QUICK ? 250 : 500,
    warmupMs: QUICK ? 500 : 1_500,
    connections: 32,
  },
  // Four BFF processes, limits and tracing off to both on: fewer turns than the throughput table,
  // the same warm-up (each process is fresh).
  features: {
    rounds: 3,
    slices: 2,
    sliceMs: QUICK ? 250 : 500,
    warmupMs: QUICK ? 500 : 1_500,
    connections: 32,
  },
  latency: { pairs: 3, slices: 6, sliceMs: QUICK ? 250 : 500, warmupMs: 500, rate: 300 },
  memory: { rate: 200, durationMs: QUICK ? 5_000 : 60_000 },
  element: { loads: QUICK ? 3 : 9 },
};

const started = performance.now();
const elapsed = () => performance.now() - started;

/** The real `redis-server` behind the BFF's Redis store, when one could be started. */
let redis: RunningRedis | Error | undefined;
/** Every child process and the Redis server, each by its own PID. */
const stopAll = () => {
  killChildren();
  if (redis && !(redis instanceof Error)) void redis.kill();
};

/** What has been measured so far, for the budgets even when the run is cut short. */
const measured: Partial<Results> = { latencyRate: settings.latency.rate };

const watchdog = setTimeout(() => {
  stopAll();
  const outOfTime = new Error('the run ran out of time');
  printBudgets(
    budgets({
      throughput: outOfTime,
      stubThroughput: outOfTime,
      latency: outOfTime,
      memory: outOfTime,
      upstream: outOfTime,
      sizes: outOfTime,
      timing: outOfTime,
      latencyRate: settings.latency.rate,
      ...measured,
    }),
    elapsed(),
  );
  console.error(`The benchmark overstayed its ${TIME_LIMIT_MS / 1000} s limit; stopped.`);
  process.exit(1);
}, TIME_LIMIT_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}
process.on('exit', stopAll);

/** Progress goes to stderr, so that stdout is the report alone. */
const progress = (step: string) => console.error(`[${num(elapsed() / 1000, 0)} s] ${step}`);
const failed = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

async function main(): Promise<void> {
  // Before anything is measured: a build shares the machine with nothing of ours.
  progress('building the element, unless dist/ is up to date');
  const built = await buildIfStale().catch(failed);
  const sizes = built instanceof Error ? built : measureBundles();
  measured.sizes = sizes;
  const baseline = await buildBaseline().catch(failed);

  progress('starting the upstreams, the servers under test and the load generator');
  const [upstream, stub, redisServer] = await Promise.all([
    startChild('upstream', 'servers/upstream.ts', {
      env: { SANDBOX_RATE_LIMIT: String(UNLIMITED_RATE) },
    }),
    startChild('stub upstream', 'servers/stub.ts'),
    // Optional: without a redis-server on the PATH the Redis row is left out, with the reason.
    startRedis()
      .then((server) => (redis = server))
      .catch(failed),
  ]);
  const env = { UPSTREAM_URL: upstream.url };
  const stubEnv = { UPSTREAM_URL: stub.url };
  const [bare, hono, naive, bff, limitsOff, limitsOn, traced, redisBff, generator, micro] =
    await Promise.all([
      startChild('bare forwarder', 'servers/bare.ts', { env }),
      startChild('Hono forwarder', 'servers/hono-forwarder.ts', { env }),
      startChild('naive BFF', 'servers/naive.ts', { env }),
      startChild('BFF', 'servers/bff.ts', { env, nodeFlags: ['--expose-gc'] }),
      // The features' rows, each a fresh process of its own, warmed up alike: the one above has
      // run the throughput table by then, and a process's JIT keeps getting faster for seconds.
      startChild('BFF, limits off', 'servers/bff.ts', { env: { ...env, BENCH_LIMITS: 'off' } }),
      startChild('BFF, limits on', 'servers/bff.ts', { env }),
      startChild('BFF, tracing on', 'servers/bff.ts', { env: { ...env, BENCH_TRACING: '1' } }),
      redisServer instanceof Error
        ? Promise.resolve(redisServer)
        : startChild('BFF, Redis store', 'servers/bff.ts', {
            env: { ...env, BFF_OPTIONS: JSON.stringify({ redisUrl: redisServer.url }) },
          }).catch(failed),
      startChild('load generator', 'load/generator.ts'),
      startChild('micro-benchmarks', 'micro.ts'),
    ]);
  // The same four servers again, in processes of their own, in front of the instant stub.
  const [stubBare, stubHono, stubNaive, stubBff] = await Promise.all([
    startChild('bare forwarder (stub)', 'servers/bare.ts', { env: stubEnv }),
    startChild('Hono forwarder (stub)', 'servers/hono-forwarder.ts', { env: stubEnv }),
    startChild('naive BFF (stub)', 'servers/naive.ts', { env: stubEnv }),
    startChild('BFF (stub)', 'servers/bff.ts', { env: stubEnv }),
  ]);
  // A real embed token, as the partner's server would mint it for the seeded user.
  const token = await mintEmbedToken({
    secret: SESSION_SECRET,
    externalId: EXTERNAL_ID,
    ttlSeconds: 3_600,
    hmac: nodeHmacSha256,
  });
  const target = (kind: Target['kind']): Target => ({ kind, token });
  const entry = (label: string, server: Child, kind: Target['kind']) => ({
    label,
    server,
    target: target(kind),
  });

  progress('micro-benchmarks');
  const microRows = await micro.run<MicroRow[]>(settings.micro, 60_000).catch(failed);
  if (microRows instanceof Error) printFailure('CPU per operation', microRows);
  else printMicro(settings.micro.iterations, microRows);

  progress('throughput');
  const throughput = await measureThroughput(
    generator,
    [
      entry('upstream, called directly', upstream, 'direct'),
      entry('bare forwarder', bare, 'bare'),
      entry('Hono forwarder, checks nothing', hono, 'bare'),
      entry('naive BFF', naive, 'naive'),
      entry('our BFF', bff, 'bff'),
    ],
    settings.throughput,
  ).catch(failed);
  measured.throughput = throughput;
  if (throughput instanceof Error) printFailure('Throughput', throughput);
  else printThroughput(settings.throughput, throughput);

  progress('the BFF with its features on beside off');
  const features = await measureFeatures(
    generator,
    entry(FEATURE_ROWS.off, limitsOff, 'bff'),
    [
      entry(FEATURE_ROWS.limits, limitsOn, 'bff'),
      ...(redisBff instanceof Error ? [] : [entry(FEATURE_ROWS.redis, redisBff, 'bff')]),
      entry(FEATURE_ROWS.traced, traced, 'bff'),
    ],
    settings.features,
  ).catch(failed);
  const redisCommands =
    redis && !(redis instanceof Error) ? await commandsProcessed(redis.url).catch(failed) : NaN;
  if (features instanceof Error) printFailure('The BFF with its features on', features);
  else
    printFeatures(settings.features, features, microRows, {
      commands: redisCommands,
      ...(redisBff instanceof Error ? { missing: redisBff } : {}),
    });

  // The later sections time one BFF against the bare forwarder: the processes that only served
  // this section leave the two cores to them (idle, they still collect garbage and keep timers).
  await Promise.all(
    [limitsOff, limitsOn, traced, redisBff].map((child) =>
      child instanceof Error ? undefined : child.stop(),
    ),
  );
  if (redis && !(redis instanceof Error)) await redis.kill();

  progress('throughput over the instant stub');
  const stubThroughput = await measureThroughput(
    generator,
    [
      entry('bare forwarder', stubBare, 'bare'),
      entry('Hono forwarder, checks nothing', stubHono, 'bare'),
      entry('naive BFF', stubNaive, 'naive'),
      entry('our BFF', stubBff, 'bff'),
    ],
    settings.throughput,
  ).catch(failed);
  measured.stubThroughput = stubThroughput;
  if (stubThroughput instanceof Error) printFailure('Throughput over the stub', stubThroughput);
  else printStubThroughput(settings.throughput, stubThroughput);

  await Promise.all([stub, stubBare, stubHono, stubNaive, stubBff].map((child) => child.stop()));

  progress('added latency');
  const latency = await measureAddedLatency(
    generator,
    { server: bare, target: target('bare') },
    { server: bff, target: target('bff') },
    settings.latency,
  ).catch(failed);
  measured.latency = latency;
  if (latency instanceof Error) printFailure('Added latency', latency);
  else printLatency(settings.latency, latency);

  progress(`memory over ${settings.memory.durationMs / 1000} s`);
  const memory = await measureMemory(
    generator,
    { server: bff, target: target('bff') },
    settings.memory,
  ).catch(failed);
  measured.memory = memory;
  if (memory instanceof Error) printFailure('BFF memory', memory);
  else printMemory(settings.memory, memory);

  progress('timing the element in Chromium');
  const timing =
    sizes instanceof Error || baseline instanceof Error
      ? failed(sizes instanceof Error ? sizes : baseline)
      : await timeScripts({ element: selfContained(), baseline }, settings.element).catch(failed);
  measured.timing = timing;
  printElement(
    sizes,
    baseline instanceof Error ? NaN : gzipSync(baseline, { level: 9 }).length,
    timing,
  );

  const upstreamStats = await upstream.run<SandboxStats>({}, 10_000).catch(failed);
  measured.upstream = upstreamStats;
  if (upstreamStats instanceof Error) printFailure('Upstream', upstreamStats);
  else printUpstream(upstreamStats);

  const results = budgets({
    throughput,
    stubThroughput,
    latency,
    latencyRate: settings.latency.rate,
    memory,
    upstream: upstreamStats,
    sizes,
    timing,
  });
  printBudgets(results, elapsed());
  // A missed budget is a finding, printed above; a part that could not be measured is a failure.
  const parts = [
    microRows,
    throughput,
    stubThroughput,
    features,
    latency,
    memory,
    sizes,
    timing,
    upstreamStats,
  ];
  if (parts.some((part) => part instanceof Error)) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => {
    clearTimeout(watchdog);
    stopAll();
  });
