// The Idempotency-Key belongs to one exact set of changes: kept while the same changes may be
// retried, renewed when they change or were refused for good, retired by a success.
import { expect } from '@open-wc/testing';
import { isUuid } from '../../contract/api.js';
import { SAVED, errorBody, mount, sleep, stubFetch, submit, type } from './helpers.js';

const keys = (api: ReturnType<typeof stubFetch>) =>
  api.calls.map((call) => call.headers.get('Idempotency-Key'));

/** Saves a city change, gets `first` as the answer, then saves again (possibly changed). */
async function twoSaves(
  first: (api: ReturnType<typeof stubFetch>) => void,
  secondCity = 'Laval',
  headers = {},
) {
  const api = stubFetch();
  first(api);
  api.json(200, SAVED, headers);
  const el = await mount({ 'session-token': 't' });
  await type(el, 'city', 'Laval');
  await submit(el);
  await type(el, 'city', secondCity);
  await submit(el);
  expect(api.calls, 'both saves were sent').to.have.length(2);
  return keys(api);
}

describe('the Idempotency-Key', () => {
  afterEach(() => stubFetch().restore());

  it('is a UUID sent with every save', async () => {
    const api = stubFetch().json(200, SAVED);
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await submit(el);
    expect(isUuid(keys(api)[0] ?? '')).to.equal(true);
  });

  const kept: [string, (api: ReturnType<typeof stubFetch>) => void][] = [
    ['no answer (network failure)', (api) => api.offline()],
    ['500', (api) => api.json(500, errorBody('internal_error', 'x'))],
    ['502', (api) => api.json(502, errorBody('bad_gateway', 'x'))],
    ['503', (api) => api.json(503, errorBody('service_unavailable', 'x'))],
    ['504', (api) => api.json(504, errorBody('gateway_timeout', 'x'))],
    ['401', (api) => api.json(401, errorBody('unauthorized', 'x'))],
    ['409', (api) => api.json(409, errorBody('conflict', 'x'))],
  ];
  for (const [answer, script] of kept) {
    it(`is reused for the same changes after ${answer}`, async () => {
      const [first, second] = await twoSaves(script);
      expect(second).to.equal(first);
    });
  }

  it('is reused for the same changes after a 429, once the wait is over', async () => {
    const api = stubFetch()
      .json(429, errorBody('too_many_requests', 'x'), { 'Retry-After': '1' })
      .json(200, SAVED);
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await submit(el);
    await sleep(1050);
    await submit(el);
    expect(api.calls).to.have.length(2);
    const [first, second] = keys(api);
    expect(second).to.equal(first);
  });

  it('is new for changed edits after a retryable failure', async () => {
    const [first, second] = await twoSaves((api) => api.offline(), 'Montréal');
    expect(second).to.not.equal(first);
  });

  const renewed: [string, (api: ReturnType<typeof stubFetch>) => void][] = [
    ['400', (api) => api.json(400, errorBody('bad_request', 'x'))],
    ['404', (api) => api.json(404, errorBody('not_found', 'x'))],
    ['422', (api) => api.json(422, errorBody('unprocessable_entity', 'x'))],
  ];
  for (const [answer, script] of renewed) {
    it(`is new after a ${answer}, even for the same changes`, async () => {
      const [first, second] = await twoSaves(script);
      expect(second).to.not.equal(first);
    });
  }

  it('is retired by a success', async () => {
    const api = stubFetch().json(200, SAVED).json(200, SAVED);
    const el = await mount({ 'session-token': 't' });
    await type(el, 'city', 'Laval');
    await submit(el);
    await type(el, 'city', 'Toronto');
    await submit(el);
    const [first, second] = keys(api);
    expect(second).to.not.equal(first);
  });
});
