/**
 * The BFF in Deno (from npm, `node_modules/.bin/deno`): examples/web-server.ts under
 * `deno serve`, allowed the network and the environment only, on 127.0.0.1.
 */
import { bin, describeWebRuntime } from './support/web-runtime.js';

describeWebRuntime('Deno', (file) => [
  bin('deno'),
  ['serve', '--allow-net', '--allow-env', '--host', '127.0.0.1', '--port', '0', file],
]);
