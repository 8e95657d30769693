/**
 * End to end, `npm start` as a process and `startDemo` against a real Partner API (played here by
 * a separate sandbox): it prints its URL, serves the portal, stops cleanly on SIGTERM, and refuses
 * an incomplete configuration with a clear message instead of a stack trace. With an OTLP endpoint
 * it exports the BFF's traces and metrics, as `boca-bff` does.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../../demo/demo.js';
import { serveSandbox } from '../../sandbox/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `demo/start.ts` as `npm start` does, with only the given variables besides PATH. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  void exited.then(() => clearTimeout(timer));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async url(): Promise<string> {
      while (!/http:\/\/127\.0\.0\.1:\d+\n/.test(stdout)) {
        if (child.exitCode !== null) throw new Error(`npm start ended: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return /(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)![1]!;
    },
  };
}

describe('when npm start runs', () => {
  it('prints its URL, serves the portal under a strict CSP, and exits 0 on SIGTERM', async () => {
    const demo = start({ PORT: '0', SANDBOX_PORT: '0' });
    try {
      const url = await demo.url();
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      const page = await fetch(url);
      assert.match(await page.text(), /<boca-user-profile/);
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.match(demo.output().stdout, /Partner API sandbox: http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      demo.child.kill('SIGTERM');
    }
    assert.equal(await demo.exited, 0);
    assert.match(demo.output().stdout, /SIGTERM: stopping the demo/);
  });

  it('names each missing credential when BOCA_API_BASE_URL is set, without a stack trace', async () => {
    const demo = start({ PORT: '0', BOCA_API_BASE_URL: 'https://partner-api.example.com' });
    assert.equal(await demo.exited, 1);
    const { stderr } = demo.output();
    assert.match(stderr, /BOCA_API_KEY is missing/);
    assert.match(stderr, /BOCA_SIGNING_SECRET is missing/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it('refuses a PORT that is not a port', async () => {
    const demo = start({ PORT: 'eighty' });
    assert.equal(await demo.exited, 1);
    assert.match(demo.output().stderr, /PORT must be a port number/);
  });
});

describe('when npm start has an OTLP endpoint', () => {
  it('exports the spans and metrics of a save over OTLP/HTTP JSON, sent when it stops', async () => {
    const received: { path: string; body: string }[] = [];
    const collector = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      received.push({ path: req.url ?? '', body });
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const demo = start({
      PORT: '0',
      SANDBOX_PORT: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'demo-under-test',
    });
    try {
      const url = await demo.url();
      const origin = { origin: url };
      const session = await fetch(`${url}/embed-token`, { method: 'POST', headers: origin });
      const { token } = await session.json();
      const saved = await fetch(`${url}/api/profile`, {
        method: 'PATCH',
        headers: {
          ...origin,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ city: 'Otlpville' }),
      });
      assert.equal(saved.status, 200);
      demo.child.kill('SIGTERM');
      assert.equal(await demo.exited, 0, demo.output().stderr);
      assert.match(demo.output().stdout, /Exporting traces and metrics over OTLP\/HTTP/);
    } finally {
      if (demo.child.exitCode === null) demo.child.kill('SIGKILL');
      collector.close();
    }

    type Attribute = { key: string; value: { stringValue?: string } };
    type ResourceSpans = {
      resource: { attributes: Attribute[] };
      scopeSpans: { spans: { name: string }[] }[];
    };
    const resourceSpans: ResourceSpans[] = received
      .filter((r) => r.path === '/v1/traces')
      .flatMap((r) => JSON.parse(r.body).resourceSpans);
    const services = resourceSpans.map(
      (r) => r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue,
    );
    assert.deepEqual([...new Set(services)], ['demo-under-test']);
    const spans = resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    assert.ok(
      spans.some((s) => s.name === 'PATCH /api/profile'),
      JSON.stringify(spans),
    );
    type ResourceMetrics = { scopeMetrics: { metrics: { name: string }[] }[] };
    const metricNames = received
      .filter((r) => r.path === '/v1/metrics')
      .flatMap((r) => JSON.parse(r.body).resourceMetrics as ResourceMetrics[])
      .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.name)));
    assert.ok(metricNames.includes('boca.bff.saves'), metricNames.join(', '));
    assert.ok(!received.some((r) => r.body.includes('Otlpville')), 'no profile data exported');
  });

  it('refuses an OTLP protocol it cannot speak, naming the variable', async () => {
    const demo = start({
      PORT: '0',
      SANDBOX_PORT: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    });
    assert.equal(await demo.exited, 1);
    assert.match(
      demo.output().stderr,
      /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf or http\/json/,
    );
  });
});

describe('when the demo talks to a real Partner API', () => {
  it('starts no sandbox, disables the outcomes, and saves through the BFF', async () => {
    const upstream = await serveSandbox({
      port: 0,
      apiKey: 'real-api-key-for-this-test',
      signingSecret: 'real-signing-secret-for-this-test',
      logger: () => {},
    });
    const demo = await startDemo({
      port: 0,
      env: {
        BOCA_API_BASE_URL: upstream.url,
        BOCA_API_KEY: 'real-api-key-for-this-test',
        BOCA_SIGNING_SECRET: 'real-signing-secret-for-this-test',
      },
    }).catch(async (error: unknown) => {
      await upstream.close();
      throw error;
    });
    try {
      assert.equal(demo.sandbox, null);
      assert.equal(demo.upstreamUrl, upstream.url);
      const config = await (await fetch(`${demo.url}/portal/config`)).json();
      assert.equal(config.sandbox, false);
      assert.match(config.sandboxNote, /need the sandbox/);

      const origin = { origin: demo.url };
      const session = await fetch(`${demo.url}/embed-token`, {
        method: 'POST',
        headers: origin,
      });
      const { token } = await session.json();
      const saved = await fetch(`${demo.url}/api/profile`, {
        method: 'PATCH',
        headers: {
          ...origin,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ city: 'Montréal', province: 'QC', postalCode: 'H2X 1Y4' }),
      });
      assert.equal(saved.status, 200);
      assert.equal(upstream.sandbox.getUser('partner-user-42')!.city, 'Montréal');
      assert.equal(demo.records.get('partner-user-42')!.profile.city, 'Montréal');
    } finally {
      await demo.close();
      await upstream.close();
    }
  });
});
