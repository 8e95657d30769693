/**
 * A small round-robin HTTP proxy for the scale-out tests: it sends each request to the next
 * backend in turn, the way a plain load balancer without sticky sessions would, and remembers
 * which backend answered each one. Loopback only.
 *
 * @example
 *   const proxy = await startRoundRobin(['http://127.0.0.1:4001', 'http://127.0.0.1:4002']);
 *   await fetch(`${proxy.url}/api/profile`); // answered by the first backend
 *   await fetch(`${proxy.url}/api/profile`); // answered by the second
 *   proxy.servedBy; // [0, 1]
 *   await proxy.close();
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The index of the backend that took each request, in arrival order. */
  servedBy: number[];
  close(): Promise<void>;
}

/** Hop-by-hop headers are the proxy's own business and are not forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

export async function startRoundRobin(backends: string[]): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new TypeError('at least one backend is needed');
  const targets = backends.map((backend) => new URL(backend));
  const servedBy: number[] = [];
  let next = 0;

  const server = createServer((req, res) => {
    const index = next;
    next = (next + 1) % targets.length;
    servedBy.push(index);
    const target = targets[index]!;
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
    );
    const upstream = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...headers, host: target.host, 'x-forwarded-host': req.headers.host ?? '' },
      },
      (answer) => {
        const out = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
        );
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('backend unreachable');
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    servedBy,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
