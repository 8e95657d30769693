/**
 * The orchestrator's side of its child processes: each benchmark part runs in a Node process of
 * its own (TypeScript through tsx), talks over IPC (`ipc.ts`), and is killed by its PID when the
 * run ends, fails or runs out of time.
 *
 * @example
 *   const bare = await startChild('bare', 'servers/bare.ts', { env: { UPSTREAM_URL: url } });
 *   const before = await bare.stats();
 *   killChildren();
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromChild, ProcessStats, ToChild } from './ipc.js';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const STARTUP_TIMEOUT_MS = 20_000;
const STDERR_KEPT = 4_000;

export interface Child {
  name: string;
  pid: number;
  /** The port it listens on; 0 for children that only run jobs. */
  port: number;
  url: string;
  stats(collectGarbage?: boolean): Promise<ProcessStats>;
  run<Result>(job: unknown, timeoutMs: number): Promise<Result>;
  /** Ends it by its PID once its sections are over, so that it no longer shares the cores. */
  stop(): Promise<void>;
}

export interface ChildOptions {
  env?: Record<string, string>;
  /** Extra Node flags, e.g. `--expose-gc`. */
  nodeFlags?: string[];
}

const running = new Set<ChildProcess>();

export async function startChild(
  name: string,
  file: string,
  options: ChildOptions = {},
): Promise<Child> {
  const child = fork(`${BENCH_DIR}${file}`, [], {
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    env: { ...process.env, ...options.env },
    // What a server logs goes nowhere, as a partner's fast log sink would; stderr is kept for errors.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
  });

  const pending = new Map<number, (message: FromChild) => void>();
  let nextId = 1;
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    running.delete(child);
    exited = `${name} exited (${signal ?? code})${stderr ? `:\n${stderr}` : ''}`;
    for (const answer of pending.values()) answer({ kind: 'failed', id: 0, message: exited });
    pending.clear();
  });
  child.on('message', (message: FromChild) => {
    if (message.kind === 'ready') return;
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });

  function ask(message: ToChild, timeoutMs: number): Promise<FromChild> {
    if (exited) return Promise.reject(new Error(exited));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(message.id);
        reject(new Error(`${name} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(message.id, (answer) => {
        clearTimeout(timer);
        if (answer.kind === 'failed') reject(new Error(`${name}: ${answer.message}`));
        else resolve(answer);
      });
      child.send(message);
    });
  }

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${STARTUP_TIMEOUT_MS} ms\n${stderr}`)),
      STARTUP_TIMEOUT_MS,
    );
    child.on('message', (message: FromChild) => {
      if (message.kind !== 'ready') return;
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(exited));
    });
  });

  return {
    name,
    pid: child.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    async stats(collectGarbage = false) {
      const answer = await ask({ kind: 'stats', id: nextId++, collectGarbage }, 10_000);
      if (answer.kind !== 'stats') throw new Error(`${name} answered ${answer.kind} to stats`);
      return answer.stats;
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        process.kill(child.pid!, 'SIGKILL');
      } catch {
        return; // It has just exited on its own.
      }
      await gone;
    },
    async run<Result>(job: unknown, timeoutMs: number) {
      const answer = await ask({ kind: 'job', id: nextId++, job }, timeoutMs);
      if (answer.kind !== 'result') throw new Error(`${name} answered ${answer.kind} to a job`);
      return answer.result as Result;
    },
  };
}

/** Kills every child still running, each by its own PID. */
export function killChildren(): void {
  for (const child of running) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // It has just exited on its own.
      }
    }
  }
  running.clear();
}
