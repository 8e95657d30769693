/**
 * One kind of request the element makes (the load, the save): its status for the template, an
 * `AbortSignal` that the next run aborts, and callbacks for the answer. Only the latest run
 * reports: the answer (or abort) of a replaced or reset run is dropped, so an abort is never a
 * failure. It covers what the element needs of `@lit/task`, at about a fifth of its gzip size.
 *
 * @example
 *   save = new Request(
 *     this,
 *     (signal, changes) => patchProfile(base, token, changes, key, signal),
 *     (result) => this.saved(result), // the latest run answered
 *     (error) => this.failed(error), // the latest run failed
 *   );
 *   void this.save.run({ city: 'Laval' });
 *   html`<button ?disabled=${this.save.status === 'pending'}>`;
 */
import type { ReactiveControllerHost } from 'lit';

export type RequestStatus = 'idle' | 'pending' | 'complete' | 'error';

export class Request<A extends unknown[], R> {
  status: RequestStatus = 'idle';
  /** What the last run that failed threw. */
  error: unknown;
  #abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly send: (signal: AbortSignal, ...args: A) => Promise<R>,
    private readonly onComplete: (result: R) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts a run, aborting the one under way; resolves once this run has reported (or not). */
  async run(...args: A): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.status = 'pending';
    this.host.requestUpdate();
    let failed = false;
    let answer: unknown;
    try {
      answer = await this.send(abort.signal, ...args);
    } catch (error) {
      failed = true;
      answer = error;
    }
    if (abort !== this.#abort) return;
    this.status = failed ? 'error' : 'complete';
    if (failed) this.onError((this.error = answer));
    else this.onComplete(answer as R);
    this.host.requestUpdate();
  }

  /** Aborts the run under way, if any, and goes back to `idle`. */
  reset(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.status = 'idle';
  }
}
