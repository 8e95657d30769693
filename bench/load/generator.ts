/**
 * The load generator, a process of its own that runs one job at a time over undici's `Pool`:
 *
 * - `closed`: a fixed number of connections, each sending its next request as soon as the last
 *   answer is read; measures throughput.
 * - `open`: requests leave on a fixed schedule whatever the answers, so a slow answer cannot
 *   delay the next request and hide itself; measures latency at a fixed rate.
 *
 * Every answer is read to its end; non-2xx answers and transport errors are counted, never dropped.
 *
 * @example
 *   await generator.run({ mode: 'open', url, target, rate: 300, durationMs: 4000, warmupMs: 500 }, 10_000);
 */
import { performance } from 'node:perf_hooks';
import { Pool, type Dispatcher } from 'undici';
import { percentile } from '../lib/stats.js';
import { serveJobs } from '../lib/ipc.js';
import { requestFor, type Target } from './requests.js';

export interface ClosedJob {
  mode: 'closed';
  url: string;
  target: Target;
  connections: number;
  durationMs: number;
}

export interface OpenJob {
  mode: 'open';
  url: string;
  target: Target;
  /** Requests per second. */
  rate: number;
  durationMs: number;
  /** Answers to requests sent in this first stretch are not counted in the latencies. */
  warmupMs: number;
  /** Return every latency, for percentiles over several jobs. */
  keepLatencies?: boolean;
}

export interface LoadResult {
  /** Answers read (any status) plus transport errors. */
  completed: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** The first few non-2xx answers and errors, for the report. */
  failures: string[];
  elapsedMs: number;
  /** Requests per second, counting every completed request. */
  rate: number;
  p50Ms: number;
  p99Ms: number;
  /** Every counted latency, ms, when the job asked for them. */
  latencies?: number[];
  /** Open loop only: how late the generator sent its most delayed request, ms. */
  maxLagMs?: number;
}

const DRAIN_TIMEOUT_MS = 5_000;
const KEPT_FAILURES = 5;

class Tally {
  ok = 0;
  non2xx = 0;
  errors = 0;
  failures: string[] = [];
  latencies: number[] = [];

  async send(pool: Pool, options: Dispatcher.RequestOptions, counted: boolean): Promise<void> {
    const start = performance.now();
    try {
      const answer = await pool.request(options);
      if (answer.statusCode >= 200 && answer.statusCode < 300) {
        await answer.body.dump();
        this.ok++;
      } else {
        const text = await answer.body.text();
        this.non2xx++;
        this.keep(`${answer.statusCode} ${text.slice(0, 200)}`);
      }
    } catch (error) {
      this.errors++;
      this.keep(String(error));
    }
    if (counted) this.latencies.push(performance.now() - start);
  }

  keep(failure: string): void {
    if (this.failures.length < KEPT_FAILURES) this.failures.push(failure);
  }

  result(elapsedMs: number, extra: Partial<LoadResult> = {}): LoadResult {
    const completed = this.ok + this.non2xx + this.errors;
    return {
      completed,
      ok: this.ok,
      non2xx: this.non2xx,
      errors: this.errors,
      failures: [...this.failures],
      elapsedMs,
      rate: (completed / elapsedMs) * 1000,
      p50Ms: percentile(this.latencies, 0.5),
      p99Ms: percentile(this.latencies, 0.99),
      ...extra,
    };
  }
}

// Pools outlive jobs: the rounds of a benchmark are cut into short slices, and reconnecting
// every slice would measure connection set-up instead of requests.
const pools = new Map<string, Pool>();

function poolFor(url: string, connections: number | null): Pool {
  const key = `${url} ${connections}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new Pool(url, {
      connections,
      pipelining: 1,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    pools.set(key, pool);
  }
  return pool;
}

async function closedLoop(job: ClosedJob): Promise<LoadResult> {
  const pool = poolFor(job.url, job.connections);
  const next = requestFor(job.target);
  const tally = new Tally();
  const start = performance.now();
  const end = start + job.durationMs;
  const connection = async () => {
    while (performance.now() < end) await tally.send(pool, next(), true);
  };
  await Promise.all(Array.from({ length: job.connections }, connection));
  return tally.result(performance.now() - start);
}

async function openLoop(job: OpenJob): Promise<LoadResult> {
  // As many connections as requests in flight, so that no request waits behind another.
  const pool = poolFor(job.url, null);
  const next = requestFor(job.target);
  const tally = new Tally();
  const interval = 1000 / job.rate;
  const total = Math.round((job.durationMs / 1000) * job.rate);
  const warmup = Math.round((job.warmupMs / 1000) * job.rate);
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  let sent = 0;
  let maxLag = 0;

  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        maxLag = Math.max(maxLag, now - (start + sent * interval));
        const request = tally.send(pool, next(), sent >= warmup);
        inFlight.add(request);
        void request.then(() => inFlight.delete(request));
        sent++;
      }
      if (sent >= total) done();
      else setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
  });
  await Promise.race([
    Promise.all(inFlight),
    new Promise((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS)),
  ]);
  const elapsed = performance.now() - start;
  const unanswered = inFlight.size;
  if (unanswered > 0) {
    tally.errors += unanswered;
    tally.keep(`${unanswered} requests unanswered ${DRAIN_TIMEOUT_MS} ms after the last was sent`);
  }
  return tally.result(elapsed, {
    maxLagMs: maxLag,
    ...(job.keepLatencies ? { latencies: tally.latencies } : {}),
  });
}

serveJobs(async (job) => {
  const load = job as ClosedJob | OpenJob;
  return load.mode === 'closed' ? closedLoop(load) : openLoop(load);
});
