// The request controller: status for the template, only the latest run reports, a new run or a
// reset aborts the one under way.
import { expect } from '@open-wc/testing';
import type { ReactiveControllerHost } from 'lit';
import { Request } from '../../component/internal/request.js';

/** A request whose runs wait until the test answers them. */
function scripted() {
  const runs: {
    args: unknown[];
    signal: AbortSignal;
    answer(value: string): void;
    fail(error: Error): void;
  }[] = [];
  const reported: string[] = [];
  let updates = 0;
  const host = { requestUpdate: () => updates++ } as unknown as ReactiveControllerHost;
  const request = new Request(
    host,
    (signal, ...args: [string]) =>
      new Promise<string>((resolve, reject) => {
        runs.push({ args, signal, answer: resolve, fail: reject });
      }),
    (value) => reported.push(`complete ${value}`),
    (error) => reported.push(`error ${(error as Error).message}`),
  );
  return { request, runs, reported, updates: () => updates };
}

describe('Request', () => {
  it('is pending while a run is on its way, then complete with its answer', async () => {
    const s = scripted();
    expect(s.request.status).to.equal('idle');
    const done = s.request.run('a');
    expect(s.request.status).to.equal('pending');
    expect(s.runs[0]!.args).to.deep.equal(['a']);
    s.runs[0]!.answer('A');
    await done;
    expect(s.request.status).to.equal('complete');
    expect(s.reported).to.deep.equal(['complete A']);
    expect(s.updates()).to.equal(2);
  });

  it('keeps what a failed run threw, and reports it', async () => {
    const s = scripted();
    const done = s.request.run('a');
    const error = new Error('offline');
    s.runs[0]!.fail(error);
    await done;
    expect(s.request.status).to.equal('error');
    expect(s.request.error).to.equal(error);
    expect(s.reported).to.deep.equal(['error offline']);
  });

  it('aborts the run under way when a new one starts, and drops its answer', async () => {
    const s = scripted();
    const first = s.request.run('a');
    const second = s.request.run('b');
    expect(s.runs[0]!.signal.aborted).to.equal(true);
    expect(s.runs[1]!.signal.aborted).to.equal(false);
    s.runs[0]!.fail(new DOMException('aborted', 'AbortError'));
    s.runs[1]!.answer('B');
    await Promise.all([first, second]);
    expect(s.reported).to.deep.equal(['complete B']);
    expect(s.request.status).to.equal('complete');
  });

  it('drops a replaced run that answers after the newer one', async () => {
    const s = scripted();
    const first = s.request.run('a');
    const second = s.request.run('b');
    s.runs[1]!.answer('B');
    await second;
    s.runs[0]!.answer('A');
    await first;
    expect(s.reported).to.deep.equal(['complete B']);
  });

  it('reset aborts the run under way, drops its answer and goes back to idle', async () => {
    const s = scripted();
    const done = s.request.run('a');
    s.request.reset();
    expect(s.runs[0]!.signal.aborted).to.equal(true);
    expect(s.request.status).to.equal('idle');
    s.runs[0]!.answer('A');
    await done;
    expect(s.reported).to.deep.equal([]);
    expect(s.request.status).to.equal('idle');
  });
});
