/**
 * The instant stub upstream: answers every request with the Partner API's documented Update User
 * success, at once, checking nothing. Against it, what a server under test costs is its own work,
 * not the upstream's: the sandbox spends some 600 µs of CPU a request and caps every ratio.
 *
 * It reads each body to its end (as any server must, to keep the connection) and counts what it
 * served, so the run can check that every request reached it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptJobs, announce } from '../lib/ipc.js';
import { EXTERNAL_ID } from '../lib/fixtures.js';

/** Built once: a documented `UpdateUserResponse` for the seeded user. */
const ANSWER = Buffer.from(
  JSON.stringify({
    userId: 'usr_bench0000000000000001',
    externalId: EXTERNAL_ID,
    status: 'active',
    updatedAt: '2026-01-01T00:00:00Z',
  }),
);
const HEADERS = {
  'content-type': 'application/json',
  'content-length': String(ANSWER.length),
};

let requests = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    requests++;
    res.writeHead(200, HEADERS);
    res.end(ANSWER);
  });
});
acceptJobs(async () => ({ requests }));
server.listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port));
