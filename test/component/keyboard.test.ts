// Keyboard-only use with real key presses: Tab through the fields to Save, Enter submits,
// Space toggles the checkbox.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PROFILE_FIELDS } from '../../contract/profile.js';
import { SAVED, control, mount, root, status, stubFetch, settle } from './helpers.js';
import type { BocaUserProfile } from '../../component/index.js';

/** The name (or part) of what has focus inside the element. */
const focused = (el: BocaUserProfile) => {
  const active = root(el).activeElement as HTMLInputElement | null;
  return active?.name || active?.getAttribute('part') || '';
};

describe('keyboard', () => {
  afterEach(() => stubFetch().restore());

  it('Tab visits every field in order, then Save; Enter on Save submits', async () => {
    const api = stubFetch().json(200, SAVED);
    const el = await mount({ 'session-token': 't' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('firstName');
    // Tab selects the whole value, so typing replaces it.
    await sendKeys({ type: 'Janet' });
    const visited = ['firstName'];
    // Chrome's date input has a tab stop per part (day, month, year): keep distinct names only.
    for (let i = 0; i < 30 && focused(el) !== 'submit'; i++) {
      await sendKeys({ press: 'Tab' });
      if (visited.at(-1) !== focused(el)) visited.push(focused(el));
    }
    expect(visited).to.deep.equal([...PROFILE_FIELDS, 'submit']);
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(api.calls.map((call) => call.body)).to.deep.equal([{ firstName: 'Janet' }]);
    expect(status(el)).to.equal('Changes saved');
  });

  it('Enter in a text field submits the form', async () => {
    const api = stubFetch().json(200, SAVED);
    const el = await mount({ 'session-token': 't' });
    control(el, 'city').focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: 'x' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(api.calls.map((call) => call.body)).to.deep.equal([{ city: 'Torontox' }]);
  });

  it('Space toggles the CIRO checkbox', async () => {
    const el = await mount();
    const box = control(el, 'isCiroAffiliate');
    box.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(box.checked).to.equal(true);
    expect(focused(el)).to.equal('isCiroAffiliate');
    await sendKeys({ press: 'Tab' });
    expect(focused(el), 'Save is enabled by the change').to.equal('submit');
  });
});
