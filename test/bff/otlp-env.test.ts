import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { otlpFromEnv } from '../../bff/telemetry/otlp-env.js';

const ENDPOINT = 'http://127.0.0.1:4318';

describe('the OTLP settings from the environment', () => {
  it('export nothing when no endpoint is set', () => {
    assert.deepEqual(otlpFromEnv({}), { ok: true, settings: undefined });
    assert.deepEqual(otlpFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }), {
      ok: true,
      settings: undefined,
    });
  });

  it('export traces and metrics over http/protobuf by default when the endpoint is set', () => {
    assert.deepEqual(otlpFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT }), {
      ok: true,
      settings: { traces: 'http/protobuf', metrics: 'http/protobuf', metricIntervalMs: 60_000 },
    });
  });

  it('export only the signal whose own endpoint is set', () => {
    assert.deepEqual(otlpFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: ENDPOINT }), {
      ok: true,
      settings: { traces: 'http/protobuf', metrics: undefined, metricIntervalMs: 60_000 },
    });
    const metricsOnly = otlpFromEnv({ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: ENDPOINT });
    assert.ok(metricsOnly.ok);
    assert.equal(metricsOnly.settings?.traces, undefined);
    assert.equal(metricsOnly.settings?.metrics, 'http/protobuf');
  });

  it('take http/json, for all or for one signal', () => {
    const json = otlpFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
      OTEL_METRIC_EXPORT_INTERVAL: '5000',
    });
    assert.deepEqual(json, {
      ok: true,
      settings: { traces: 'http/json', metrics: 'http/protobuf', metricIntervalMs: 5_000 },
    });
  });

  it('refuse a protocol they cannot speak, or a bad interval, naming the variable', () => {
    assert.deepEqual(
      otlpFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc',
        OTEL_METRIC_EXPORT_INTERVAL: 'soon',
      }),
      {
        ok: false,
        problems: [
          'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http/protobuf or http/json (grpc is not supported here)',
          'OTEL_METRIC_EXPORT_INTERVAL must be a whole number of milliseconds',
        ],
      },
    );
  });

  it('turn off with OTEL_SDK_DISABLED, or one signal with its exporter set to none', () => {
    assert.deepEqual(
      otlpFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT, OTEL_SDK_DISABLED: 'true' }),
      { ok: true, settings: undefined },
    );
    const noTraces = otlpFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: ENDPOINT,
      OTEL_TRACES_EXPORTER: 'none',
    });
    assert.ok(noTraces.ok);
    assert.equal(noTraces.settings?.traces, undefined);
    assert.equal(noTraces.settings?.metrics, 'http/protobuf');
  });
});
