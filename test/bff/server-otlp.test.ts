import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintEmbedToken } from '../../bff/token.js';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import { cleanEnv, startServer } from './server-process.js';

const SESSION_SECRET = 'otlp-test-session-secret-0123456789abcdef';
const API_KEY = 'otlp-test-api-key-canary';
const SIGNING_SECRET = 'otlp-test-signing-secret-canary';
const USER = 'otlp-canary-user-31';
const PORTAL = 'http://127.0.0.1:8787';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** One local server that plays both the OTLP collector and the Partner API. */
function receiver() {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const path = req.url ?? '';
    received.push({ method: req.method ?? '', path, headers: req.headers, body });
    res.setHeader('content-type', 'application/json');
    if (path.startsWith('/v1/users/')) {
      res.end(
        JSON.stringify({
          userId: '6f1c2b1e-8a8e-4a53-9a43-3c5d2f1a0b7e',
          externalId: decodeURIComponent(path.slice('/v1/users/'.length)),
          status: 'active',
          updatedAt: '2026-03-13T12:00:01Z',
        }),
      );
    } else {
      res.end('{}');
    }
  });
  return { server, received };
}

describe('boca-bff with an OTLP endpoint (bff/server.ts)', () => {
  const { server, received } = receiver();
  let base = '';
  /** The BFF's own configuration against the local receiver, and the OTEL_* of the test. */
  const bffEnv = (otel: Record<string, string>) =>
    cleanEnv({
      BOCA_API_BASE_URL: base,
      BOCA_API_KEY: API_KEY,
      BOCA_SIGNING_SECRET: SIGNING_SECRET,
      BOCA_SESSION_SECRET: SESSION_SECRET,
      BOCA_ALLOWED_ORIGINS: PORTAL,
      PORT: '0',
      ...otel,
    });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('exports the spans and metrics of a save over OTLP/HTTP JSON, and passes the trace upstream', async () => {
    const bff = startServer(
      bffEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: base,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'bff-under-test',
      }),
    );
    try {
      const url = await bff.url();
      const token = await mintEmbedToken({
        secret: SESSION_SECRET,
        externalId: USER,
        hmac: nodeHmacSha256,
      });
      const saved = await fetch(`${url}/api/profile`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${token}`,
          origin: PORTAL,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ city: 'Otlpville' }),
      });
      assert.equal(saved.status, 200);
      bff.child.kill('SIGTERM');
      assert.equal(await bff.exited, 0, bff.err());
      // Read once it has exited: the line may come in a later chunk than the URL.
      assert.match(bff.out(), /Exporting traces and metrics/);
    } finally {
      if (bff.child.exitCode === null) bff.child.kill('SIGKILL');
    }

    // The batches may come in several posts: read them all.
    const upstream = received.find((r) => r.path.startsWith('/v1/users/'));
    const traces = received.filter((r) => r.path === '/v1/traces');
    const metrics = received.filter((r) => r.path === '/v1/metrics');
    assert.ok(upstream && traces.length && metrics.length, received.map((r) => r.path).join(', '));
    for (const post of traces) {
      assert.equal(post.method, 'POST');
      assert.match(post.headers['content-type'] ?? '', /^application\/json/);
    }

    type Attribute = { key: string; value: { stringValue?: string } };
    type ResourceSpans = {
      resource: { attributes: Attribute[] };
      scopeSpans: { spans: { name: string; traceId: string; spanId: string }[] }[];
    };
    const resourceSpans: ResourceSpans[] = traces.flatMap((t) => JSON.parse(t.body).resourceSpans);
    for (const { resource } of resourceSpans) {
      const service = resource.attributes.find((a) => a.key === 'service.name');
      assert.equal(service?.value.stringValue, 'bff-under-test');
    }
    const spans = resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    assert.deepEqual(spans.map((s) => s.name).sort(), ['PATCH', 'PATCH /api/profile']);
    const client = spans.find((s) => s.name === 'PATCH')!;
    assert.equal(
      upstream.headers.traceparent,
      `00-${client.traceId}-${client.spanId}-01`,
      'the upstream request names the exported attempt',
    );

    type ResourceMetrics = { scopeMetrics: { metrics: { name: string }[] }[] };
    const metricNames = metrics
      .flatMap((m) => JSON.parse(m.body).resourceMetrics as ResourceMetrics[])
      .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.name)));
    for (const name of [
      'boca.bff.saves',
      'boca.bff.request.duration',
      'boca.bff.upstream.attempts',
    ]) {
      assert.ok(metricNames.includes(name), name);
    }
    const exported = [...traces, ...metrics].map((r) => r.body).join('\n');
    for (const canary of [API_KEY, SIGNING_SECRET, SESSION_SECRET, USER, 'Otlpville']) {
      assert.ok(!exported.includes(canary), canary);
    }
  });

  it('exits on SIGTERM when the collector never answers, giving up on the flush', async () => {
    const silent = createServer(() => {
      // Takes the export and never answers it.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const collector = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const bff = startServer(
      bffEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: collector,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        // Longer than the child is allowed to live: only the BFF's own bound can end the flush.
        OTEL_EXPORTER_OTLP_TIMEOUT: '60000',
      }),
    );
    try {
      const url = await bff.url();
      assert.equal((await fetch(`${url}/api/profile`)).status, 401);
      bff.child.kill('SIGTERM');
      assert.equal(await bff.exited, 0, bff.err());
    } finally {
      if (bff.child.exitCode === null) bff.child.kill('SIGKILL');
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('refuses to start with an OTLP protocol it cannot speak, naming the variable', async () => {
    const bff = startServer(
      bffEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: base,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    );
    assert.equal(await bff.exited, 1);
    assert.match(bff.err(), /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf or http\/json/);
  });
});
