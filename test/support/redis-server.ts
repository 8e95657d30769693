/**
 * A real `redis-server` for the tests: started on 127.0.0.1 on a free port, with nothing written
 * to disk (`--save '' --appendonly no`), and stopped by its PID. It can be killed mid-test (an
 * outage), frozen (a server that stops answering) and started again on the same port.
 *
 * `REDIS_SERVER` names the binary; by default `redis-server` from the PATH (Debian's package,
 * which `.ci/run` installs when it is missing).
 *
 * @example
 *   const redis = await startRedis();
 *   const store = createRedisStore({ url: redis.url });
 *   await redis.kill();    // an outage
 *   await redis.restart(); // back, same port, empty
 *   await redis.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface RunningRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Kills the server at once (SIGKILL): connections drop, nothing answers. */
  kill(): Promise<void>;
  /** Stops the server answering without closing its connections (SIGSTOP), or lets it go on. */
  freeze(): void;
  thaw(): void;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Stops it for good. */
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';
const READY = /Ready to accept connections/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function launch(port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`redis-server did not start:\n${output}`)),
      10_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? new Error(
              `${BINARY} was not found: install Redis (apt-get install redis-server) or set REDIS_SERVER`,
            )
          : error,
      ),
    );
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}):\n${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      if (!READY.test(output)) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.stderr!.resume();
      resolve(child);
    });
  });
}

function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid!, signal);
  });
}

export async function startRedis(): Promise<RunningRedis> {
  // The port is free when probed; should another process take it first, try another.
  let port = 0;
  let child: ChildProcess | undefined;
  for (let tries = 0; !child; tries++) {
    port = await freePort();
    try {
      child = await launch(port);
    } catch (error) {
      if (tries >= 2) throw error;
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => stopChild(child, 'SIGKILL'),
    freeze: () => process.kill(child!.pid!, 'SIGSTOP'),
    thaw: () => process.kill(child!.pid!, 'SIGCONT'),
    async restart() {
      await stopChild(child, 'SIGKILL');
      child = await launch(port);
    },
    async stop() {
      if (child?.signalCode === null && child.exitCode === null) {
        process.kill(child.pid!, 'SIGCONT');
      }
      await stopChild(child, 'SIGTERM');
    },
  };
}
