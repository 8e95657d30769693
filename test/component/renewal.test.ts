// The embed token: asked of the page's tokenProvider, renewed after a 401 without losing the save.
import { expect } from '@open-wc/testing';
import {
  SAVED,
  PROFILE,
  control,
  errorBody,
  focused,
  message,
  mount,
  record,
  settle,
  status,
  stubFetch,
  submit,
  type,
} from './helpers.js';
import type { BocaUserProfile } from '../../component/index.js';

/** A token provider that hands out the given tokens in order (an Error is thrown instead). */
function provider(...answers: (string | Error)[]) {
  const asked: number[] = [];
  const provide = async () => {
    asked.push(asked.length + 1);
    const answer = answers.shift();
    if (answer === undefined || answer instanceof Error) throw answer ?? new Error('none left');
    return answer;
  };
  return Object.assign(provide, { asked });
}

/** Mounts the element with a provider set before it first renders, as a page would. */
async function mountWith(
  provide: () => Promise<string>,
  attributes: Record<string, string> = {},
  profile: typeof PROFILE | null = PROFILE,
): Promise<BocaUserProfile> {
  const el = document.createElement('boca-user-profile');
  el.tokenProvider = provide;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (profile) el.profile = profile;
  document.body.append(el);
  await settle(el);
  return el;
}

const expired = () => errorBody('unauthorized', 'Token expired');

describe('token renewal', () => {
  let el: BocaUserProfile | undefined;
  afterEach(() => {
    el?.remove();
    stubFetch().restore();
  });

  it('asks the provider before the first load when there is no session-token', async () => {
    const api = stubFetch().json(200, PROFILE);
    const provide = provider('first');
    el = await mountWith(provide, {}, null);
    expect(provide.asked).to.have.length(1);
    expect(api.calls[0]!.headers.get('Authorization')).to.equal('Bearer first');
    expect(control(el, 'city').value).to.equal('Toronto');
  });

  it('asks the provider before the first save when the profile was given and no token', async () => {
    const api = stubFetch().json(200, SAVED);
    const provide = provider('first');
    el = await mountWith(provide);
    expect(provide.asked, 'nothing to load, so not asked yet').to.have.length(0);
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(provide.asked).to.have.length(1);
    expect(api.calls[0]!.headers.get('Authorization')).to.equal('Bearer first');
    expect(status(el)).to.equal('Changes saved');
  });

  it('after a 401 on save, sends the same save again with a new token and the same key, once', async () => {
    const api = stubFetch().json(401, expired()).json(200, SAVED);
    const provide = provider('fresh');
    const events = [
      record(document.body, 'boca-error'),
      record(document.body, 'boca-session-expired'),
    ];
    el = await mountWith(provide, { 'session-token': 'old' });
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(api.calls.map((c) => c.headers.get('Authorization'))).to.deep.equal([
      'Bearer old',
      'Bearer fresh',
    ]);
    expect(api.calls[1]!.body).to.deep.equal({ city: 'Laval' });
    expect(api.calls[1]!.headers.get('Idempotency-Key')).to.equal(
      api.calls[0]!.headers.get('Idempotency-Key'),
    );
    expect(status(el)).to.equal('Changes saved');
    expect(events.flat(), 'a renewed token is no failure').to.have.length(0);
  });

  it('keeps using the renewed token for the next save', async () => {
    const api = stubFetch().json(401, expired()).json(200, SAVED).json(200, SAVED);
    el = await mountWith(provider('fresh'), { 'session-token': 'old' });
    await type(el, 'city', 'Laval');
    await submit(el);
    await type(el, 'city', 'Québec');
    await submit(el);
    expect(api.calls[2]!.headers.get('Authorization')).to.equal('Bearer fresh');
  });

  for (const [what, answers] of [
    ['the second answer is a 401 too', ['fresh']],
    ['the provider fails', [new Error('endpoint down')]],
  ] as const) {
    it(`when ${what}, stops and says so in a focused message, edits kept`, async () => {
      const api = stubFetch().json(401, expired()).json(401, expired());
      const expiredEvents = record(document.body, 'boca-session-expired');
      el = await mountWith(provider(...answers), { 'session-token': 'old' });
      await type(el, 'city', 'Laval');
      await submit(el);
      expect(api.calls.length, 'sent again once at most').to.be.at.most(2);
      expect(message(el)).to.equal(
        'We could not renew your session. Your changes are kept: try saving again in a moment.',
      );
      expect(focused(el)).to.equal('message');
      expect(control(el, 'city').value).to.equal('Laval');
      expect(expiredEvents).to.have.length(1);
    });
  }

  it('says it in French', async () => {
    stubFetch().json(401, expired());
    el = await mountWith(provider(new Error('down')), { 'session-token': 'old', locale: 'fr' });
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(message(el)).to.contain('Nous n’avons pas pu renouveler votre session.');
  });

  describe('without a provider', () => {
    it('keeps the session message when the page sets a new token, until the user saves again', async () => {
      const api = stubFetch().json(401, expired()).json(200, SAVED);
      const expiredEvents = record(document.body, 'boca-session-expired');
      const saved = await mount({ 'session-token': 'old' });
      await type(saved, 'city', 'Laval');
      await submit(saved);
      expect(expiredEvents).to.have.length(1);
      expect(focused(saved)).to.equal('message');
      saved.sessionToken = 'new';
      await settle(saved);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(message(saved)).to.contain('Your session has expired');
      await submit(saved);
      expect(api.calls[1]!.headers.get('Authorization')).to.equal('Bearer new');
      expect(api.calls[1]!.headers.get('Idempotency-Key')).to.equal(
        api.calls[0]!.headers.get('Idempotency-Key'),
      );
      expect(status(saved)).to.equal('Changes saved');
    });
  });
});
