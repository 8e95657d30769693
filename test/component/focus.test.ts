// Progress and focus: a save in flight is announced, focus never falls to <body>, and notices
// come into view clear of a portal's sticky header.
import { expect } from '@open-wc/testing';
import {
  $,
  SAVED,
  PROFILE,
  button,
  errorBody,
  focused,
  mount,
  settle,
  sleep,
  status,
  stubFetch,
  submit,
  type,
} from './helpers.js';
import type { BocaUserProfile } from '../../component/index.js';

/** Clicks the focused Save button as a user would, and lets the click's work start. */
async function clickSave(el: BocaUserProfile): Promise<void> {
  button(el, 'submit').focus();
  button(el, 'submit').click();
  await el.updateComplete;
}

/** Whether focus is on something inside the element (never lost to <body>). */
const focusInside = (el: HTMLElement) => document.activeElement === el && focused(el) !== '';

describe('progress and focus', () => {
  let page: HTMLElement | undefined;
  afterEach(() => {
    page?.remove();
    page = undefined;
    stubFetch().restore();
  });

  it('says "Saving…" in a polite live region while in flight, with focus kept on Save', async () => {
    const release = stubFetch().hold(200, SAVED);
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await clickSave(el);
    expect(status(el)).to.equal('Saving…');
    expect($(el, '[role="status"]')!.getAttribute('role')).to.equal('status');
    expect($(el, 'form')!.getAttribute('aria-busy')).to.equal('true');
    expect(button(el, 'submit').getAttribute('aria-disabled')).to.equal('true');
    expect(focusInside(el), 'focus stays on Save').to.equal(true);
    expect(focused(el)).to.equal('submit');
    release();
    await settle(el);
    expect(status(el)).to.equal('Changes saved');
    expect($(el, 'form')!.getAttribute('aria-busy')).to.equal('false');
    expect(focused(el)).to.equal('status');
  });

  it('ignores a second press of Save while the first is in flight', async () => {
    const api = stubFetch();
    const release = api.hold(200, SAVED);
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await clickSave(el);
    button(el, 'submit').click();
    await settle(el);
    expect(api.calls).to.have.length(1);
    release();
    await settle(el);
  });

  it('says it in French', async () => {
    const release = stubFetch().hold(200, SAVED);
    const el = await mount({ 'session-token': 't', locale: 'fr' });
    await type(el, 'city', 'Laval');
    await clickSave(el);
    expect(status(el)).to.equal('Enregistrement…');
    release();
    await settle(el);
  });

  it('keeps focus inside while the token is renewed, and on the outcome after', async () => {
    stubFetch().json(401, errorBody('unauthorized', 'Expired')).json(200, SAVED);
    let give!: (token: string) => void;
    const el = await mount({ 'session-token': 'old' });
    el.tokenProvider = () => new Promise((resolve) => (give = resolve));
    await type(el, 'city', 'Laval');
    await clickSave(el);
    await settle(el);
    expect(status(el)).to.equal('Saving…');
    expect(focusInside(el), 'while renewing').to.equal(true);
    give('fresh');
    await settle(el);
    expect(status(el)).to.equal('Changes saved');
    expect(focusInside(el), 'after renewal').to.equal(true);
  });

  it('when a 429 wait ends, says Save works again and gives it focus', async () => {
    stubFetch().json(429, errorBody('too_many_requests', 'Slow down'), { 'Retry-After': '1' });
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await clickSave(el);
    await settle(el);
    expect(focusInside(el), 'during the wait').to.equal(true);
    await sleep(1100);
    await settle(el);
    expect(status(el)).to.equal('You can save again.');
    expect(focused(el)).to.equal('submit');
    expect(document.activeElement).to.equal(el);
  });

  it('says it in French when the wait ends', async () => {
    stubFetch().json(429, errorBody('too_many_requests', 'x'), { 'Retry-After': '1' });
    const el = await mount({ 'session-token': 't', locale: 'fr' });
    await type(el, 'city', 'Laval');
    await clickSave(el);
    await sleep(1100);
    await settle(el);
    expect(status(el)).to.equal('Vous pouvez enregistrer de nouveau.');
  });

  it('brings the error summary into view clear of a sticky header', async () => {
    page = document.createElement('div');
    page.innerHTML = `<header style="position:sticky;top:0;height:150px;background:#fff;z-index:1">
      Portal</header><div style="height:1200px"></div>`;
    const el = document.createElement('boca-user-profile');
    el.profile = PROFILE;
    page.append(el, Object.assign(document.createElement('div'), { style: 'height:1200px' }));
    document.body.append(page);
    await settle(el);
    await type(el, 'email', 'not-an-email');
    // The summary will appear at the top of the form: in the viewport, but under the header
    // (as in a browser without scroll anchoring), where a plain focus() leaves it.
    document.documentElement.style.overflowAnchor = 'none';
    scrollBy(0, $(el, 'form')!.getBoundingClientRect().top + 10);
    await submit(el);
    document.documentElement.style.overflowAnchor = '';
    expect(focused(el)).to.equal('summary');
    const box = $(el, '#summary')!.getBoundingClientRect();
    expect(box.top, 'below the sticky header').to.be.at.least(150);
    expect(box.bottom, 'inside the viewport').to.be.at.most(innerHeight);
  });
});
