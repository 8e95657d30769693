/**
 * A reactive controller that counts whole seconds down to zero, re-rendering its host each second:
 * the wait after a 429. Its timers are injectable so tests need not wait in real time.
 *
 * @example
 *   countdown = new Countdown(this);
 *   this.countdown.start(12); // remaining: 12, 11, … 0
 *   html`<button ?disabled=${this.countdown.remaining > 0}>`;
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface Timers {
  setInterval(callback: () => void, ms: number): number;
  clearInterval(id: number): void;
}

export class Countdown implements ReactiveController {
  /** Whole seconds left; 0 when not counting. */
  remaining = 0;
  #timer: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly timers: Timers = window,
    /** Called once when a wait reaches zero. */
    private readonly onEnd?: () => void,
  ) {
    host.addController(this);
  }

  start(seconds: number): void {
    this.remaining = Math.ceil(seconds);
    this.#run();
    this.host.requestUpdate();
  }

  #run(): void {
    this.#stop();
    if (this.remaining <= 0) return;
    this.#timer = this.timers.setInterval(() => {
      if (--this.remaining <= 0) {
        this.#stop();
        this.onEnd?.();
      }
      this.host.requestUpdate();
    }, 1000);
  }

  #stop(): void {
    if (this.#timer !== undefined) this.timers.clearInterval(this.#timer);
    this.#timer = undefined;
  }

  // A detached element keeps its remaining wait and resumes counting when attached again.
  hostConnected(): void {
    this.#run();
  }

  hostDisconnected(): void {
    this.#stop();
  }
}
