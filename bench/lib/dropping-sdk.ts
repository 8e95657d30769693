/**
 * The OpenTelemetry SDK set up as `boca-bff` sets it up (a batching span processor, a periodic
 * metric reader) with exporters that drop what they are given: what tracing costs
 * the BFF's process, short of serialising and sending.
 *
 * @example
 *   registerDroppingSdk(); // before the BFF takes its first request
 */
import { metrics, trace } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

const dropped = (done: (result: ExportResult) => void) => done({ code: ExportResultCode.SUCCESS });

/** A tracer provider and a meter provider that record everything and export nothing. */
export function droppingProviders() {
  const spans: SpanExporter = { export: (_, done) => dropped(done), shutdown: async () => {} };
  const reader = new PeriodicExportingMetricReader({
    exporter: {
      export: (_, done) => dropped(done),
      forceFlush: async () => {},
      shutdown: async () => {},
    },
    exportIntervalMillis: 5_000,
  });
  return {
    tracerProvider: new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(spans)] }),
    meterProvider: new MeterProvider({ readers: [reader] }),
  };
}

/** Everything registered with `@opentelemetry/api`, as `boca-bff`'s own set-up does. */
export function registerDroppingSdk(): void {
  const { tracerProvider, meterProvider } = droppingProviders();
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
}
