// Accessibility first: axe finds no violation in any state a user can meet.
import { expect } from '@open-wc/testing';
import { PROFILE, SAVED, errorBody, mount, sleep, stubFetch, submit, type } from './helpers.js';

describe('accessibility', () => {
  afterEach(() => stubFetch().restore());

  it('has no violations in the default state', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
  });

  it('has no violations with client-side errors and the summary showing', async () => {
    const el = await mount();
    await type(el, 'email', 'not-an-email');
    await type(el, 'firstName', '');
    await submit(el);
    await expect(el).to.be.accessible();
  });

  it('has no violations with server field errors, one of them unmatched', async () => {
    stubFetch().json(
      400,
      errorBody('bad_request', 'Invalid', {
        fieldErrors: [
          { field: 'city', message: 'This field is required' },
          { field: 'nickname', message: 'Unknown field' },
        ],
      }),
    );
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await submit(el);
    await expect(el).to.be.accessible();
  });

  it('has no violations in French, with a form-level failure', async () => {
    stubFetch().json(503, errorBody('service_unavailable', 'Down'));
    const el = await mount({ locale: 'fr', 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await submit(el);
    await expect(el).to.be.accessible();
  });

  it('has no violations in a dark theme set through the custom properties, errors showing', async () => {
    const el = await mount();
    const dark = {
      '--boca-background': '#111827',
      '--boca-surface': '#1f2937',
      '--boca-text': '#f9fafb',
      '--boca-muted': '#9ca3af',
      '--boca-border': '#374151',
      '--boca-accent': '#60a5fa',
      '--boca-accent-text': '#0b1220',
      '--boca-error': '#f87171',
      '--boca-success': '#4ade80',
      '--boca-color-scheme': 'dark',
    };
    for (const [name, value] of Object.entries(dark)) el.style.setProperty(name, value);
    await type(el, 'email', 'nope');
    await submit(el);
    await new Promise((resolve) => setTimeout(resolve, 250)); // colour transitions end
    await expect(el).to.be.accessible();
  });

  it('has no violations while a save is in flight, and after a 429 wait ends', async () => {
    const release = stubFetch().hold(200, SAVED);
    const saving = await mount({ 'session-token': 't' });
    await type(saving, 'city', 'Laval');
    await submit(saving);
    await expect(saving).to.be.accessible();
    release();

    stubFetch().json(429, errorBody('too_many_requests', 'Slow down'), { 'Retry-After': '1' });
    const waited = await mount({ 'session-token': 't', locale: 'fr' });
    await type(waited, 'city', 'Laval');
    await submit(waited);
    await sleep(1100);
    await expect(waited).to.be.accessible();
  });

  it('has no violations without a session, and after a load refused with 401', async () => {
    const warn = console.warn;
    console.warn = () => {};
    const none = await mount({}, null);
    await sleep(2100);
    await expect(none).to.be.accessible();
    console.warn = warn;

    stubFetch().json(401, errorBody('unauthorized', 'Expired'));
    const expired = await mount({ 'session-token': 't', locale: 'fr' }, null);
    await expect(expired).to.be.accessible();
  });

  it('has no violations with read-only fields and a save under review', async () => {
    stubFetch().json(200, { ...SAVED, status: 'pendingCompliance' });
    const el = await mount({
      'session-token': 't',
      'readonly-fields': 'lastName, dateOfBirth, province, isCiroAffiliate',
    });
    await expect(el).to.be.accessible();
    await type(el, 'firstName', 'Janet');
    await submit(el);
    await expect(el).to.be.accessible();
  });

  it('has no violations while loading and after a failed load', async () => {
    const api = stubFetch();
    const release = api.hold(200, PROFILE);
    const loading = await mount({ 'session-token': 't' }, null);
    await expect(loading).to.be.accessible();
    release();

    stubFetch().json(500, errorBody('internal_error', 'Boom'));
    const failed = await mount({ 'session-token': 't' }, null);
    await expect(failed).to.be.accessible();
  });
});
