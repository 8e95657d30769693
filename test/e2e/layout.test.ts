/**
 * End to end, the demo page on the screens it is shown on: a 1280 × 800 laptop, a 768 px tablet
 * and 375 / 320 px phones, in real Chromium through the real BFF and sandbox. No sideways scroll,
 * Save in view without scrolling, the form in two columns from 1280 px, the portal's navigation a
 * menu on narrow screens, the demo panel folding and remembering it, notices beside the element
 * with nothing moving, and an axe scan clean in each state.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe.js';
import {
  arm,
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

before(async () => {
  stack = await startStack({ env: { BOCA_UPSTREAM_TIMEOUT_MS: '1500' }, retryAfterSeconds: 2 });
});

after(async () => {
  await stack?.close();
});

beforeEach(() => {
  stack.demo.scenarios!.disarm();
  stack.demo.sandbox!.sandbox.reset();
  stack.demo.records.reset();
});

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Whether Save is inside the viewport, not covered, with the page scrolled to the top. */
async function saveInView(page: Page): Promise<boolean> {
  return saveButton(page).evaluate((button) => {
    if (window.scrollY !== 0) return false;
    const box = button.getBoundingClientRect();
    const inside =
      box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
    const host = document.querySelector('boca-user-profile')!;
    const atCentre = host.shadowRoot!.elementFromPoint(
      box.x + box.width / 2,
      box.y + box.height / 2,
    );
    return inside && atCentre === button;
  });
}

const top = (page: Page, field: string) =>
  input(page, field).evaluate((element) => element.getBoundingClientRect().top);

describe('when the demo is shown on a laptop, a tablet or a phone', () => {
  for (const [name, viewport] of Object.entries(SCREENS)) {
    it(`fits the ${name} (${viewport.width} px) with no sideways scroll and is axe-clean`, async () => {
      const page = await stack.openPortal({ viewport });
      assert.equal(await sidewaysScroll(page), 0);
      assert.deepEqual(await axeViolations(page), [], 'as it opens');

      const toggle = page.locator('#nav-toggle');
      const overview = page.getByRole('link', { name: 'Overview' });
      if (viewport.width > 860) {
        assert.equal(await toggle.isVisible(), false);
        assert.equal(await overview.isVisible(), true);
      } else {
        // The portal's navigation is a menu behind a disclosure button.
        assert.equal(await overview.isVisible(), false);
        assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
        await toggle.click();
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
        await overview.waitFor();
        assert.equal(await sidewaysScroll(page), 0);
        assert.deepEqual(await axeViolations(page), [], 'with the menu open');
        await page.keyboard.press('Escape');
        assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
        assert.equal(await overview.isVisible(), false);
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'nav-toggle');
      }

      await page.locator('#panel-toggle').click();
      assert.equal(await page.locator('#demo-body').isVisible(), false);
      assert.equal(await sidewaysScroll(page), 0);
      assert.deepEqual(await axeViolations(page), [], 'with the panel folded');
    });
  }

  it('shows Save without scrolling at 1280 × 800 for the default user, the form in two columns', async () => {
    const page = await stack.openPortal({ viewport: SCREENS.laptop });
    assert.equal(await saveInView(page), true, 'with the panel open');
    assert.equal(await top(page, 'firstName'), await top(page, 'lastName'));
    await fill(page, 'city', 'Ottawa');
    // Typing far down the form scrolls the page; the Save bar stays in view with it.
    await input(page, 'occupation').focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.equal(await saveInView(page), true, 'with a change to save');

    await page.locator('#panel-toggle').click();
    assert.equal(await saveInView(page), true, 'with the panel folded');
    assert.equal(await top(page, 'firstName'), await top(page, 'lastName'));
    assert.equal(await top(page, 'city'), await top(page, 'postalCode'));
  });

  it('has no sideways scroll at 320 px, the account chip included', async () => {
    const page = await stack.openPortal({ viewport: { width: 320, height: 640 } });
    assert.equal(await sidewaysScroll(page), 0);
    const chip = await page.locator('.account-chip').boundingBox();
    assert.ok(chip && chip.x + chip.width <= 320, 'the account chip is on screen');
  });

  it('folds the demo panel, and remembers it on the next visit and in the link', async () => {
    const page = await stack.openPortal({ viewport: SCREENS.laptop });
    const toggle = page.locator('#panel-toggle');
    const width = () => page.locator(ELEMENT).evaluate((e) => e.getBoundingClientRect().width);
    const open = await width();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.ok((await width()) > open + 200, 'the portal takes the room the panel gave up');
    assert.match(page.url(), /panel=closed/);

    await page.goto(new URL('/', page.url()).href);
    await page.locator('#panel-toggle[aria-expanded="false"]').waitFor();
    assert.equal(await page.locator('#demo-body').isVisible(), false);
    await page.locator('#panel-toggle').click();
    assert.match(page.url(), /panel=open/);
    await page.locator('#demo-body').waitFor();
  });

  it('shows notices beside the element, above Save, and nothing on the page moves', async () => {
    const page = await stack.openPortal({ viewport: SCREENS.laptop });
    await arm(page, 'Token expired');
    // Plain loops, not helper functions: the page runs this code as it is written.
    const where = () =>
      page.evaluate((tag) => {
        const shadow = document.querySelector(tag)!.shadowRoot!;
        const places: Record<string, DOMRect> = {};
        for (const [name, node] of Object.entries({
          element: document.querySelector(tag),
          firstName: shadow.querySelector('[name="firstName"]'),
          save: shadow.querySelector('button[type="submit"]'),
          notice: document.querySelector('#notice'),
          footer: document.querySelector('.portal-footer'),
        })) {
          places[name] = node!.getBoundingClientRect().toJSON() as DOMRect;
        }
        return places as Record<'element' | 'firstName' | 'save' | 'notice' | 'footer', DOMRect>;
      }, ELEMENT);
    await fill(page, 'city', 'Hamilton');
    const before = await where();
    // The expired token meets 401; the element renews it and saves: the portal says so.
    assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 401);
    const notice = page.locator('#notice.is-shown', { hasText: 'renewed it and saved' });
    await notice.waitFor();
    const shown = await where();
    assert.deepEqual(shown.element, before.element);
    assert.deepEqual(shown.firstName, before.firstName);
    assert.deepEqual(shown.footer, before.footer);
    // Beside the element: within its width, just above its Save button, inside the view.
    assert.ok(shown.notice.left >= shown.element.left && shown.notice.right <= shown.element.right);
    assert.ok(shown.notice.bottom <= shown.save.top, 'above Save');
    assert.ok(shown.save.top - shown.notice.bottom < 120, 'close to Save');
    assert.ok(shown.notice.top >= 0 && shown.notice.bottom <= 800);
    assert.deepEqual(await axeViolations(page), [], 'with the notice shown');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await page.locator('#notice.is-shown').count(), 0);
  });
});
