/**
 * Whether `boca-bff` (and `npm run bff`, and `npm start`) export telemetry, read from the standard OpenTelemetry
 * variables, without loading any of the SDK: with no OTLP endpoint set, nothing is loaded at all.
 *
 * - Traces go out when `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is
 *   set; metrics when `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT` is.
 * - `OTEL_EXPORTER_OTLP_PROTOCOL` (or its `_TRACES_` / `_METRICS_` form): `http/protobuf`, the
 *   default, or `http/json`. gRPC is refused by name rather than ignored.
 * - `OTEL_SDK_DISABLED=true` turns both off, as does `OTEL_TRACES_EXPORTER=none` /
 *   `OTEL_METRICS_EXPORTER=none` for one.
 *
 * @example
 *   const otlp = otlpFromEnv(process.env);
 *   if (otlp.ok) telemetry = await startOtlp(otlp.settings); // start.ts: loads the SDK only if set
 */

export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface OtlpSettings {
  /** The protocol for traces, or `undefined` when no traces are exported. */
  traces: OtlpProtocol | undefined;
  /** The protocol for metrics, or `undefined` when no metrics are exported. */
  metrics: OtlpProtocol | undefined;
  /** `OTEL_METRIC_EXPORT_INTERVAL`, 60000 ms by default. */
  metricIntervalMs: number;
}

export type OtlpResult =
  { ok: true; settings: OtlpSettings | undefined } | { ok: false; problems: string[] };

type Env = Readonly<Record<string, string | undefined>>;

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json'];

export function otlpFromEnv(env: Env): OtlpResult {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const off = (name: string) => (env[name] ?? '').trim().toLowerCase() === 'none';
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') {
    return { ok: true, settings: undefined };
  }
  const problems: string[] = [];

  function protocol(signal: 'TRACES' | 'METRICS'): OtlpProtocol {
    const name = set(`OTEL_EXPORTER_OTLP_${signal}_PROTOCOL`)
      ? `OTEL_EXPORTER_OTLP_${signal}_PROTOCOL`
      : 'OTEL_EXPORTER_OTLP_PROTOCOL';
    const value = (env[name] ?? '').trim() || 'http/protobuf';
    if (!PROTOCOLS.includes(value)) {
      problems.push(`${name} must be http/protobuf or http/json (grpc is not supported here)`);
    }
    return value as OtlpProtocol;
  }

  const anyEndpoint = set('OTEL_EXPORTER_OTLP_ENDPOINT');
  const traces =
    (anyEndpoint || set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')) && !off('OTEL_TRACES_EXPORTER')
      ? protocol('TRACES')
      : undefined;
  const metrics =
    (anyEndpoint || set('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT')) && !off('OTEL_METRICS_EXPORTER')
      ? protocol('METRICS')
      : undefined;

  const interval = (env.OTEL_METRIC_EXPORT_INTERVAL ?? '').trim();
  const metricIntervalMs = interval === '' ? 60_000 : Number(interval);
  if (!Number.isInteger(metricIntervalMs) || metricIntervalMs < 1) {
    problems.push('OTEL_METRIC_EXPORT_INTERVAL must be a whole number of milliseconds');
  }

  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  if (traces === undefined && metrics === undefined) return { ok: true, settings: undefined };
  return { ok: true, settings: { traces, metrics, metricIntervalMs } };
}
