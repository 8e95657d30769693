/**
 * `npm start`: the sales demo. Starts the sandbox and the demo portal (with the BFF under `/api`),
 * prints the URL, and stops both cleanly on Ctrl-C. Configured by environment: `PORT`,
 * `SANDBOX_PORT`, the `SANDBOX_*` and `BOCA_*` variables (see the README), and the `OTEL_*` ones
 * as `boca-bff` reads them: with an OTLP endpoint it exports traces and metrics, and sends what is
 * buffered once the demo has stopped; without one it loads no OpenTelemetry SDK at all.
 *
 * @example
 *   PORT=9000 SANDBOX_PORT=9001 npm start
 */
import { otlpFromEnv } from '../bff/telemetry/otlp-env.js';
import { startOtlp } from '../bff/telemetry/start.js';
import { startDemo } from './demo.js';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number (0 to 65535), not "${raw}".`);
    process.exit(1);
  }
  return value;
}

const ports = { port: port('PORT', 8787), sandboxPort: port('SANDBOX_PORT', 4010) };
const otlp = otlpFromEnv(process.env);
if (!otlp.ok) {
  console.error('The demo could not start; fix its configuration:');
  for (const problem of otlp.problems) console.error(`  ${problem}`);
  process.exit(1);
}
// Before the BFF is built, so that its first request is traced.
const telemetry = await startOtlp(otlp.settings);

try {
  const demo = await startDemo({
    ...ports,
    env: process.env,
    log: (line) => console.log(line),
  });
  console.log('');
  console.log(`  Maple Ledger Investing, a demo portal with <boca-user-profile>:`);
  console.log(`  ${demo.url}`);
  console.log('');
  console.log(
    demo.sandbox
      ? `  Partner API sandbox: ${demo.sandbox.url}`
      : `  Partner API: ${demo.upstreamUrl}`,
  );
  if (telemetry) console.log('  Exporting traces and metrics over OTLP/HTTP.');
  console.log('  Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the demo…`);
    await demo.close();
    // Last: the spans of the last requests go out too.
    await telemetry?.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : error}`);
  await telemetry?.shutdown();
  process.exit(1);
}
