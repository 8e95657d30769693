/**
 * What the pack test needs: run a command and collect its output, with a deadline, and make a
 * throw-away consumer project that installs the packed tarball the way a partner would.
 *
 * @example
 *   const { stdout } = await run('npm', ['pack', '--json'], { cwd: root });
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const root = new URL('../../../', import.meta.url).pathname;

/** Runs a command to its end (or kills it after `timeoutMs`), never through a shell. */
export function run(
  command: string,
  args: string[],
  { cwd = root, timeoutMs = 120_000, env = {} as Record<string, string> } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Fails with the command's own output, so a broken build or install explains itself. */
export function ok(result: RunResult, what: string): RunResult {
  if (result.code !== 0) {
    throw new Error(`${what} failed (exit ${result.code}):\n${result.stderr || result.stdout}`);
  }
  return result;
}

/** `name@version` of a package as installed in this repository, so npm finds it in its cache. */
export function installed(name: string): string {
  const { version } = JSON.parse(
    readFileSync(`${root}node_modules/${name}/package.json`, 'utf8'),
  ) as { version: string };
  return `${name}@${version}`;
}

export interface StartedCommand {
  /** The URL the command printed (`… listening on http://127.0.0.1:N …`). */
  url: string;
  /** Sends SIGTERM and resolves the exit code (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number>;
}

/**
 * Starts a long-running server command (`boca-bff`, `deno serve`, `bun`) and resolves once it
 * prints the URL it listens on; rejects with its output when it exits or stays silent first.
 */
export function startCommand(
  command: string,
  args: string[],
  { cwd = root, env = {} as Record<string, string>, timeoutMs = 30_000 } = {},
): Promise<StartedCommand> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number>((done) => {
      child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} printed no URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const stop = async (graceMs = 10_000) => {
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      const code = await exited;
      clearTimeout(force);
      return code;
    };
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      // Node's and Deno's "Listening on http://…", Bun's "Started server: http://…".
      const url = /(?:listening on|started server:)\s*(?:https?:\/\/)?([\w.[\]:]+:\d+)/i.exec(
        output,
      )?.[1];
      if (url) {
        clearTimeout(timer);
        child.stdout.off('data', onOutput);
        child.stderr.off('data', onOutput);
        child.stdout.resume();
        child.stderr.resume();
        resolve({ url: `http://${url}`, stop });
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.on('error', reject);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before listening:\n${output}`));
    });
  });
}
