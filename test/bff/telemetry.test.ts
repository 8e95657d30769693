import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { MeterProvider, MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';
import { AsyncLocalContextManager } from './async-context.js';
import { createTelemetry } from '../../bff/telemetry/telemetry.js';
import { traceTransport } from '../../bff/telemetry/transport.js';
import { errorBody } from './fake-partner-api.js';
import { API_KEY, makeBff, SESSION_SECRET, SIGNING_SECRET } from './harness.js';

/** Metrics on demand, as a periodic exporter would collect them. */
class TestReader extends MetricReader {
  protected override async onForceFlush() {}
  protected override async onShutdown() {}
}

function traced(sampler?: AlwaysOffSampler) {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    ...(sampler ? { sampler } : {}),
  });
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const spans = () => exporter.getFinishedSpans();
  const server = () => spans().filter((s) => s.kind === SpanKind.SERVER);
  const client = () => spans().filter((s) => s.kind === SpanKind.CLIENT);
  /** Each metric's data points, by metric name. */
  async function collected() {
    const { resourceMetrics } = await reader.collect();
    const points = new Map<string, DataPoint<unknown>[]>();
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        points.set(metric.descriptor.name, metric.dataPoints as DataPoint<unknown>[]);
      }
    }
    return points;
  }
  return { tracerProvider, meterProvider, spans, server, client, collected };
}

