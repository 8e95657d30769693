/**
 * Where the BFF's tracer and instruments come from: the providers given in the options, else the
 * ones registered with `@opentelemetry/api` (by the partner's own SDK set-up, or by `sdk.ts` in
 * `boca-bff`), looked up on every request so that an SDK registered after the BFF was built is
 * still used.
 *
 * With nothing registered both answers are `undefined`, found with a few property reads and no
 * allocation, and the callers skip their work entirely: no span, no attributes, no clock read.
 *
 * @example
 *   const telemetry = createTelemetry({});
 *   const tracer = telemetry.tracer(); // undefined unless an SDK is registered
 */
import {
  createNoopMeter,
  metrics,
  ProxyTracerProvider,
  trace,
  type Counter,
  type Histogram,
  type MeterProvider,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { METRIC, SCOPE } from './names.js';

export interface Instruments {
  saves: Counter;
  requestDuration: Histogram;
  upstreamAttempts: Counter;
  upstreamRetries: Counter;
  upstreamDuration: Histogram;
}

export interface Telemetry {
  /** The tracer, or `undefined` when no tracer provider is registered. */
  tracer(): Tracer | undefined;
  /** The instruments, or `undefined` when no meter provider is registered. */
  instruments(): Instruments | undefined;
}

export interface TelemetryOptions {
  tracerProvider?: TracerProvider | undefined;
  meterProvider?: MeterProvider | undefined;
}

// The API's own no-op provider and meter, recognised without registering anything.
const NOOP_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate();
const NoopMeter = createNoopMeter().constructor;

const SECONDS = { unit: 's' };

function createInstruments(provider: MeterProvider): Instruments | undefined {
  const meter = provider.getMeter(SCOPE);
  if (meter instanceof NoopMeter) return undefined;
  return {
    saves: meter.createCounter(METRIC.saves, { description: 'Profile saves, by outcome' }),
    requestDuration: meter.createHistogram(METRIC.requestDuration, {
      description: 'Time to answer a browser request',
      ...SECONDS,
    }),
    upstreamAttempts: meter.createCounter(METRIC.upstreamAttempts, {
      description: 'Requests sent to the Partner API, retries included',
    }),
    upstreamRetries: meter.createCounter(METRIC.upstreamRetries, {
      description: 'Requests sent to the Partner API again after a failed attempt',
    }),
    upstreamDuration: meter.createHistogram(METRIC.upstreamDuration, {
      description: 'Time the Partner API took to answer one attempt',
      ...SECONDS,
    }),
  };
}

export function createTelemetry({ tracerProvider, meterProvider }: TelemetryOptions): Telemetry {
  let tracerOf: TracerProvider | undefined;
  let tracer: Tracer | undefined;
  let instrumentsOf: MeterProvider | undefined;
  let instruments: Instruments | undefined;

  return {
    tracer() {
      let provider = tracerProvider ?? trace.getTracerProvider();
      // The API's global is a proxy whose delegate changes when an SDK registers.
      if (provider instanceof ProxyTracerProvider) provider = provider.getDelegate();
      if (provider !== tracerOf) {
        tracerOf = provider;
        tracer = provider === NOOP_TRACER_PROVIDER ? undefined : provider.getTracer(SCOPE);
      }
      return tracer;
    },
    instruments() {
      const provider = meterProvider ?? metrics.getMeterProvider();
      if (provider !== instrumentsOf) {
        instrumentsOf = provider;
        instruments = createInstruments(provider);
      }
      return instruments;
    },
  };
}
