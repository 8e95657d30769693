/**
 * The page's two disclosure buttons: the demo panel, which folds into a slim rail (its state on
 * `<html data-panel>`, for the stylesheets), and the portal's main navigation, which is a menu on
 * narrow screens. Both follow the disclosure pattern: a button with `aria-expanded` and
 * `aria-controls`; the menu also closes on Escape and on a click elsewhere.
 *
 * @example
 *   const panel = createPanelToggle((state) => writePageState({ panel: state }));
 *   panel.set('closed');
 */
import { byId } from './dom.js';
import type { PanelState } from './page-state.js';

export function createPanelToggle(onChange: (state: PanelState) => void) {
  const button = byId<HTMLButtonElement>('panel-toggle');
  function set(state: PanelState) {
    document.documentElement.dataset.panel = state;
    button.setAttribute('aria-expanded', String(state === 'open'));
  }
  button.addEventListener('click', () => {
    const next: PanelState = button.getAttribute('aria-expanded') === 'true' ? 'closed' : 'open';
    set(next);
    onChange(next);
  });
  return { set };
}

export function createNavMenu(): void {
  const button = byId<HTMLButtonElement>('nav-toggle');
  const list = byId(button.getAttribute('aria-controls')!);
  const open = (expanded: boolean) => button.setAttribute('aria-expanded', String(expanded));
  button.addEventListener('click', () => open(button.getAttribute('aria-expanded') !== 'true'));
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || button.getAttribute('aria-expanded') !== 'true') return;
    open(false);
    button.focus();
  });
  document.addEventListener('click', (event) => {
    const target = event.target as Node;
    if (!button.contains(target) && !list.contains(target)) open(false);
  });
}

/**
 * Scrolls the demo panel, and only the panel, so that `target` is at its top (below the tour's
 * bar while the tour sticks there): the page stays on the element the user is watching. Under
 * the portal, where the panel does not scroll by itself, nothing moves.
 */
export function revealInPanel(panel: HTMLElement, target: HTMLElement | null): void {
  if (!target || panel.scrollHeight <= panel.clientHeight) return;
  const tour = panel.querySelector<HTMLElement>('.tour');
  const covered = tour && getComputedStyle(tour).position === 'sticky' ? tour.offsetHeight : 0;
  const offset = target.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  panel.scrollTo({
    top: panel.scrollTop + offset - covered - 16,
    behavior: still ? 'auto' : 'smooth',
  });
}
