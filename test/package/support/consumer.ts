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
