// One click on Save, with a real mouse: a field's blur-time error must not move Save away from
// under the pointer between mouse-down and mouse-up.
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { $, button, control, errorOf, focused, mount, settle, stubFetch, text } from './helpers.js';
import type { BocaUserProfile } from '../../component/index.js';

/** Presses and releases the mouse near the top edge of an element, as a user's click. */
async function click(el: BocaUserProfile, target: HTMLElement): Promise<void> {
  const box = target.getBoundingClientRect();
  const position: [number, number] = [
    Math.round(box.left + box.width / 2),
    Math.round(box.top + 3),
  ];
  await sendMouse({ type: 'move', position });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'up' });
  await settle(el);
}

/** Types a bad email into the field as a user would, leaving focus in it. */
async function typeBadEmail(el: BocaUserProfile): Promise<void> {
  control(el, 'email').focus();
  control(el, 'email').select();
  await sendKeys({ type: 'not-an-email' });
  await el.updateComplete;
}

describe('one click on Save', () => {
  // The whole form in view and the page not scrolled (so no scroll anchoring hides a shift), as
  // on a portal's profile page.
  before(() => setViewport({ width: 900, height: 1400 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(async () => {
    stubFetch().restore();
    await resetMouse();
  });

  it('shows the summary when leaving a field for Save makes its error appear', async () => {
    const api = stubFetch();
    const el = await mount({ 'session-token': 't' });
    await typeBadEmail(el);
    await click(el, button(el, 'submit'));
    expect(focused(el), 'the click was not lost').to.equal('summary');
    expect(text($(el, '#summary'))).to.contain('Email: Must be a valid email address');
    expect(errorOf(el, 'email')).to.equal('Must be a valid email address');
    expect(api.calls).to.have.length(0);
  });

  it('shows the error once the pointer is released elsewhere', async () => {
    const el = await mount({ 'session-token': 't' });
    await typeBadEmail(el);
    await click(el, control(el, 'occupation'));
    expect(errorOf(el, 'email')).to.equal('Must be a valid email address');
    expect(focused(el)).to.equal('f-occupation');
  });
});
