/**
 * `bff/server.ts` in a child process, as `npm run bff` runs it, with an environment of the
 * test's choosing: nothing of this machine's `BOCA_*`, `OTEL_*`, `PORT` or `HOST` leaks in. The
 * child is killed after 20 s whatever happens.
 *
 * @example
 *   const server = startServer(cleanEnv({ PORT: '0', ... }));
 *   const url = await server.url();
 *   server.child.kill('SIGTERM');
 *   await server.exited; // 0
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The environment without any BOCA_* or OTEL_* variable, PORT or HOST. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const ours = key.startsWith('BOCA_') || key.startsWith('OTEL_');
    if (!ours && key !== 'PORT' && key !== 'HOST') env[key] = value;
  }
  return { ...env, ...extra };
}

export function startServer(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bff/server.ts'], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  exited.finally(() => clearTimeout(killer));

  /** The URL the server prints once it listens; rejects if it never does. */
  async function url(): Promise<string> {
    // Up to 18 s: a busy machine starts tsx slowly, and the child is killed at 20 s anyway.
    for (let i = 0; i < 360; i++) {
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (found) return found;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no URL printed: ${stdout}${stderr}`);
  }

  return { child, exited, url, out: () => stdout, err: () => stderr };
}
