// Editing: only changed fields are sent, Save and Discard follow the edits, and the contract's
// rules run before anything is sent.
import { expect } from '@open-wc/testing';
import {
  $,
  PROFILE,
  SAVED,
  button,
  control,
  descriptionOf,
  errorOf,
  focused,
  has,
  mount,
  record,
  settle,
  stubFetch,
  submit,
  text,
  toggle,
  type,
} from './helpers.js';

describe('editing', () => {
  afterEach(() => stubFetch().restore());

  describe('Save and Discard', () => {
    it('are disabled while nothing changed, enabled by a change, disabled again when undone', async () => {
      const el = await mount();
      expect(button(el, 'submit').disabled).to.equal(true);
      expect(button(el, 'discard').disabled).to.equal(true);
      await type(el, 'city', 'Laval');
      expect(button(el, 'submit').disabled).to.equal(false);
      expect(button(el, 'discard').disabled).to.equal(false);
      await type(el, 'city', '  Toronto ');
      expect(button(el, 'submit').disabled, 'spaces are not a change').to.equal(true);
    });

    it('Discard restores the last saved values', async () => {
      const el = await mount();
      await type(el, 'city', 'Laval');
      await toggle(el, 'isCiroAffiliate');
      button(el, 'discard').click();
      await el.updateComplete;
      expect(control(el, 'city').value).to.equal('Toronto');
      expect(control(el, 'isCiroAffiliate').checked).to.equal(false);
      expect(button(el, 'submit').disabled).to.equal(true);
    });

    it('Save is disabled (yet focusable) while a save is on its way, and the form is busy', async () => {
      const api = stubFetch();
      const release = api.hold(200, SAVED);
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(button(el, 'submit').getAttribute('aria-disabled')).to.equal('true');
      expect($(el, 'form')!.getAttribute('aria-busy')).to.equal('true');
      release();
      await settle(el);
      expect($(el, 'form')!.getAttribute('aria-busy')).to.equal('false');
    });
  });

  describe('what is sent', () => {
    it('sends only the changed fields, normalised like the contract', async () => {
      const api = stubFetch().json(200, SAVED);
      const el = await mount({ 'session-token': 'tok' });
      await type(el, 'firstName', '  Janet ');
      await type(el, 'postalCode', 'm5v1z8');
      await type(el, 'addressLine2', '   ');
      await type(el, 'occupation', '');
      await toggle(el, 'isCiroAffiliate');
      await submit(el);
      expect(api.calls).to.have.length(1);
      const [call] = api.calls;
      expect(call!.method).to.equal('PATCH');
      expect(call!.headers.get('Content-Type')).to.equal('application/json');
      expect(call!.headers.get('Authorization')).to.equal('Bearer tok');
      expect(call!.body).to.deep.equal({
        firstName: 'Janet',
        addressLine2: null,
        postalCode: 'M5V 1Z8',
        occupation: null,
        isCiroAffiliate: true,
      });
    });

    it('does not count a field the profile lacks as a change', async () => {
      const { occupation: _o, addressLine2: _a, isCiroAffiliate: _c, ...partial } = PROFILE;
      const el = await mount({}, partial as typeof PROFILE);
      expect(button(el, 'submit').disabled).to.equal(true);
      await type(el, 'occupation', 'Pilot');
      expect(button(el, 'submit').disabled).to.equal(false);
    });

    it('does not count a differently written but equal value as a change', async () => {
      const el = await mount();
      await type(el, 'postalCode', 'm5v2t6');
      expect(button(el, 'submit').disabled).to.equal(true);
    });
  });

  describe('when a value breaks a rule', () => {
    it('sends nothing, marks the field, and focuses the summary', async () => {
      const api = stubFetch();
      const saves = record(el0(), 'boca-save');
      const el = await mount({ 'session-token': 't' });
      await type(el, 'email', 'jane@');
      await type(el, 'firstName', '');
      await submit(el);
      expect(api.calls).to.have.length(0);
      expect(saves).to.have.length(0);
      const email = control(el, 'email');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(errorOf(el, 'email')).to.equal('Must be a valid email address');
      expect(descriptionOf(el, 'email')).to.contain('Must be a valid email address');
      expect(errorOf(el, 'firstName')).to.equal('This field is required');
      expect(control(el, 'lastName').hasAttribute('aria-invalid')).to.equal(false);
      expect(focused(el)).to.equal('summary');
      const summary = $(el, '#summary');
      expect(text(summary)).to.contain('Email: Must be a valid email address');
      expect(text(summary)).to.contain('First name: This field is required');
    });

    it('links each summary entry to its field', async () => {
      const el = await mount();
      await type(el, 'postalCode', '12345');
      await submit(el);
      const link = $<HTMLAnchorElement>(el, '#summary a')!;
      expect(text(link)).to.equal('Postal code: Must be a Canadian postal code, such as A1A 1A1');
      link.click();
      expect(focused(el)).to.equal('f-postalCode');
    });

    it('checks a field when the user leaves it, before any submit', async () => {
      const el = await mount();
      await type(el, 'dateOfBirth', '2999-01-01');
      expect(errorOf(el, 'dateOfBirth')).to.equal('Cannot be in the future');
      expect(control(el, 'dateOfBirth').getAttribute('aria-invalid')).to.equal('true');
      expect(has(el, '#summary')).to.equal(false);
    });

    it('clears the error as soon as the value is fixed', async () => {
      const el = await mount();
      await type(el, 'email', 'nope');
      expect(errorOf(el, 'email')).to.not.equal('');
      const email = control(el, 'email');
      email.value = 'jane@example.org';
      email.dispatchEvent(new Event('input', { bubbles: true }));
      await el.updateComplete;
      expect(errorOf(el, 'email')).to.equal('');
      expect(email.hasAttribute('aria-invalid')).to.equal(false);
      expect(email.getAttribute('aria-describedby') ?? '').to.not.contain('e-email');
    });

    it('applies the age rule before sending', async () => {
      const api = stubFetch();
      const el = await mount({ 'session-token': 't' });
      const year = new Date().getUTCFullYear() - 10;
      await type(el, 'dateOfBirth', `${year}-01-01`);
      await submit(el);
      expect(api.calls).to.have.length(0);
      expect(errorOf(el, 'dateOfBirth')).to.equal('You must be at least 18 years old.');
    });
  });
});

/** The events bubble out of the shadow root to the document. */
const el0 = () => document.body;
