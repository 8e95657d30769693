// The element's events: types, details, bubbling out of the shadow root, and cancelation.
import { expect } from '@open-wc/testing';
import {
  BocaErrorEvent,
  BocaSaveEvent,
  BocaSavedEvent,
  BocaSessionExpiredEvent,
} from '../../component/index.js';
import { PROFILE, SAVED, errorBody, mount, record, stubFetch, submit, type } from './helpers.js';

describe('events', () => {
  afterEach(() => stubFetch().restore());

  it('boca-save carries the changes before the request, bubbling and composed', async () => {
    const api = stubFetch().json(200, SAVED);
    let callsAtSave = -1;
    const saves = record(document.body, 'boca-save');
    document.body.addEventListener('boca-save', () => (callsAtSave = api.calls.length), {
      once: true,
    });
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(saves).to.have.length(1);
    const [save] = saves;
    expect(save instanceof BocaSaveEvent).to.equal(true);
    expect(save!.detail).to.deep.equal({ changes: { city: 'Laval' } });
    expect(save!.bubbles && save!.composed && save!.cancelable).to.equal(true);
    expect(callsAtSave, 'fired before the request').to.equal(0);
  });

  it('a canceled boca-save sends nothing', async () => {
    const api = stubFetch();
    const el = await mount({ 'session-token': 't' });
    el.addEventListener('boca-save', (event) => event.preventDefault());
    const saved = record(el, 'boca-saved');
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(api.calls).to.have.length(0);
    expect(saved).to.have.length(0);
  });

  it('boca-saved carries the result and the saved profile', async () => {
    stubFetch().json(200, SAVED);
    const saved = record(document.body, 'boca-saved');
    const el = await mount({ 'session-token': 't' });
    await type(el, 'postalCode', 'h2x 1y4');
    await submit(el);
    expect(saved).to.have.length(1);
    expect(saved[0] instanceof BocaSavedEvent).to.equal(true);
    expect(saved[0]!.composed).to.equal(true);
    expect(saved[0]!.detail).to.deep.equal({
      result: SAVED,
      profile: { ...PROFILE, postalCode: 'H2X 1Y4' },
    });
  });

  it('boca-error carries status, key, message, request id and field errors', async () => {
    const fieldErrors = [{ field: 'city', message: 'This field is required' }];
    stubFetch().json(400, errorBody('bad_request', 'Invalid', { requestId: 'req-9', fieldErrors }));
    const errors = record(document.body, 'boca-error');
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(errors).to.have.length(1);
    expect(errors[0] instanceof BocaErrorEvent).to.equal(true);
    expect(errors[0]!.composed).to.equal(true);
    expect(errors[0]!.detail).to.deep.equal({
      status: 400,
      error: 'bad_request',
      message: 'Invalid',
      requestId: 'req-9',
      fieldErrors,
    });
  });

  it('boca-session-expired follows a 401 on save, with boca-error before it', async () => {
    stubFetch().json(401, errorBody('unauthorized', 'Expired'));
    const order: string[] = [];
    const el = await mount({ 'session-token': 't' });
    for (const name of ['boca-error', 'boca-session-expired'] as const) {
      el.addEventListener(name, (event) => {
        order.push(name);
        if (name === 'boca-session-expired') {
          expect(event instanceof BocaSessionExpiredEvent).to.equal(true);
        }
      });
    }
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(order).to.deep.equal(['boca-error', 'boca-session-expired']);
  });

  it('fires nothing for client-side validation or mere typing', async () => {
    stubFetch();
    const el = await mount({ 'session-token': 't' });
    const seen: string[] = [];
    for (const name of ['boca-save', 'boca-saved', 'boca-error', 'boca-session-expired']) {
      el.addEventListener(name, () => seen.push(name));
    }
    await type(el, 'email', 'broken');
    await submit(el);
    await type(el, 'email', 'fine@example.com');
    expect(seen).to.deep.equal([]);
  });
});
