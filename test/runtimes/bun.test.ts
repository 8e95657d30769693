/**
 * The BFF in Bun (from npm, `node_modules/.bin/bun`): examples/web-server.ts, whose default
 * export Bun serves on its `hostname` and `port` (127.0.0.1, a free port).
 */
import { bin, describeWebRuntime } from './support/web-runtime.js';

describeWebRuntime('Bun', (file) => [bin('bun'), [file]]);
