/**
 * End to end, the demo panel as a salesperson uses it in front of a prospect: links that open
 * straight in a language, look and armed scenario; the "Field errors" and "Under 18" scenarios
 * explained before the save, and their outcome shown after it beside the matching inspector
 * entry; and the hands-free tour, played to its end and stopped half-way, at 1280, 768 and
 * 375 px, leaving the sandbox reset, with an axe scan clean in each state.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ExchangesAnswer } from '../../demo/shared.js';
import { axeViolations } from './axe.js';
import {
  ELEMENT,
  fill,
  input,
  nextSaveStatus,
  saveButton,
  SCREENS,
  startStack,
  type Stack,
} from './harness.js';

let stack: Stack;
const jane = () => stack.demo.sandbox!.sandbox.getUser('partner-user-42')!;

before(async () => {
  stack = await startStack({ env: { BOCA_UPSTREAM_TIMEOUT_MS: '1500' }, retryAfterSeconds: 2 });
});

after(async () => {
  await stack?.close();
});

beforeEach(async () => {
  stack.demo.scenarios!.disarm();
  stack.demo.sandbox!.sandbox.reset();
  stack.demo.records.reset();
  await fetch(`${stack.demo.url}/portal/exchanges`, {
    method: 'DELETE',
    headers: { origin: stack.demo.url },
  });
});

async function exchanges() {
  const answer = (await (
    await fetch(`${stack.demo.url}/portal/exchanges`)
  ).json()) as ExchangesAnswer;
  return answer.exchanges ?? [];
}

const briefing = (page: Page) => page.locator('#briefing');

/** Waits for the tour's caption to say this; a failure says what it said instead. */
async function captionSays(page: Page, text: string, timeout = 20_000): Promise<void> {
  const caption = page.locator('#tour-caption');
  await caption
    .getByText(text)
    .waitFor({ timeout })
    .catch(async (error: Error) => {
      throw new Error(`${error.message}\nthe caption says: ${await caption.textContent()}`);
    });
}
const highlighted = (page: Page) => page.locator('#exchanges .exchange.is-highlighted');

describe('when a salesperson sends a link to a scenario', () => {
  it('opens in its language, look and panel state, the scenario armed and explained', async () => {
    const page = await stack.openPortal({
      query: '?lang=fr&look=midnight&scenario=field-errors&panel=open',
      viewport: SCREENS.laptop,
    });
    await page
      .locator('#scenarios button[aria-pressed="true"]', { hasText: 'Field errors' })
      .waitFor();
    assert.equal(stack.demo.scenarios!.armed(), 'field-errors');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await page.locator('html').getAttribute('data-look'), 'midnight');
    assert.equal(await page.getByRole('radio', { name: 'Midnight' }).isChecked(), true);
    assert.equal(await page.getByRole('radio', { name: 'Français' }).isChecked(), true);
    await page.locator(`${ELEMENT} label[for]`, { hasText: 'Prénom' }).waitFor();
    // What the sandbox will answer, and why: nobody should think a valid email was refused by mistake.
    const text = (await briefing(page).textContent()) ?? '';
    assert.match(text, /400 bad_request/);
    assert.match(text, /not wrong/);
    assert.deepEqual(await axeViolations(page), [], 'as the link opens');
  });

  it('opens with the panel folded when the link says so', async () => {
    const page = await stack.openPortal({
      query: '?panel=closed&look=bold',
      viewport: SCREENS.tablet,
    });
    await page.locator('#panel-toggle[aria-expanded="false"]').waitFor();
    assert.equal(await page.locator('#demo-body').isVisible(), false);
    assert.equal(await page.locator('html').getAttribute('data-look'), 'bold');
    assert.deepEqual(await axeViolations(page), [], 'folded under the portal');
  });

  it('keeps what the salesperson sets in the link, and drops a scenario once a save used it', async () => {
    const page = await stack.openPortal({ viewport: SCREENS.laptop });
    await page.getByRole('radio', { name: 'Bold' }).check();
    await page.locator('#scenarios button', { hasText: 'Under 18' }).click();
    await page.waitForURL(/scenario=under-18/);
    const link = new URL(page.url());
    assert.equal(link.searchParams.get('look'), 'bold');
    assert.equal(link.searchParams.get('lang'), 'en');
    assert.equal(link.searchParams.get('panel'), 'open');

    await fill(page, 'city', 'Guelph');
    assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 422);
    await page.waitForURL((url) => !url.searchParams.has('scenario'));
  });
});

describe('when a scenario plays out', () => {
  it('“Field errors”: explains the refusal, then shows the invalid fields and the matching 400 entry', async () => {
    const page = await stack.openPortal({ viewport: SCREENS.laptop });
    await page.locator('#scenarios button', { hasText: 'Field errors' }).click();
    await briefing(page).getByText('Why').waitFor();
    assert.match((await briefing(page).textContent()) ?? '', /values on screen are not wrong/);

    await fill(page, 'occupation', 'Portfolio Manager');
    assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 400);
    const outcome = briefing(page).locator('[data-kind="outcome"]');
    await outcome.waitFor();
    const said = (await outcome.textContent()) ?? '';
    // The element's state change, read from the element itself…
    assert.match(said, /Marks Email, Postal code invalid/);
    assert.match(said, /summary lists 3 messages/);
    assert.equal(await input(page, 'email').getAttribute('aria-invalid'), 'true');
    // …and the inspector's matching entry, highlighted and open.
    const [save] = (await exchanges()).filter((exchange) => exchange.method === 'PATCH');
    assert.equal(save!.status, 400);
    assert.match(said, new RegExp(`entry #${save!.id}\\b`));
    await highlighted(page).first().waitFor();
    assert.equal(await highlighted(page).getAttribute('data-id'), String(save!.id));
    assert.equal(await highlighted(page).getAttribute('open'), '');
    assert.deepEqual(await axeViolations(page), [], 'with the outcome shown');
  });

  it('“Under 18”: explains the age rule, then shows the server’s message and the matching 422 entry', async () => {
    const page = await stack.openPortal({ viewport: SCREENS.phone });
    await page.locator('#scenarios button', { hasText: 'Under 18' }).click();
    await briefing(page).getByText('Why').waitFor();
    assert.match((await briefing(page).textContent()) ?? '', /Jane’s own date of birth is fine/);
    assert.deepEqual(await axeViolations(page), [], 'with the scenario explained');

    await fill(page, 'city', 'Guelph');
    assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 422);
    const outcome = briefing(page).locator('[data-kind="outcome"]');
    await outcome.waitFor();
    assert.match((await outcome.textContent()) ?? '', /Says “.*18.*”/);
    const [save] = (await exchanges()).filter((exchange) => exchange.method === 'PATCH');
    assert.equal(save!.status, 422);
    assert.equal(await highlighted(page).getAttribute('data-id'), String(save!.id));
    assert.equal(jane().city, 'Toronto');
  });
});

