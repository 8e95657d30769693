/**
 * End to end, the BFF's own per-user limit seen by the real element in a headless Chromium: once
 * the signed-in user has spent the allowance (`BOCA_USER_RATE_LIMIT`), a save gets the BFF's 429,
 * and the element counts its `Retry-After` down exactly as it does for the Partner API's 429,
 * then lets the user save again. Nothing reached the Partner API for the refused save.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ELEMENT,
  fill,
  nextSaveStatus,
  saveButton,
  saveEnabled,
  startStack,
  type Stack,
} from './harness.js';

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
    await fill(page, 'city', 'Kingston');
    const applied = stack.demo.sandbox!.sandbox.stats().applied;
    // Spend the user's allowance from the page itself, with a token for the same user, and press
    // Save the moment it is spent: on a loaded machine a save sent later could meet the next
    // allowance (one every 3 s) instead of the limit.
    const [response, spent] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/profile' && r.request().method() === 'PATCH',
      ),
      page.evaluate(
        async ({ tag, most }) => {
          const element = document.querySelector(tag)!;
          // A token for the same user from the portal's token endpoint, as the element gets its own.
          const minted = await fetch('/embed-token', { method: 'POST' });
          const { token } = (await minted.json()) as { token: string };
          for (let i = 0; i < most; i++) {
            const response = await fetch('/api/profile', {
              headers: { authorization: `Bearer ${token}` },
            });
            if (response.status === 429) {
              element.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
              return true;
            }
          }
          return false;
        },
        { tag: ELEMENT, most: 3 * LIMIT },
      ),
    ]);
    assert.ok(spent, 'the allowance is spent');
    assert.equal(response.status(), 429);
    assert.match((await response.headerValue('retry-after')) ?? '', /^[1-3]$/);
    assert.equal((await response.json()).error, 'too_many_requests');
    await page.locator(`${ELEMENT} [part~="message"]`, { hasText: 'Try again in' }).waitFor();
    assert.equal(await saveButton(page).isDisabled(), true);
    await saveEnabled(page, 6_000);
    assert.equal(stack.demo.sandbox!.sandbox.stats().applied, applied, 'nothing sent upstream');
    assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 200);
  });
});
