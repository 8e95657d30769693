/**
 * Soak test: a fixed rate of profile saves (and some refused edits) through the real BFF (its own Node process,
 * started as `npm run bff` starts it) to the sandbox, for a long time, watching the BFF's memory.
 * Passes when the BFF's resident memory grew by less than 10 % between the end of the warm-up
 * and the end of the run, and every request was answered as it should be.
 *
 *   npm run soak                          10 minutes at 200 requests a second
 *   npm run soak -- --duration 30         30 seconds (or SOAK_DURATION_S=30)
 *   npm run soak -- --rate 100            another rate (or SOAK_RATE=100)
 *
 * The load is open-loop: requests leave on a fixed schedule whatever the answers, so a slow BFF
 * shows up as a backlog rather than as a quietly lower rate.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { seedUsers, serveSandbox } from '../sandbox/index.js';
import { mintEmbedToken } from '../bff/index.js';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    rate: { type: 'string' },
  },
});
const durationS = Number(flags.duration ?? process.env.SOAK_DURATION_S ?? 600);
const rate = Number(flags.rate ?? process.env.SOAK_RATE ?? 200);
if (!(durationS > 0) || !(rate > 0)) {
  console.error('soak: --duration and --rate must be positive numbers');
  process.exit(2);
}
// Long enough for the JIT and the heap to settle before the first reading.
const warmupS = Math.min(60, Math.max(10, durationS / 6));
const GROWTH_LIMIT_PERCENT = 10;

const root = new URL('..', import.meta.url).pathname;
const sessionSecret = 'soak-session-secret-0123456789abcdef-0123456789';
const origin = 'http://portal.soak.test';
const users = Array.from({ length: 50 }, (_, i) => `soak-user-${i}`);

/** A free loopback port for the BFF's own process. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resident memory of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kib / 1024;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function main() {
  const sandbox = await serveSandbox({
    port: 0,
    hostname: '127.0.0.1',
    // The default of 600 a minute is a partner's quota; the soak measures the BFF, not the quota.
    rateLimit: rate * 120,
    users: [
      ...seedUsers(),
      ...users.map((externalId) => ({ ...seedUsers()[0]!, externalId, userId: undefined })),
    ],
    logger: () => {},
  });

  const port = await freePort();
  const bff = spawn(process.execPath, ['--import', 'tsx', 'bff/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BOCA_API_BASE_URL: sandbox.url,
      BOCA_API_KEY: 'sandbox-api-key',
      BOCA_SIGNING_SECRET: 'sandbox-signing-secret',
      BOCA_SESSION_SECRET: sessionSecret,
      BOCA_ALLOWED_ORIGINS: origin,
      // Each of the 50 users saves several times a second, far past the per-user limit that
      // exists to stop exactly that: raised so the limit is checked (and its memory soaked) on
      // every request without refusing them.
      BOCA_USER_RATE_LIMIT: String(Math.ceil((rate * 60) / users.length) * 2),
    },
  });
  const bffUrl = `http://127.0.0.1:${port}`;
  const pool = new Pool(bffUrl, { connections: 32, pipelining: 1 });

  try {
    for (let i = 0; ; i++) {
      try {
        const answer = await pool.request({ method: 'GET', path: '/healthz' });
        await answer.body.dump();
        if (answer.statusCode === 200) break;
      } catch {
        // not listening yet
      }
      if (i > 100 || bff.exitCode !== null) throw new Error('the BFF did not start');
      await sleep(100);
    }

    const tokens = new Map<string, string>();
    const tokenFor = async (externalId: string) => {
      let token = tokens.get(externalId);
      if (!token) {
        token = await mintEmbedToken({ externalId, secret: sessionSecret, ttlSeconds: 3600 });
        tokens.set(externalId, token);
      }
      return token;
    };

    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    let sent = 0;
    let inFlight = 0;
    let networkErrors = 0;
    let unexpected = 0;

    // Mostly saves; one request in twenty is a bad edit, so the error path soaks too.
    const fire = async (n: number) => {
      const externalId = users[n % users.length]!;
      const bad = n % 20 === 0;
      const started = performance.now();
      inFlight++;
      try {
        const answer = await pool.request({
          method: 'PATCH',
          path: '/api/profile',
          headers: {
            authorization: `Bearer ${await tokenFor(externalId)}`,
            origin,
            'content-type': 'application/json',
          },
          body: JSON.stringify(bad ? { postalCode: 'nope' } : { city: `Soak City ${n % 97}` }),
        });
        await answer.body.dump();
        statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
        if (answer.statusCode !== (bad ? 400 : 200)) unexpected++;
      } catch {
        networkErrors++;
      } finally {
        inFlight--;
        latencies.push(performance.now() - started);
      }
    };

    const samples: { at: number; rss: number }[] = [];
    const started = performance.now();
    const endAt = started + durationS * 1000;
    let nextReport = started + 10_000;
    while (performance.now() < endAt) {
      // Open loop: catch up with the schedule, whatever the answers.
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      while (sent < due) void fire(sent++);
      const now = performance.now();
      if (samples.length === 0 || now - samples.at(-1)!.at >= 1000) {
        samples.push({ at: now, rss: rssMiB(bff.pid!) });
      }
      if (now >= nextReport) {
        const seconds = Math.round((now - started) / 1000);
        console.log(
          `${seconds}s: ${sent} sent, ${inFlight} in flight, BFF RSS ${samples.at(-1)!.rss.toFixed(1)} MiB`,
        );
        nextReport += 10_000;
      }
      await sleep(5);
    }
    while (inFlight > 0) await sleep(10);

    const afterWarmup = samples.filter((s) => s.at >= started + warmupS * 1000);
    const startRss = median(afterWarmup.slice(0, 5).map((s) => s.rss));
    const endRss = median(afterWarmup.slice(-5).map((s) => s.rss));
    const growth = ((endRss - startRss) / startRss) * 100;
    const sorted = latencies.sort((a, b) => a - b);

    console.log(`\nsoak: ${durationS}s at ${rate} req/s (warm-up ${warmupS}s), ${sent} requests`);
    console.log(
      `statuses: ${JSON.stringify(Object.fromEntries(statuses))}, network errors: ${networkErrors}`,
    );
    console.log(
      `latency: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
    );
    console.log(
      `BFF RSS after warm-up: ${startRss.toFixed(1)} MiB; at the end: ${endRss.toFixed(1)} MiB`,
    );
    console.log(`memory growth: ${growth.toFixed(2)} % (limit ${GROWTH_LIMIT_PERCENT} %)`);

    const passed = growth < GROWTH_LIMIT_PERCENT && unexpected === 0 && networkErrors === 0;
    console.log(passed ? 'soak: PASS' : 'soak: FAIL');
    process.exitCode = passed ? 0 : 1;
  } finally {
    await pool.close();
    bff.kill('SIGTERM');
    await sandbox.close();
  }
}

await main();