describe('when the salesperson plays the tour', () => {
  for (const viewport of Object.values(SCREENS)) {
    it(`walks through every outcome hands-free at ${viewport.width} px and leaves the sandbox reset`, async () => {
      // On the tablet the link also arms a scenario: the tour's plain first save disarms it.
      const armed = viewport.width === 768 ? '&scenario=under-18' : '';
      const page = await stack.openPortal({ query: `?tourDelay=40${armed}`, viewport });
      if (armed) await page.locator('#scenarios button[aria-pressed="true"]').waitFor();
      const seen: string[] = [];
      // Which entries the tour points at as it goes: each step's own, highlighted in turn.
      await page.exposeFunction('sawHighlight', (text: string) => seen.push(text));
      await page.evaluate(() => {
        new MutationObserver(() => {
          const marked = [
            ...document.querySelectorAll('#exchanges .exchange.is-highlighted summary'),
          ];
          const text = marked.map((node) => node.textContent).join(' | ');
          if (text) (window as unknown as { sawHighlight(t: string): void }).sawHighlight(text);
        }).observe(document.getElementById('exchanges')!, { childList: true, subtree: true });
      });

      await page.getByRole('button', { name: 'Play the tour' }).click();
      await page.getByRole('button', { name: 'Stop the tour' }).waitFor();
      await captionSays(page, 'Tour complete');
      await page.getByRole('button', { name: 'Play the tour' }).waitFor();

      const saves = (await exchanges()).filter((exchange) => exchange.method === 'PATCH');
      assert.deepEqual(
        saves.map((save) => [save.status, save.scenario, save.upstream.map((u) => u.status)]),
        [
          [200, null, [200]],
          [400, 'field-errors', [400]],
          [429, 'rate-limit', [429]],
          [200, 'server-error', [503, 200]],
          [401, 'session-expired', []],
          [200, null, [200]],
        ],
      );
      // The renewed save is the same save: the same Idempotency-Key, sent again by the element.
      assert.equal(
        saves[5]!.request.headers['idempotency-key'],
        saves[4]!.request.headers['idempotency-key'],
      );
      const marked = seen.join('\n');
      assert.match(marked, /400\s*PATCH/);
      assert.match(marked, /429\s*PATCH/);
      assert.match(marked, /2 attempts upstream/);
      assert.match(marked, /401\s*PATCH[^|]*\|[^|]*200\s*PATCH|200\s*PATCH[^|]*\|[^|]*401\s*PATCH/);

      // Reset: every user as seeded, nothing armed, the element showing Jane as she was.
      assert.equal(jane().city, 'Toronto');
      assert.equal(jane().occupation, 'Software Engineer');
      assert.equal(stack.demo.scenarios!.armed(), null);
      assert.equal(stack.demo.records.get('partner-user-42')!.profile.city, 'Toronto');
      await page.waitForFunction(
        (tag) =>
          (
            document
              .querySelector(tag)
              ?.shadowRoot?.querySelector('[name="city"]') as HTMLInputElement | null
          )?.value === 'Toronto',
        ELEMENT,
      );
      assert.equal(
        await page.evaluate(() => document.documentElement.scrollWidth - innerWidth <= 0),
        true,
      );
      assert.deepEqual(await axeViolations(page), [], 'when the tour is over');
    });
  }

  it('keeps its caption in view on a phone, stops cleanly half-way and leaves the sandbox reset', async () => {
    const page = await stack.openPortal({ query: '?tourDelay=1000', viewport: SCREENS.phone });
    await page.getByRole('button', { name: 'Play the tour' }).click();
    await captionSays(page, 'Step 2 of 5');
    // The panel is under the portal on a phone: the caption and Stop stay on screen meanwhile.
    for (const shown of [page.locator('#tour-caption'), page.locator('#tour-stop')]) {
      const box = await shown.boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= SCREENS.phone.height, 'in view');
    }
    assert.deepEqual(await axeViolations(page), [], 'while the tour plays');
    await page.getByRole('button', { name: 'Stop the tour' }).click();
    await captionSays(page, 'Tour stopped');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tour-play');
    // Nothing the tour started goes on after it stopped.
    const count = (await exchanges()).filter((exchange) => exchange.method === 'PATCH').length;
    await page.waitForTimeout(1_000);
    assert.equal((await exchanges()).filter((e) => e.method === 'PATCH').length, count);
    assert.equal(jane().city, 'Toronto');
    assert.equal(stack.demo.scenarios!.armed(), null);
    assert.equal(await page.locator('#scenarios button').first().isDisabled(), false);
  });
});
