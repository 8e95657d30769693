// Loading the profile from the BFF: the token, the loading state, failures and retries.
import { expect } from '@open-wc/testing';
import {
  $,
  PROFILE,
  button,
  control,
  errorBody,
  has,
  message,
  mount,
  record,
  settle,
  stubFetch,
  text,
  type,
} from './helpers.js';

describe('loading', () => {
  afterEach(() => stubFetch().restore());

  it('loads the profile from GET {api-base}/profile with the bearer token', async () => {
    const api = stubFetch().json(200, PROFILE);
    const el = await mount(
      { 'api-base': 'https://bff.example/api/', 'session-token': 'tok-1' },
      null,
    );
    expect(api.calls).to.have.length(1);
    expect(api.calls[0]!.url).to.equal('https://bff.example/api/profile');
    expect(api.calls[0]!.method).to.equal('GET');
    expect(api.calls[0]!.headers.get('Authorization')).to.equal('Bearer tok-1');
    expect(control(el, 'city').value).to.equal('Toronto');
  });

  it('defaults api-base to /api', async () => {
    const api = stubFetch().json(200, PROFILE);
    await mount({ 'session-token': 't' }, null);
    expect(new URL(api.calls[0]!.url, location.href).pathname).to.equal('/api/profile');
  });

  it('waits for a session token before loading', async () => {
    const api = stubFetch().json(200, PROFILE);
    const el = await mount({}, null);
    expect(api.calls).to.have.length(0);
    expect(has(el, '[aria-busy="true"]')).to.equal(true);
    el.sessionToken = 'late';
    await settle(el);
    expect(api.calls).to.have.length(1);
    expect(control(el, 'firstName').value).to.equal('Jane');
  });

  it('does not load when the profile property is set', async () => {
    const api = stubFetch();
    const el = await mount({ 'session-token': 't' });
    expect(api.calls).to.have.length(0);
    expect(control(el, 'email').value).to.equal(PROFILE.email);
  });

  it('shows a busy, labelled loading state while the answer is on its way', async () => {
    const api = stubFetch();
    const release = api.hold(200, PROFILE);
    const el = await mount({ 'session-token': 't' }, null);
    expect(has(el, '[aria-busy="true"]')).to.equal(true);
    expect(text($(el, '[role="status"]'))).to.equal('Loading your profile…');
    expect(has(el, 'form')).to.equal(false);
    release();
    await settle(el);
    expect(has(el, '[aria-busy="true"]')).to.equal(false);
    expect(has(el, 'form')).to.equal(true);
  });

  it('says when the load failed, with the request id, and tries again on request', async () => {
    const api = stubFetch()
      .json(500, errorBody('internal_error', 'Boom', { requestId: 'req-load-1' }))
      .json(200, PROFILE);
    const errors = record(document.body, 'boca-error');
    const el = await mount({ 'session-token': 't' }, null);
    expect(message(el)).to.contain('We could not load your profile.');
    expect(message(el)).to.contain('Something went wrong on our side');
    expect(message(el)).to.contain('Reference: req-load-1');
    expect(errors.map((e) => e.detail)).to.deep.equal([
      {
        status: 500,
        error: 'internal_error',
        message: 'Boom',
        requestId: 'req-load-1',
        fieldErrors: [],
      },
    ]);
    const retry = button(el, 'retry');
    expect(text(retry)).to.equal('Try again');
    retry.click();
    await settle(el);
    expect(api.calls).to.have.length(2);
    expect(control(el, 'city').value).to.equal('Toronto');
  });

  it('after a 401 asks for a new session and reloads with the new token', async () => {
    const api = stubFetch()
      .json(401, errorBody('unauthorized', 'Token expired'))
      .json(200, PROFILE);
    const expired = record(document.body, 'boca-session-expired');
    const el = await mount({ 'session-token': 'old' }, null);
    expect(expired).to.have.length(1);
    expect(expired[0]!.detail).to.deep.equal({});
    expect(message(el)).to.contain('Your session has expired');
    el.setAttribute('session-token', 'new');
    await settle(el);
    expect(api.calls.map((c) => c.headers.get('Authorization'))).to.deep.equal([
      'Bearer old',
      'Bearer new',
    ]);
    expect(control(el, 'firstName').value).to.equal('Jane');
  });

  it('keeps the edits when the token changes after a successful load', async () => {
    const api = stubFetch().json(200, PROFILE);
    const el = await mount({ 'session-token': 'one' }, null);
    await type(el, 'city', 'Laval');
    el.sessionToken = 'two';
    await settle(el);
    expect(api.calls).to.have.length(1);
    expect(control(el, 'city').value).to.equal('Laval');
  });

  it('reports an unreachable BFF as a network failure', async () => {
    stubFetch().offline();
    const errors = record(document.body, 'boca-error');
    const el = await mount({ 'session-token': 't' }, null);
    expect(message(el)).to.contain('We could not reach the server');
    expect(errors[0]!.detail.status).to.equal(0);
    expect(errors[0]!.detail.error).to.equal('network_error');
  });
});
