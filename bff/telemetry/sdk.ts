/**
 * The OpenTelemetry SDK as `boca-bff` and `npm start` start it: traces through a batching processor and metrics
 * through a periodic reader, both over OTLP/HTTP in the protocol `otlp-env.ts` chose, to the
 * endpoints, headers and timeouts the standard variables give (the exporters read them). The
 * service is `boca-bff` unless `OTEL_SERVICE_NAME` or `OTEL_RESOURCE_ATTRIBUTES` say otherwise.
 *
 * Loaded only by `start.ts`'s dynamic import when an endpoint is set, so a BFF without one loads none of it.
 *
 * @example
 *   const telemetry = await startTelemetry(settings);
 *   // on shutdown, after the server has closed: sends what is still buffered
 *   await telemetry.shutdown();
 */
import { metrics, trace } from '@opentelemetry/api';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { OtlpProtocol, OtlpSettings } from './otlp-env.js';

export interface RunningTelemetry {
  /** Exports what is buffered, then stops; never rejects, and gives up after 5 s. */
  shutdown(): Promise<void>;
}

/** The exporters retry a collector that is down for longer than a shutdown should wait. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

async function traceExporter(protocol: OtlpProtocol) {
  const { OTLPTraceExporter } =
    protocol === 'http/json'
      ? await import('@opentelemetry/exporter-trace-otlp-http')
      : await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter();
}

async function metricExporter(protocol: OtlpProtocol) {
  const { OTLPMetricExporter } =
    protocol === 'http/json'
      ? await import('@opentelemetry/exporter-metrics-otlp-http')
      : await import('@opentelemetry/exporter-metrics-otlp-proto');
  return new OTLPMetricExporter();
}

export async function startTelemetry(settings: OtlpSettings): Promise<RunningTelemetry> {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'boca-bff' }))
    .merge(detectResources({ detectors: [envDetector] }));
  const stops: (() => Promise<void>)[] = [];

  if (settings.traces !== undefined) {
    const provider = new BasicTracerProvider({
      resource,
      spanProcessors: [new BatchSpanProcessor(await traceExporter(settings.traces))],
    });
    trace.setGlobalTracerProvider(provider);
    stops.push(() => provider.shutdown());
  }
  if (settings.metrics !== undefined) {
    const reader = new PeriodicExportingMetricReader({
      exporter: await metricExporter(settings.metrics),
      exportIntervalMillis: settings.metricIntervalMs,
      exportTimeoutMillis: Math.min(30_000, settings.metricIntervalMs),
    });
    const provider = new MeterProvider({ resource, readers: [reader] });
    metrics.setGlobalMeterProvider(provider);
    stops.push(() => provider.shutdown());
  }

  return {
    async shutdown() {
      // A collector that is down must not keep the process from exiting.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS);
      });
      await Promise.race([Promise.allSettled(stops.map((stop) => stop())), late]);
      clearTimeout(timer);
      trace.disable();
      metrics.disable();
    },
  };
}
