/**
 * Holds back a change of layout while a pointer is pressed. An error shown when a field loses
 * focus to a press on Save would push Save down between mouse-down and mouse-up, and the click
 * would be lost; work deferred during a press runs once the press, and its click, are over.
 *
 * @example
 *   press = new Press();
 *   html`<form @pointerdown=${this.press.down}>`;
 *   this.press.later(() => this.check(field)); // now, or after the pointer is released
 */
export class Press {
  #held = false;
  #queue: (() => void)[] = [];

  /** The `pointerdown` listener: a press starts. */
  readonly down = (): void => {
    this.#held = true;
    const stop = new AbortController();
    const up = () => {
      stop.abort();
      // A task later, so the click this release makes has been handled first.
      setTimeout(() => {
        this.#held = false;
        for (const run of this.#queue.splice(0)) run();
      });
    };
    for (const type of ['pointerup', 'pointercancel']) {
      addEventListener(type, up, { capture: true, signal: stop.signal });
    }
  };

  /** Runs `work` now, or once the pointer is released when one is pressed. */
  later(work: () => void): void {
    if (this.#held) this.#queue.push(work);
    else work();
  }
}
