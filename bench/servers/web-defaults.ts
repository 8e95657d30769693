/**
 * The BFF on Node with the web-standard defaults (`createBff`: the global `fetch`, Web Crypto, the
 * web body reader), for comparing runtimes on one core. Configured by environment as
 * `bff/server.ts`; prints its URL.
 */
import { configFromEnv, createBff, serveApp } from '../../bff/index.js';

const result = configFromEnv(process.env);
if (!result.ok) throw new Error(result.problems.join('\n'));
const { port, host, ...options } = result.config;
const server = await serveApp(createBff(options), { port, hostname: host });
console.log(`listening on ${server.url}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
