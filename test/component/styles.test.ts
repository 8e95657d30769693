// The look: shadow-DOM isolation both ways, theming through --boca-* alone (a dark look too),
// focus ring, reduced motion, the responsive grid, and a strict Content-Security-Policy.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { $, PROFILE, button, control, focused, mount, stubFetch } from './helpers.js';

const DARK = {
  '--boca-background': '#111827',
  '--boca-surface': '#1f2937',
  '--boca-text': '#f9fafb',
  '--boca-muted': '#9ca3af',
  '--boca-border': '#374151',
  '--boca-accent': '#60a5fa',
  '--boca-accent-text': '#0b1220',
  '--boca-color-scheme': 'dark',
};

const css = (el: Element) => getComputedStyle(el);

describe('styles', () => {
  afterEach(async () => {
    stubFetch().restore();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('keeps page styles out of the inputs', async () => {
    const style = document.createElement('style');
    style.textContent = 'input, select, label { color: rgb(255, 0, 0) !important; }';
    document.head.append(style);
    try {
      const el = await mount();
      expect(css(control(el, 'firstName')).color).to.not.equal('rgb(255, 0, 0)');
      expect(css($(el, 'label')!).color).to.not.equal('rgb(255, 0, 0)');
    } finally {
      style.remove();
    }
  });

  it('keeps its own styles off the page’s inputs', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><input name="page" /></div>`);
    const input = page.querySelector('input')!;
    const before = ['borderRadius', 'minHeight', 'padding', 'fontFamily', 'borderColor'].map(
      (key) => css(input)[key as 'padding'],
    );
    await mount();
    const after = ['borderRadius', 'minHeight', 'padding', 'fontFamily', 'borderColor'].map(
      (key) => css(input)[key as 'padding'],
    );
    expect(after).to.deep.equal(before);
  });

  it('takes a dark look from the custom properties alone', async () => {
    const el = await mount();
    const input = control(el, 'firstName');
    const light = { input: css(input).color, field: css(input).backgroundColor };
    for (const [name, value] of Object.entries(DARK)) el.style.setProperty(name, value);
    await new Promise((resolve) => setTimeout(resolve, 250)); // colour transitions end
    expect(css(input).color).to.equal('rgb(249, 250, 251)');
    expect(css(input).backgroundColor).to.equal('rgb(31, 41, 55)');
    expect(css($(el, 'label')!).color).to.equal('rgb(249, 250, 251)');
    expect(css($(el, 'form')!).backgroundColor).to.equal('rgb(17, 24, 39)');
    expect(css(input).borderTopColor).to.equal('rgb(55, 65, 81)');
    expect(css(button(el, 'submit')).backgroundColor).to.equal('rgb(96, 165, 250)');
    expect(css(input).colorScheme).to.equal('dark');
    expect(light.input).to.not.equal(css(input).color);
    expect(light.field).to.not.equal(css(input).backgroundColor);
  });

  it('shows a focus ring for keyboard focus', async () => {
    const el = await mount();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('f-firstName');
    expect(css(control(el, 'firstName')).boxShadow).to.not.equal('none');
  });

  it('animates nothing when the user prefers reduced motion', async () => {
    const el = await mount();
    expect(css(control(el, 'firstName')).transitionDuration).to.not.match(/^0s(, 0s)*$/);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(css(control(el, 'firstName')).transitionDuration).to.match(/^0s(, 0s)*$/);
    stubFetch().hold(200, PROFILE);
    const loading = await mount({ 'session-token': 't' }, null);
    expect(css($(loading, '.skeleton span')!).animationName).to.equal('none');
  });

  it('puts short fields side by side, and stacks them on narrow widths', async () => {
    const el = await mount();
    const top = (name: string) => control(el, name).getBoundingClientRect().top;
    el.style.width = '760px';
    await el.updateComplete;
    expect(top('lastName')).to.equal(top('firstName'));
    expect(top('province')).to.equal(top('city'));
    el.style.width = '340px';
    await new Promise(requestAnimationFrame);
    expect(top('lastName')).to.be.greaterThan(top('firstName'));
  });

  it('works under a strict Content-Security-Policy', async () => {
    const frame = document.createElement('iframe');
    const report = new Promise<Record<string, unknown>>((resolve) =>
      window.addEventListener('message', function listen(event: MessageEvent) {
        if (!event.data?.csp) return;
        window.removeEventListener('message', listen);
        resolve(event.data.csp);
      }),
    );
    frame.src = new URL('./fixtures/csp.html', import.meta.url).href;
    document.body.append(frame);
    try {
      expect(await report).to.deep.equal({
        violations: [],
        rendered: true,
        styled: '44px',
        evalBlocked: true,
      });
    } finally {
      frame.remove();
    }
  });
});
