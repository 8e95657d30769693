/**
 * Where focus goes when the element's own state changes under it: a notice brought to the user
 * (focused and centred, clear of a portal's sticky header or footer), or the outcome of an answer
 * that disabled the focused button or removed the focused message, so focus never falls to
 * `<body>`.
 *
 * @example
 *   focus = new Focus(this);
 *   void this.focus.reveal('#summary'); // after the next render
 *   void this.focus.keep('[part~=submit]:enabled'); // only if the render loses focus
 */
import type { BaseElement } from './base-element.js';

export class Focus {
  constructor(private readonly host: BaseElement) {}

  find(selector: string): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(selector);
  }

  /** After the next render, focuses a notice and centres it in the viewport. */
  async reveal(selector: string): Promise<void> {
    await this.host.updateComplete;
    const notice = this.find(selector);
    notice?.focus({ preventScroll: true });
    notice?.scrollIntoView({ block: 'center' });
  }

  /**
   * After the next render, focuses `target` (else the status region) if focus was lost: the
   * focused button is disabled (Chromium then moves focus to `<body>`) or the focused element
   * is gone.
   */
  async keep(target = '[part~=message]'): Promise<void> {
    const root = this.host.renderRoot as ShadowRoot;
    const inside = root.activeElement !== null;
    await this.host.updateComplete;
    const active = root.activeElement as HTMLButtonElement | null;
    const lost = active ? active.disabled : inside || document.activeElement === document.body;
    if (lost) (this.find(target) ?? this.find('[role=status]'))?.focus();
  }
}
