/**
 * The portal's notice: a few words beside the element's Save bar, where the user is looking after
 * pressing it. It floats just above the bar (however tall the bar is on this screen and in this
 * language), so showing it moves nothing on the page; it stays until dismissed or the next save.
 *
 * @example
 *   const notice = createNotice(() => document.querySelector('boca-user-profile')!);
 *   notice.say('Your session had expired: we renewed it and saved your changes.', 'success');
 */
import { byId } from './dom.js';

export function createNotice(element: () => HTMLElement) {
  const box = byId('notice');
  const words = byId('notice-text');
  const close = byId<HTMLButtonElement>('notice-close');

  function unsay() {
    words.textContent = '';
    box.classList.remove('is-shown');
    close.hidden = true;
  }
  close.addEventListener('click', unsay);

  return {
    say(message: string, kind: 'info' | 'success' = 'info') {
      const bar = element().shadowRoot?.querySelector('[part~="actions"]');
      if (bar) {
        const anchor = box.parentElement!.getBoundingClientRect().top;
        const above = Math.max(0, Math.round(anchor - bar.getBoundingClientRect().top));
        box.style.setProperty('--above-save', `${above + 8}px`);
      }
      box.dataset.kind = kind;
      words.textContent = message;
      box.classList.add('is-shown');
      close.hidden = false;
    },
    unsay,
  };
}
