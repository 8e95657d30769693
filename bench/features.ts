/**
 * What the BFF's production features cost it: the same BFF, one process with a feature on beside
 * one with it off, driven in the same rounds and slices as the throughput table (`throughput.ts`),
 * so each ratio is taken within a round. With no OpenTelemetry SDK registered, tracing's cost is
 * its check on each request, timed in the micro-benchmarks.
 *
 * @example
 *   const rows = await measureFeatures(generator, off, [{ label: 'tracing on', ... }], options);
 *   printFeatures(options, rows);
 */
import type { Child } from './lib/children.js';
import type { MicroRow } from './micro.js';
import { num, signed, table } from './lib/table.js';
import {
  measureThroughput,
  ratio,
  type ThroughputOptions,
  type ThroughputRow,
  type ThroughputTarget,
} from './throughput.js';

/** The first row is the BFF with every feature off; the others each turn one on. */
export function measureFeatures(
  generator: Child,
  off: ThroughputTarget,
  variants: ThroughputTarget[],
  options: ThroughputOptions,
): Promise<ThroughputRow[]> {
  return measureThroughput(generator, [off, ...variants], options);
}

/** The in-process pair from the micro-benchmarks, when they ran. */
function inProcess(micro: MicroRow[] | Error): string {
  if (micro instanceof Error) return '';
  const find = (start: string) => micro.find((r) => r.name.startsWith(start))?.microsPerOp ?? NaN;
  const off = find('a save in process (instant upstream), no SDK');
  const on = find('a save in process, an SDK');
  const check = find('telemetry, no SDK');
  return (
    `\nIn process, with no network in the figure: a save costs ${num(off, 1)} µs with no SDK and ${num(on, 1)} µs with one` +
    ` (${num(on / off, 2)} ×, ${signed(on - off, 1)} µs); with no SDK, tracing's checks cost ${num(check, 2)} µs a save (${num((check / off) * 100, 2)} % of it).`
  );
}

export function printFeatures(
  t: ThroughputOptions,
  rows: ThroughputRow[],
  micro: MicroRow[] | Error,
): void {
  const [off] = rows as [ThroughputRow];
  const body = table(
    [
      'BFF',
      'req/s',
      '/ off',
      'CPU µs/req',
      'CPU / off',
      'added CPU µs',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'errors',
    ],
    rows.map((r) => [
      r.label,
      num(r.rate),
      `${num(ratio(r, off), 2)} ×`,
      num(r.cpuMicrosPerRequest),
      `${num(r.cpuMicrosPerRequest / off.cpuMicrosPerRequest, 2)} ×`,
      signed(r.cpuMicrosPerRequest - off.cpuMicrosPerRequest, 0),
      num(r.p50Ms, 2),
      num(r.p99Ms, 2),
      num(r.non2xx),
      num(r.errors),
    ]),
  );
  const failures = rows.flatMap((r) => r.failures.map((f) => `\n  ${r.label} failed: ${f}`));
  console.log(
    `\n## The BFF with its features on beside off: closed loop, ${t.connections} connections; ${t.rounds} rounds, each ${t.slices} turns of ${t.sliceMs / 1000} s a round; medians over the rounds\n\n` +
      body +
      '\n\nTracing on: an OpenTelemetry SDK registered (batching span processor, periodic metric reader)' +
      ' whose exporters drop everything, so serialising and sending are not counted.' +
      inProcess(micro) +
      failures.join(''),
  );
}
