// Every answer of the BFF to a save, and what the user sees and keeps.
import { expect } from '@open-wc/testing';
import {
  $,
  $$,
  PROFILE,
  SAVED,
  button,
  control,
  descriptionOf,
  errorBody,
  errorOf,
  focused,
  has,
  jsonResponse,
  message,
  mount,
  record,
  sleep,
  status,
  stubFetch,
  submit,
  text,
  type,
} from './helpers.js';

describe('answers to a save', () => {
  afterEach(() => stubFetch().restore());

  describe('400 with fieldErrors', () => {
    const answer = errorBody('bad_request', 'Invalid fields', {
      fieldErrors: [
        { field: 'email', message: 'Must be a valid email address' },
        { field: 'city', message: 'Must be at most 100 characters' },
        { field: 'nickname', message: 'Unknown field' },
      ],
    });

    it('marks each field, lists all in a focused summary, unmatched ones included', async () => {
      stubFetch().json(400, answer);
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(control(el, 'email').getAttribute('aria-invalid')).to.equal('true');
      expect(descriptionOf(el, 'email')).to.contain('Must be a valid email address');
      expect(errorOf(el, 'city')).to.equal('Must be at most 100 characters');
      expect(focused(el)).to.equal('summary');
      const items = $$(el, '#summary li').map(text);
      expect(items).to.deep.equal([
        'Email: Must be a valid email address',
        'City: Must be at most 100 characters',
        'Nickname: Unknown field',
      ]);
      expect($$(el, '#summary a')).to.have.length(2);
      expect(control(el, 'city').value, 'the edit is kept').to.equal('Laval');
    });

    it('keeps an entry for a field that `fields` hides, without a link', async () => {
      stubFetch().json(400, answer);
      const el = await mount({ 'session-token': 't', fields: 'city,province' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(text($(el, '#summary'))).to.contain('Email: Must be a valid email address');
      expect($$(el, '#summary a').map(text)).to.deep.equal([
        'City: Must be at most 100 characters',
      ]);
    });

    it('translates the messages in French', async () => {
      stubFetch().json(400, answer);
      const el = await mount({ 'session-token': 't', locale: 'fr' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(errorOf(el, 'email')).to.equal('Doit être une adresse courriel valide');
      expect(errorOf(el, 'city')).to.equal('Doit contenir au plus 100 caractères');
      expect(text($(el, '#summary'))).to.contain('Nickname: Champ inconnu');
    });
  });

  describe('401', () => {
    it('asks for a new session, keeps the edit, and saves once the token is new', async () => {
      const api = stubFetch().json(401, errorBody('unauthorized', 'Expired')).json(200, SAVED);
      const expired = record(document.body, 'boca-session-expired');
      const el = await mount({ 'session-token': 'old' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(expired).to.have.length(1);
      expect(expired[0]!.detail).to.deep.equal({});
      expect(message(el)).to.contain('Your session has expired');
      expect(control(el, 'city').value).to.equal('Laval');

      el.setAttribute('session-token', 'new');
      await el.updateComplete;
      expect(message(el), 'the message stays until the user acts').to.contain('expired');
      await submit(el);
      expect(api.calls[1]!.headers.get('Authorization')).to.equal('Bearer new');
      expect(api.calls[1]!.headers.get('Idempotency-Key')).to.equal(
        api.calls[0]!.headers.get('Idempotency-Key'),
      );
      expect(status(el)).to.equal('Changes saved');
    });
  });

  describe('404, 409 and 422', () => {
    for (const [code, key, words] of [
      [404, 'not_found', 'No such user'],
      [409, 'conflict', 'A request with this Idempotency-Key is being processed'],
      [422, 'unprocessable_entity', 'Cannot change this while a review is open'],
    ] as const) {
      it(`shows the ${code} as a form-level message and keeps the edit`, async () => {
        stubFetch().json(code, errorBody(key, words));
        const el = await mount({ 'session-token': 't' });
        await type(el, 'city', 'Laval');
        await submit(el);
        expect(message(el)).to.equal(words);
        expect($(el, '[part~="message"]')!.getAttribute('role')).to.equal('alert');
        expect(control(el, 'city').value).to.equal('Laval');
      });
    }

    for (const [locale, words] of [
      ['en', 'You must be at least 18 years old.'],
      ['fr', 'Vous devez avoir au moins 18 ans.'],
    ]) {
      it(`speaks to the user about the age rule (${locale})`, async () => {
        stubFetch().json(
          422,
          errorBody('unprocessable_entity', 'User must be at least 18 years old'),
        );
        const el = await mount({ 'session-token': 't', locale: locale! });
        await type(el, 'city', 'Laval');
        await submit(el);
        expect(message(el)).to.equal(words);
      });
    }

    it('translates a known message into French', async () => {
      stubFetch().json(409, errorBody('conflict', 'Cannot be changed'));
      const el = await mount({ 'session-token': 't', locale: 'fr' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(message(el)).to.equal('Ne peut pas être modifié');
    });

    it('shows the server’s own words when there is no translation', async () => {
      stubFetch().json(409, errorBody('conflict', 'Email already in use'));
      const el = await mount({ 'session-token': 't', locale: 'fr' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(message(el)).to.equal('Email already in use');
    });
  });

  describe('429', () => {
    it('disables Save for Retry-After seconds with a visible countdown, then comes back', async () => {
      stubFetch().json(429, errorBody('too_many_requests', 'Slow down'), { 'Retry-After': '1' });
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(button(el, 'submit').disabled).to.equal(true);
      expect(message(el)).to.equal('Too many attempts. Try again in 1 s');
      await sleep(1150);
      await el.updateComplete;
      expect(button(el, 'submit').disabled).to.equal(false);
      expect(has(el, '[part~="message"]')).to.equal(false);
      expect(control(el, 'city').value).to.equal('Laval');
    });

    it('waits 5 s when the answer has no Retry-After', async () => {
      stubFetch().json(429, errorBody('too_many_requests', 'Slow down'));
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(message(el)).to.equal('Too many attempts. Try again in 5 s');
      expect(button(el, 'submit').disabled).to.equal(true);
    });

    it('counts down in French', async () => {
      stubFetch().json(429, errorBody('too_many_requests', 'x'), { 'Retry-After': '12' });
      const el = await mount({ 'session-token': 't', locale: 'fr' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(message(el)).to.equal('Trop de tentatives. Réessayez dans 12 s');
    });
  });

  describe('5xx and network failures', () => {
    it('gives the request id from the body for support', async () => {
      stubFetch().json(502, errorBody('bad_gateway', 'Upstream rejected our credentials'));
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(message(el)).to.contain('The profile service is not answering properly');
      expect(message(el)).to.contain('Reference: req-test-1');
      expect(message(el), 'never blames the user').to.not.contain('credentials');
      expect(control(el, 'city').value).to.equal('Laval');
    });

    it('reads the request id from X-Request-Id when the body has none', async () => {
      const api = stubFetch();
      window.fetch = async (input, init) => {
        api.calls.push({
          url: String(input),
          method: init?.method ?? 'GET',
          headers: new Headers(),
          body: null,
        });
        return new Response('<html>Service Unavailable</html>', {
          status: 503,
          headers: { 'X-Request-Id': 'req-from-header' },
        });
      };
      const errors = record(document.body, 'boca-error');
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(message(el)).to.contain('The profile service is unavailable right now');
      expect(message(el)).to.contain('Reference: req-from-header');
      expect(errors[0]!.detail).to.include({ status: 503, error: 'service_unavailable' });
    });

    it('says the server could not be reached when the network fails', async () => {
      stubFetch().offline();
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(message(el)).to.contain('We could not reach the server');
      expect(control(el, 'city').value).to.equal('Laval');
      expect(button(el, 'submit').disabled, 'the user may try again').to.equal(false);
    });
  });

  describe('success', () => {
    it('announces it, makes the saved values the baseline and shows them normalised', async () => {
      stubFetch().json(200, SAVED);
      const el = await mount({ 'session-token': 't' });
      await type(el, 'postalCode', 'h2x1y4');
      await type(el, 'city', ' Montréal ');
      await type(el, 'province', 'QC');
      await submit(el);
      expect(status(el)).to.equal('Changes saved');
      expect(has(el, '[aria-live="off"] [role="status"]')).to.equal(false);
      expect(control(el, 'postalCode').value).to.equal('H2X 1Y4');
      expect(control(el, 'city').value).to.equal('Montréal');
      expect(button(el, 'submit').disabled).to.equal(true);
      await type(el, 'city', 'Toronto');
      expect(button(el, 'submit').disabled, 'Toronto is now a change').to.equal(false);
      button(el, 'discard').click();
      await el.updateComplete;
      expect(control(el, 'city').value).to.equal('Montréal');
    });

    it('puts focus on the announcement when the focused Save button becomes disabled', async () => {
      stubFetch().json(200, SAVED);
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      button(el, 'submit').focus();
      button(el, 'submit').click();
      await sleep(50);
      await el.updateComplete;
      expect(focused(el)).to.equal('status');
    });

    it('keeps what the user typed while the save was on its way', async () => {
      const api = stubFetch();
      const release = api.hold(200, SAVED);
      const el = await mount({ 'session-token': 't' });
      await type(el, 'city', 'Laval');
      await submit(el);
      await type(el, 'firstName', 'Janet');
      release();
      await sleep(20);
      await el.updateComplete;
      expect(control(el, 'firstName').value).to.equal('Janet');
      expect(button(el, 'submit').disabled).to.equal(false);
    });
  });

  it('reads the profile it was given without changing it', async () => {
    stubFetch().json(200, SAVED);
    const given = { ...PROFILE };
    const el = await mount({ 'session-token': 't' }, given);
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(given).to.deep.equal(PROFILE);
  });

  it('treats an empty 200 as a success', async () => {
    const api = stubFetch();
    window.fetch = async (input, init) => {
      api.calls.push({
        url: String(input),
        method: init?.method ?? 'GET',
        headers: new Headers(),
        body: null,
      });
      return jsonResponse(200, undefined);
    };
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(status(el)).to.equal('Changes saved');
  });
});
