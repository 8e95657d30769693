/**
 * Runs examples/web-server.ts (bundled) in Deno or Bun, from `node_modules/.bin`, against a
 * sandbox on 127.0.0.1, and describes the shared scenarios against it.
 *
 * @example
 *   describeWebRuntime('Deno', (file) => [deno, ['serve', '--host', '127.0.0.1', '--port', '0', file]]);
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { serveSandbox, type RunningSandbox } from '../../../sandbox/index.js';
import { startCommand, type StartedCommand } from '../../package/support/consumer.js';
import { bundleExample } from './bundle.js';
import { runtimeEnv, runtimeScenarios, type RuntimeUnderTest } from './scenarios.js';

export const bin = (name: string) =>
  new URL(`../../../node_modules/.bin/${name}`, import.meta.url).pathname;

/** The command that serves `file` on 127.0.0.1 and a free port, printing its URL. */
export type Command = (file: string) => [string, string[]];

/** Starts the BFF in a runtime against a sandbox; `stop()` ends both. */
export async function startWebRuntime(
  command: Command,
  sandbox: RunningSandbox,
  env: Record<string, string> = {},
): Promise<{ server: StartedCommand; stop(): Promise<number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'boca-runtime-'));
  const file = await bundleExample('examples/web-server.ts', dir);
  const [program, args] = command(file);
  const server = await startCommand(program, args, {
    cwd: dir,
    env: {
      ...runtimeEnv(sandbox.url),
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      NO_COLOR: '1',
      DENO_NO_UPDATE_CHECK: '1',
      ...env,
    },
  });
  return {
    server,
    stop: async () => {
      const code = await server.stop();
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

export function describeWebRuntime(name: string, command: Command): void {
  describe(`the BFF in ${name} (examples/web-server.ts)`, { timeout: 120_000 }, () => {
    let sandbox: RunningSandbox;
    let running: Awaited<ReturnType<typeof startWebRuntime>> | undefined;
    let runtime: RuntimeUnderTest;

    before(async () => {
      sandbox = await serveSandbox({ port: 0, logger: () => {} });
      running = await startWebRuntime(command, sandbox);
      const send = (path: string, init?: RequestInit) =>
        fetch(`${running!.server.url}${path}`, init);
      runtime = {
        send,
        sendLarge: (bytes, headers) =>
          send('/api/profile', {
            method: 'PATCH',
            headers,
            body: JSON.stringify({ city: 'x'.repeat(bytes) }),
          }),
        sandbox,
      };
    });

    after(async () => {
      await running?.stop();
      await sandbox?.close();
    });

    runtimeScenarios(() => runtime);
  });
}
