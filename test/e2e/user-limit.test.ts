/**
 * End to end, the BFF's own per-user limit seen by the real element in a headless Chromium: once
 * the signed-in user has spent the allowance (`BOCA_USER_RATE_LIMIT`), a save gets the BFF's 429,
 * and the element counts its `Retry-After` down exactly as it does for the Partner API's 429,
 * then lets the user save again. Nothing reached the Partner API for the refused save.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ELEMENT, fill, nextSaveStatus, saveButton, startStack, type Stack } from './harness.js';

// 20 a minute: one more every 3 s once the burst is spent, so the countdown is short and the
// test has 3 s between spending the allowance and saving.
const LIMIT = 20;

describe('the per-user limit in the browser', { timeout: 60_000 }, () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack({ env: { BOCA_USER_RATE_LIMIT: String(LIMIT) } });
  });
  after(async () => {
    await stack?.close();
  });

  it('counts down our 429 like the Partner API’s, then lets the user save', async () => {
    const page = await stack.openPortal();
    // Spend the user's allowance from the page itself, with the element's own token.
    const statuses = await page.evaluate(
      async ({ tag, count }) => {
        const token = document.querySelector(tag)!.getAttribute('session-token');
        const answers = [];
        for (let i = 0; i < count; i++) {
          const response = await fetch('/api/profile', {
            headers: { authorization: `Bearer ${token}` },
          });
          answers.push(response.status);
        }
        return answers;
      },
      { tag: ELEMENT, count: LIMIT },
    );
    assert.ok(statuses.includes(429), 'the allowance is spent');
    const applied = stack.demo.sandbox!.sandbox.stats().applied;

    await fill(page, 'city', 'Kingston');
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/profile' && r.request().method() === 'PATCH',
      ),
      saveButton(page).click(),
    ]);
    assert.equal(response.status(), 429);
    assert.match((await response.headerValue('retry-after')) ?? '', /^[1-3]$/);
    assert.equal((await response.json()).error, 'too_many_requests');
    await page.locator(`${ELEMENT} [part~="message"]`, { hasText: 'Try again in' }).waitFor();
    assert.equal(await saveButton(page).isDisabled(), true);
    await page.waitForFunction(
      (tag) =>
        !document
          .querySelector(tag)
          ?.shadowRoot?.querySelector('button[type=submit]')
          ?.hasAttribute('disabled'),
      ELEMENT,
      { timeout: 6_000 },
    );
    assert.equal(stack.demo.sandbox!.sandbox.stats().applied, applied, 'nothing sent upstream');
    assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 200);
  });
});
