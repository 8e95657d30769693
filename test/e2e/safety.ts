/**
 * End to end, safety: an axe scan of the whole page in every brand look, a strict Content-Security-
 * Policy that the page lives with (no violation reported), and no credential in anything the
 * browser receives, headers included, across a session that meets every kind of answer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations } from './axe.js';
import { arm, fill, loaded, nextSaveStatus, saveButton, type Stack } from './harness.js';

export function safetyTests(stack: () => Stack, secrets: string[]): void {
  describe('when the page is checked for accessibility and safety', () => {
    it('has no axe violations in any brand look, nor in French with errors on show', async () => {
      const page = await stack().openPortal();
      for (const look of ['maple', 'midnight', 'bold']) {
        await page.getByRole('radio', { name: look, exact: false }).check();
        await page.waitForFunction((name) => document.documentElement.dataset.look === name, look);
        assert.deepEqual(await axeViolations(page), [], `in the ${look} look`);
      }

      await page.getByRole('radio', { name: 'Français' }).check();
      await arm(page, 'Field errors');
      await fill(page, 'city', 'Laval');
      assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 400);
      await page.locator('boca-user-profile [aria-invalid="true"]').first().waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      assert.deepEqual(await axeViolations(page), [], 'in French, with errors on show');
    });

    it('sends no secret to the browser and breaks no rule of its strict CSP', async () => {
      const page = await stack().openPortal();
      const received: Promise<string>[] = [];
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) {
          violations.push(message.text());
        }
      });
      page.on('response', (response) => {
        received.push(
          (async () => {
            const headers = JSON.stringify(await response.allHeaders());
            const body = await response.body().catch(() => Buffer.alloc(0));
            return `${response.url()}\n${headers}\n${body.toString('utf8')}`;
          })(),
        );
      });

      // The page again, then every kind of save the panel records upstream.
      const main = await page.reload();
      assert.match(main?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
      assert.doesNotMatch(main?.headers()['content-security-policy'] ?? '', /unsafe-inline/);
      await loaded(page);
      await fill(page, 'city', 'Windsor');
      assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 200);
      await arm(page, 'Server hiccup');
      await fill(page, 'city', 'London');
      assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 200);
      await arm(page, 'Token expired');
      await fill(page, 'city', 'Barrie');
      assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 401);
      await page.locator('#notice', { hasText: 'renewed' }).waitFor();
      // The panel has drawn the signed attempts, API key redacted.
      await page.locator('#exchanges .code', { hasText: 'x-request-signature' }).first().waitFor();
      await page.locator('#exchanges .code', { hasText: 'x-api-key' }).first().waitFor();

      const everything = (await Promise.all(received)).join('\n');
      assert.ok(everything.includes('x-request-signature'), 'the panel data was received');
      for (const secret of secrets) {
        assert.equal(everything.includes(secret), false, 'a credential reached the browser');
      }
      assert.deepEqual(violations, []);
    });
  });
}
