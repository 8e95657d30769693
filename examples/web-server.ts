/**
 * The BFF on Deno or Bun: the very handler of `examples/worker.ts`, its configuration read from
 * the process's environment (the same `BOCA_*` variables). Both runtimes serve a module whose
 * default export has `fetch(request)`:
 *
 *   deno serve --allow-net --allow-env --host 127.0.0.1 --port 8787 web-server.ts
 *   PORT=8787 bun web-server.ts
 *
 * Bun reads `hostname` and `port` from the export; `deno serve` takes `--host` and `--port` (and
 * listens on every address without `--host`).
 *
 * In your server, import from the package instead of this repository:
 *   import { configFromEnv, createBff } from 'boca-user-profile/bff/web';
 */
import { createWorker, type Env } from './worker.js';

const env: Env = process.env;
const worker = createWorker();

export default {
  hostname: env.HOST ?? '127.0.0.1',
  port: Number(env.PORT ?? 8787),
  fetch: (request: Request) => worker.fetch(request, env),
};
