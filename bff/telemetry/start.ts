/**
 * Starts the OpenTelemetry SDK when the settings `otlp-env.ts` read ask for it, and only then
 * loads it: `boca-bff` and `npm start` both go through here, so that a process without an OTLP
 * endpoint loads none of the SDK.
 *
 * @example
 *   const otlp = otlpFromEnv(process.env);
 *   const telemetry = otlp.ok ? await startOtlp(otlp.settings) : undefined;
 *   // on shutdown, after the server has closed: sends what is still buffered
 *   await telemetry?.shutdown();
 */
import type { OtlpSettings } from './otlp-env.js';
import type { RunningTelemetry } from './sdk.js';

export async function startOtlp(
  settings: OtlpSettings | undefined,
): Promise<RunningTelemetry | undefined> {
  if (settings === undefined) return undefined;
  const { startTelemetry } = await import('./sdk.js');
  return startTelemetry(settings);
}
