/**
 * The React wrapper (`boca-user-profile/react`) in a real headless Chromium with React 19: props
 * reach the element as properties, and the four callbacks fire for real user actions against a
 * BFF played by `page.route` (nothing leaves the browser).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, Page, Request as PwRequest } from 'playwright-core';
import type { Profile } from '../../contract/profile.js';
import { SEED_PROFILE } from '../../sandbox/seed.js';
import { bundle, launchChromium } from './support/browser.js';
import type { Fixture } from './fixtures/react-app.js';

const ORIGIN = 'http://portal.test';
const jane: Profile = { ...SEED_PROFILE };
const saved = {
  userId: '7d9f4c1e-0000-4000-8000-000000000042',
  externalId: 'partner-user-42',
  status: 'active',
  updatedAt: '2026-03-13T12:00:00Z',
};

let browser: Browser;
let page: Page;
let files: Map<string, string>;
let patches: PwRequest[];
let answer: { status: number; body: unknown };

type Calls = Fixture['calls'];
const calls = () => page.evaluate(() => window.fixture.calls) as Promise<Calls>;
const render = (props: object, options?: { cancelSave?: boolean; label?: string }) =>
  page.evaluate(([p, o]) => window.fixture.render(p as never, o), [props, options] as const);
const waitForCall = (prop: string, label = 'first') =>
  page.waitForFunction(
    ([p, l]) => window.fixture.calls.some((c) => c.prop === p && c.label === l),
    [prop, label] as const,
    { timeout: 5000 },
  );

async function editCityAndSave(city: string) {
  await page.locator('boca-user-profile input[name=city]').fill(city);
  await page.getByRole('button', { name: 'Save changes' }).click();
}

describe('the React wrapper', { timeout: 60_000 }, () => {
  before(async () => {
    files = await bundle('test/package/fixtures/react-app.ts');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    patches = [];
    answer = { status: 200, body: saved };
    page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const request = route.request();
      const path = new URL(request.url()).pathname;
      if (path === '/') {
        return route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><html lang="en"><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>',
        });
      }
      const file = files.get(path.slice(1));
      if (file !== undefined) return route.fulfill({ contentType: 'text/javascript', body: file });
      if (path === '/partner-api/profile' && request.method() === 'PATCH') {
        patches.push(request);
        return route.fulfill({
          status: answer.status,
          contentType: 'application/json',
          headers: { 'x-request-id': 'req-test' },
          body: JSON.stringify(answer.body),
        });
      }
      return route.fulfill({ status: 404, body: 'not here' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => 'fixture' in window, undefined, { timeout: 5000 });
  });

  it('sets the props as properties on the element, the profile as an object', async () => {
    await render({ apiBase: '/partner-api', sessionToken: 'tok-1', locale: 'fr', profile: jane });
    const seen = await page.evaluate(() => {
      const element = window.fixture.ref.current!;
      return {
        isElement: element === document.querySelector('boca-user-profile'),
        apiBase: element.apiBase,
        sessionToken: element.sessionToken,
        locale: element.locale,
        profile: element.profile,
        profileAttribute: element.getAttribute('profile'),
      };
    });
    assert.deepEqual(seen, {
      isElement: true,
      apiBase: '/partner-api',
      sessionToken: 'tok-1',
      locale: 'fr',
      profile: jane,
      profileAttribute: null,
    });
    // The French form shows, with the values of the profile object.
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).waitFor();
    assert.equal(await page.locator('boca-user-profile input[name=city]').inputValue(), 'Toronto');
  });

  it('calls onBocaSave, then onBocaSaved with the BFF answer, for a user save', async () => {
    await render({ apiBase: '/partner-api', sessionToken: 'tok-1', profile: jane });
    await editCityAndSave('Ottawa');
    await waitForCall('onBocaSaved');

    assert.equal(patches.length, 1);
    assert.deepEqual(patches[0]!.postDataJSON(), { city: 'Ottawa' });
    assert.equal(await patches[0]!.headerValue('authorization'), 'Bearer tok-1');
    const seen = await calls();
    assert.deepEqual(
      seen.map((c) => [c.prop, c.type, c.isElement]),
      [
        ['onBocaSave', 'boca-save', true],
        ['onBocaSaved', 'boca-saved', true],
      ],
    );
    assert.deepEqual(seen[0]!.detail, { changes: { city: 'Ottawa' } });
    assert.deepEqual(seen[1]!.detail, { result: saved, profile: { ...jane, city: 'Ottawa' } });
  });

  it('sends nothing when onBocaSave cancels the event', async () => {
    await render(
      { apiBase: '/partner-api', sessionToken: 'tok-1', profile: jane },
      {
        cancelSave: true,
      },
    );
    await editCityAndSave('Ottawa');
    await waitForCall('onBocaSave');
    // Give a request that should not exist the time to leave.
    await page.waitForTimeout(300);
    assert.equal(patches.length, 0);
    assert.deepEqual(
      (await calls()).map((c) => c.prop),
      ['onBocaSave'],
    );
  });

  it('calls onBocaError and onBocaSessionExpired on a 401, and takes the new token and callbacks', async () => {
    answer = {
      status: 401,
      body: { error: 'unauthorized', message: 'Embed token expired', requestId: 'req-test' },
    };
    await render({ apiBase: '/partner-api', sessionToken: 'tok-old', profile: jane });
    await editCityAndSave('Ottawa');
    await waitForCall('onBocaSessionExpired');
    const first = await calls();
    assert.deepEqual(
      first.map((c) => c.prop),
      ['onBocaSave', 'onBocaError', 'onBocaSessionExpired'],
    );
    assert.deepEqual(first[1]!.detail, {
      status: 401,
      error: 'unauthorized',
      message: 'Embed token expired',
      requestId: 'req-test',
      fieldErrors: [],
    });

    // The host mints a new token and re-renders with fresh callbacks (and, here, a new profile
    // object, which the element takes as its new starting point); the next save uses both.
    answer = { status: 200, body: saved };
    await render(
      { apiBase: '/partner-api', sessionToken: 'tok-new', profile: jane },
      { label: 'second' },
    );
    assert.equal(await page.evaluate(() => window.fixture.ref.current!.sessionToken), 'tok-new');
    await editCityAndSave('Ottawa');
    await waitForCall('onBocaSaved', 'second');
    assert.equal(await patches[1]!.headerValue('authorization'), 'Bearer tok-new');
    const later = (await calls()).slice(first.length);
    assert.deepEqual(
      later.map((c) => [c.prop, c.label]),
      [
        ['onBocaSave', 'second'],
        ['onBocaSaved', 'second'],
      ],
    );
  });
});
