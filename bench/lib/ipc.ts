/**
 * The messages between the orchestrator and its child processes (servers under test, load
 * generators, micro-benchmarks), and the child's side of them. A child announces its port once
 * it listens, answers `stats` with its own CPU time and memory, runs `job`s, and exits when the
 * orchestrator goes away so that nothing outlives a run.
 *
 * @example
 *   // in a child
 *   const server = http.createServer(handler).listen(0, '127.0.0.1', () =>
 *     announce((server.address() as AddressInfo).port));
 */

export interface ProcessStats {
  /** User plus system CPU time of the whole process since it started, µs. */
  cpuMicros: number;
  /** Resident set size, bytes. */
  rss: number;
  heapUsed: number;
}

export type ToChild =
  | { kind: 'stats'; id: number; collectGarbage?: boolean }
  | { kind: 'job'; id: number; job: unknown };

export type FromChild =
  | { kind: 'ready'; port: number }
  | { kind: 'stats'; id: number; stats: ProcessStats }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'failed'; id: number; message: string };

function send(message: FromChild): void {
  process.send?.(message);
}

export function processStats(collectGarbage = false): ProcessStats {
  // `gc` exists only when the child was started with --expose-gc.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (collectGarbage && gc) gc();
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return { cpuMicros: cpu.user + cpu.system, rss: memory.rss, heapUsed: memory.heapUsed };
}

type JobHandler = (job: unknown) => Promise<unknown>;
let jobHandler: JobHandler | undefined;

process.on('message', (message: ToChild) => {
  if (message.kind === 'stats') {
    send({ kind: 'stats', id: message.id, stats: processStats(message.collectGarbage) });
  } else if (message.kind === 'job') {
    const { id } = message;
    if (!jobHandler) {
      send({ kind: 'failed', id, message: 'this process runs no jobs' });
      return;
    }
    jobHandler(message.job).then(
      (result) => send({ kind: 'result', id, result }),
      (error: unknown) => send({ kind: 'failed', id, message: String(error) }),
    );
  }
});

// Nothing outlives the orchestrator. Exiting on SIGTERM, rather than dying of it, lets a
// `--cpu-prof` child write its profile.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

/** Tells the orchestrator that this child is listening (servers) or ready for jobs (port 0). */
export function announce(port = 0): void {
  send({ kind: 'ready', port });
}

/** Runs every job the orchestrator sends through `handler`, one answer per job. */
export function acceptJobs(handler: JobHandler): void {
  jobHandler = handler;
}

/** For children that only run jobs: accepts them and announces itself ready. */
export function serveJobs(handler: JobHandler): void {
  acceptJobs(handler);
  announce();
}
