/**
 * `npm run bench:stub`: the throughput table over the instant stub alone (the bare forwarder, the
 * Hono forwarder, the naive BFF and our BFF), the part of `npm run bench` to repeat when working
 * on the BFF's own CPU per request. About 40 seconds; the same settings as the full run.
 *
 *   npm run bench:stub
 *   BENCH_ROUNDS=5 npm run bench:stub   more rounds, for a steadier median
 *   BENCH_COMPARE=../other npm run bench:stub  adds the BFF of another checkout (a worktree of
 *                                       an earlier commit, say) as a row of the same run
 *   BENCH_PROFILE=1 npm run bench:stub  also writes CPU profiles of our BFF and of the Hono
 *                                       forwarder to bench-profile/bff and bench-profile/hono
 */
import { mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killChildren, startChild, type Child } from './lib/children.js';
import { EXTERNAL_ID, SESSION_SECRET } from './lib/fixtures.js';
import { mintEmbedToken, nodeHmacSha256 } from '../bff/index.js';
import type { Target } from './load/requests.js';
import { cpuRatio, measureThroughput, ratio } from './throughput.js';
import { num } from './lib/table.js';
import { printStubThroughput } from './report.js';

const TIME_LIMIT_MS = 180_000;
const PROFILE_DIR = 'bench-profile';
const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

const settings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  slices: 4,
  sliceMs: 500,
  warmupMs: 1_500,
  connections: 32,
};

const watchdog = setTimeout(() => {
  killChildren();
  console.error(`The benchmark overstayed its ${TIME_LIMIT_MS / 1000} s limit; stopped.`);
  process.exit(1);
}, TIME_LIMIT_MS);
process.on('exit', killChildren);

async function main(): Promise<void> {
  const profile = process.env.BENCH_PROFILE === '1';
  const profiled = (name: string) =>
    profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/${name}`] : [];
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const stub = await startChild('stub upstream', 'servers/stub.ts');
  const env = { UPSTREAM_URL: stub.url };
  const [bare, hono, naive, bff, generator] = await Promise.all([
    startChild('bare forwarder', 'servers/bare.ts', { env }),
    startChild('Hono forwarder', 'servers/hono-forwarder.ts', { env, nodeFlags: profiled('hono') }),
    startChild('naive BFF', 'servers/naive.ts', { env }),
    startChild('BFF', 'servers/bff.ts', { env, nodeFlags: profiled('bff') }),
    startChild('load generator', 'load/generator.ts'),
  ]);
  const compare = process.env.BENCH_COMPARE;
  // Where that checkout's BFF server is, as a path from this bench directory.
  const other =
    compare === undefined
      ? undefined
      : await startChild(
          'BFF to compare',
          relative(BENCH_DIR, resolve(compare, 'bench/servers/bff.ts')),
          {
            env,
          },
        );
  const token = await mintEmbedToken({
    secret: SESSION_SECRET,
    externalId: EXTERNAL_ID,
    ttlSeconds: 3_600,
    hmac: nodeHmacSha256,
  });
  const entry = (label: string, server: Child, kind: Target['kind']) => ({
    label,
    server,
    target: { kind, token },
  });
  const rows = await measureThroughput(
    generator,
    [
      entry('bare forwarder', bare, 'bare'),
      entry('Hono forwarder, checks nothing', hono, 'bare'),
      entry('naive BFF', naive, 'naive'),
      entry('our BFF', bff, 'bff'),
      ...(other ? [entry(`BFF of ${compare}`, other, 'bff')] : []),
    ],
    settings,
  );
  printStubThroughput(settings, rows);
  if (other) {
    const ours = rows.find((row) => row.label === 'our BFF')!;
    const theirs = rows.at(-1)!;
    console.log(
      `\nThis BFF / the BFF of ${compare}: ${num(cpuRatio(ours, theirs), 2)} × the CPU per request, ${num(ratio(ours, theirs), 2)} × the throughput`,
    );
  }
  if (profile) {
    // A profile is written when its process exits (on SIGTERM, see `ipc.ts`), not when killed.
    process.kill(bff.pid, 'SIGTERM');
    process.kill(hono.pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    console.error(`CPU profiles written to ${PROFILE_DIR}/bff and ${PROFILE_DIR}/hono`);
  }
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