const unavailable = { status: 503, body: errorBody('internal_error', 'Try again') };
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('telemetry', () => {
  describe('when a save succeeds', () => {
    it('has one server span for the request and one client span for the attempt, its child', async () => {
      const o = traced();
      const t = makeBff({ tracerProvider: o.tracerProvider, meterProvider: o.meterProvider });
      const response = await t.patch({ city: 'Ottawa' });
      assert.equal(response.status, 200);

      const [server] = o.server();
      const [client] = o.client();
      assert.equal(o.spans().length, 2);
      assert.ok(server && client);
      assert.equal(server.name, 'PATCH /api/profile');
      assert.deepEqual(server.attributes, {
        'http.request.method': 'PATCH',
        'http.route': '/api/profile',
        'http.response.status_code': 200,
        'boca.request_id': response.headers.get('x-request-id'),
        'boca.upstream.attempts': 1,
      });
      assert.equal(server.status.code, SpanStatusCode.UNSET);

      assert.equal(client.name, 'PATCH');
      assert.equal(parentOf(client), server.spanContext().spanId);
      assert.equal(client.spanContext().traceId, server.spanContext().traceId);
      assert.deepEqual(client.attributes, {
        'http.request.method': 'PATCH',
        'server.address': 'partner-api.test',
        'server.port': 443,
        'url.template': '/v1/users/{externalId}',
        'boca.upstream.attempt': 1,
        'http.response.status_code': 200,
      });
    });

    it('sends W3C traceparent upstream naming the attempt, and the signature still holds', async () => {
      const o = traced();
      const t = makeBff({ tracerProvider: o.tracerProvider });
      await t.patch({ city: 'Ottawa' });
      const [client] = o.client();
      const { traceId, spanId } = client!.spanContext();
      const [sent] = t.api.requests;
      assert.equal(sent?.headers.traceparent, `00-${traceId}-${spanId}-01`);
      assert.equal(sent?.signatureValid, true);
    });

    it('counts the save, the attempt and the durations', async () => {
      const o = traced();
      const t = makeBff({ tracerProvider: o.tracerProvider, meterProvider: o.meterProvider });
      await t.patch({ city: 'Ottawa' });
      const points = await o.collected();
      assert.deepEqual(
        points.get('boca.bff.saves')?.map((p) => [p.attributes, p.value]),
        [[{ 'boca.outcome': 'saved', 'http.response.status_code': 200 }, 1]],
      );
      assert.deepEqual(
        points.get('boca.bff.upstream.attempts')?.map((p) => [p.attributes, p.value]),
        [[{ 'boca.upstream.attempt': 1, 'http.response.status_code': 200 }, 1]],
      );
      assert.equal(points.get('boca.bff.upstream.retries'), undefined);
      const requestDuration = points.get('boca.bff.request.duration')?.[0];
      assert.deepEqual(requestDuration?.attributes, {
        'http.request.method': 'PATCH',
        'http.route': '/api/profile',
        'http.response.status_code': 200,
      });
      assert.equal((requestDuration?.value as { count: number }).count, 1);
      const upstreamDuration = points.get('boca.bff.upstream.duration')?.[0];
      assert.equal((upstreamDuration?.value as { count: number }).count, 1);
    });
  });

  describe('when the upstream fails and the BFF retries', () => {
    it('shows each attempt as its own span with its number, status and the upstream requestId', async () => {
      const o = traced();
      const t = makeBff({ tracerProvider: o.tracerProvider, meterProvider: o.meterProvider });
      t.api.script(unavailable, 'network');
      const response = await t.patch({ city: 'Ottawa' });
      assert.equal(response.status, 200);

      const [server] = o.server();
      const attempts = o.client();
      assert.equal(attempts.length, 3);
      for (const span of attempts) assert.equal(parentOf(span), server!.spanContext().spanId);
      const [first, second, third] = attempts;
      assert.equal(first!.attributes['boca.upstream.attempt'], 1);
      assert.equal(first!.attributes['http.response.status_code'], 503);
      assert.equal(first!.attributes['boca.upstream.request_id'], 'req-upstream-0001');
      assert.equal(first!.attributes['error.type'], '503');
      assert.equal(first!.status.code, SpanStatusCode.ERROR);
      assert.equal(second!.attributes['boca.upstream.attempt'], 2);
      assert.equal(second!.attributes['http.request.resend_count'], 1);
      assert.equal(second!.attributes['error.type'], 'TypeError');
      assert.equal(second!.attributes['http.response.status_code'], undefined);
      assert.equal(third!.attributes['boca.upstream.attempt'], 3);
      assert.equal(third!.attributes['http.response.status_code'], 200);
      assert.equal(server!.attributes['boca.upstream.attempts'], 3);

      // Every attempt carries its own span as parent upstream.
      const sent = t.api.requests.map((r) => r.headers.traceparent?.split('-')[2]);
      assert.deepEqual(
        sent,
        attempts.map((s) => s.spanContext().spanId),
      );

      const points = await o.collected();
      const retries = points.get('boca.bff.upstream.retries');
      assert.equal(retries?.[0]?.value, 2);
      const attemptCounts = points.get('boca.bff.upstream.attempts')!;
      assert.equal(
        attemptCounts.reduce((sum, p) => sum + (p.value as number), 0),
        3,
      );
    });

    it('ends an attempt that ran out of time as a TimeoutError, and the next one is its sibling', async () => {
      const o = traced();
      const t = makeBff({ tracerProvider: o.tracerProvider });
      t.api.script('hang');
      assert.equal((await t.patch({ city: 'Ottawa' })).status, 200);
      const [first, second] = o.client();
      assert.equal(first!.attributes['error.type'], 'TimeoutError');
      assert.equal(first!.status.code, SpanStatusCode.ERROR);
      assert.equal(second!.attributes['http.response.status_code'], 200);
      assert.equal(parentOf(first!), parentOf(second!));
    });

    it('marks the request span as failed when the BFF gives up, with the upstream requestId', async () => {
      const o = traced();
      const t = makeBff({ tracerProvider: o.tracerProvider, meterProvider: o.meterProvider });
      // Each attempt takes 1 s to fail, so the deadline runs out before the script does.
      t.api.script(
        ...Array.from({ length: 20 }, () => () => {
          t.clock.advance(1_000);
          return unavailable;
        }),
      );
      const response = await t.patch({ city: 'Ottawa' });
      assert.equal(response.status, 502);
      assert.equal(o.client().length, t.api.requests.length, 'a span for every attempt');
      const [server] = o.server();
      assert.equal(server!.attributes['http.response.status_code'], 502);
      assert.equal(server!.attributes['error.type'], '502');
      assert.equal(server!.attributes['boca.upstream.request_id'], 'req-upstream-0001');
      assert.equal(server!.status.code, SpanStatusCode.ERROR);
      assert.equal(server!.status.message, 'the Partner API kept failing');
      const saves = (await o.collected()).get('boca.bff.saves');
      assert.deepEqual(saves?.[0]?.attributes, {
        'boca.outcome': 'upstream_failed',
        'http.response.status_code': 502,
      });
    });
  });

  describe('when the host has a trace of its own', () => {
    it('makes the request span a child of the host span active around it', async () => {
      const o = traced();
      const t = makeBff({ tracerProvider: o.tracerProvider });
      assert.ok(context.setGlobalContextManager(new AsyncLocalContextManager()));
      try {
        const host = o.tracerProvider.getTracer('host').startSpan('portal request');
        const response = await context.with(trace.setSpan(context.active(), host), () =>
          t.patch({ city: 'Ottawa' }),
        );
        host.end();
        assert.equal(response.status, 200);
        const [server] = o.server();
        const [client] = o.client();
        assert.equal(parentOf(server!), host.spanContext().spanId);
        assert.equal(parentOf(client!), server!.spanContext().spanId);
      } finally {
        context.disable();
      }
    });
  });

  it('records why a token was refused, and no attempt', async () => {
    const o = traced();
    const t = makeBff({ tracerProvider: o.tracerProvider });
    const response = await t.patch({ city: 'Ottawa' }, { token: 'not-a-token' });
    assert.equal(response.status, 401);
    const [server] = o.server();
    assert.equal(server!.attributes['http.response.status_code'], 401);
    assert.equal(typeof server!.attributes['boca.token.problem'], 'string');
    assert.equal(server!.status.code, SpanStatusCode.UNSET);
    assert.equal(o.client().length, 0);
  });

  it('puts no secret, token, externalId or profile value in any span or metric', async () => {
    const o = traced();
    const t = makeBff({ tracerProvider: o.tracerProvider, meterProvider: o.meterProvider });
    const externalId = 'canary-user-5127';
    const token = await t.token(externalId);
    const changes = { city: 'Canaryville', email: 'canary.5127@example.com' };
    t.api.script(
      { status: 422, body: errorBody('validation_error', 'No', { fieldErrors: [] }) },
      unavailable,
    );
    await t.patch(changes, { token });
    t.api.script(unavailable);
    await t.patch(changes, { token });
    await t.get({ token });
    await t.patch(changes, { token: `${token}x` });
    assert.ok(o.client().length >= 3, 'the canaries went upstream and back');

    const recorded = JSON.stringify({
      spans: o.spans().map((s) => ({
        name: s.name,
        attributes: s.attributes,
        events: s.events,
        status: s.status,
        links: s.links,
      })),
      metrics: [...(await o.collected())].map(([name, points]) => [
        name,
        points.map((p) => p.attributes),
      ]),
    });
    for (const canary of [
      API_KEY,
      SIGNING_SECRET,
      SESSION_SECRET,
      token,
      token.split('.')[2]!,
      externalId,
      'canary',
      'Canaryville',
      t.api.requests[0]!.headers['x-request-signature']!,
      t.api.requests[0]!.headers['idempotency-key']!,
    ]) {
      assert.ok(!recorded.includes(canary), `telemetry contains ${canary.slice(0, 12)}…`);
    }
  });

  it('passes the trace on upstream even when the span is sampled out, flagged unsampled', async () => {
    const o = traced(new AlwaysOffSampler());
    const t = makeBff({ tracerProvider: o.tracerProvider });
    assert.equal((await t.patch({ city: 'Ottawa' })).status, 200);
    assert.equal(o.spans().length, 0);
    assert.match(t.api.requests[0]!.headers.traceparent ?? '', /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  });

  describe('with no OpenTelemetry SDK registered', () => {
    it('has neither tracer nor instruments, and adds nothing to the upstream request', async () => {
      const telemetry = createTelemetry({});
      assert.equal(telemetry.tracer(), undefined);
      assert.equal(telemetry.instruments(), undefined);
      const t = makeBff();
      assert.equal((await t.patch({ city: 'Ottawa' })).status, 200);
      assert.equal(t.api.requests[0]!.headers.traceparent, undefined);
      assert.deepEqual(Object.keys(t.api.requests[0]!.headers).sort(), [
        'accept',
        'content-type',
        'idempotency-key',
        'x-api-key',
        'x-request-signature',
        'x-request-timestamp',
      ]);
    });

    it('hands the transport its request untouched and its promise back as it is', async () => {
      const answer = Promise.resolve({ status: 200, headers: { get: () => null }, text: '' });
      const seen: unknown[] = [];
      const transport = traceTransport(
        (request) => {
          seen.push(request);
          return answer;
        },
        createTelemetry({}),
        'https://partner-api.test',
      );
      const request = {
        url: 'https://partner-api.test/v1/users/x',
        path: '/v1/users/x',
        method: 'PATCH',
        headers: {},
        body: new Uint8Array(),
        signal: new AbortController().signal,
        attempt: 2,
      };
      assert.equal(transport(request), answer);
      assert.equal(seen[0], request);
    });

    it('uses an SDK registered after the BFF was built', async () => {
      const t = makeBff();
      const o = traced();
      assert.ok(trace.setGlobalTracerProvider(o.tracerProvider));
      try {
        await t.patch({ city: 'Ottawa' });
        assert.equal(o.server().length, 1);
        assert.equal(o.client().length, 1);
      } finally {
        trace.disable();
      }
      await t.patch({ city: 'Ottawa' });
      assert.equal(o.spans().length, 2, 'nothing more once the SDK is gone');
    });
  });
});
