/**
 * End to end, saving: what a user meets when they save, each outcome set up through the demo's
 * controls and the sandbox's fault injection, checked in the browser and in the sandbox.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange, ExchangesAnswer } from '../../demo/shared.js';
import {
  arm,
  countProfileRequests,
  ELEMENT,
  fill,
  input,
  loaded,
  nextSaveStatus,
  saveButton,
  saveEnabled,
  type Stack,
} from './harness.js';

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function savingTests(stack: () => Stack, deadlineMs: number): void {
  const jane = () => stack().demo.sandbox!.sandbox.getUser('partner-user-42')!;

  async function lastSave(): Promise<Exchange> {
    const response = await fetch(`${stack().demo.url}/portal/exchanges`);
    const answer = (await response.json()) as ExchangesAnswer;
    const saves = (answer.exchanges ?? []).filter((exchange) => exchange.method === 'PATCH');
    assert.ok(saves.length > 0, 'no save was recorded');
    return saves.at(-1)!;
  }

  describe('when a user edits their profile in the portal', () => {
    it('saves the change through the BFF and shows it again after a reload', async () => {
      const page = await stack().openPortal();
      await fill(page, 'city', 'Ottawa');
      await fill(page, 'postalCode', 'k1a 0b1');
      assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 200);
      await page.locator(`${ELEMENT} [part~="status"]`, { hasText: 'Changes saved' }).waitFor();

      assert.equal(jane().city, 'Ottawa');
      assert.equal(jane().postalCode, 'K1A 0B1');
      const save = await lastSave();
      assert.equal(save.status, 200);
      assert.equal(save.upstream.length, 1);
      assert.match(save.upstream[0]!.canonical, /^PATCH\n\/v1\/users\/partner-user-42\n.+Z\n\{/);
      assert.equal(save.upstream[0]!.signatureValid, true);

      await page.reload();
      await loaded(page);
      assert.equal(await input(page, 'city').inputValue(), 'Ottawa');
      assert.equal(await input(page, 'postalCode').inputValue(), 'K1A 0B1');
    });

    it('stops an invalid edit in the browser without sending anything', async () => {
      const page = await stack().openPortal();
      const requests = countProfileRequests(page);
      await fill(page, 'email', 'jane.doe@');
      await saveButton(page).click();
      await page.locator(`${ELEMENT} [name="email"][aria-invalid="true"]`).waitFor();
      await page.waitForTimeout(300);
      assert.equal(requests.PATCH, 0);
      assert.equal(jane().email, 'jane.doe@example.com');
    });

    it('puts the server’s field errors on their inputs, and one for a hidden field in the summary', async () => {
      const page = await stack().openPortal();
      await arm(page, 'Field errors');
      await fill(page, 'occupation', 'Portfolio Manager');
      assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 400);
      await page.locator(`${ELEMENT} [name="email"][aria-invalid="true"]`).waitFor();
      await page.locator(`${ELEMENT} [name="postalCode"][aria-invalid="true"]`).waitFor();
      await page
        .locator(`${ELEMENT} [part~="summary"]`, { hasText: 'Employer name is required' })
        .waitFor();
      assert.equal(jane().occupation, 'Software Engineer');
    });

    it('counts down a rate limit, then lets the user save again', async () => {
      const page = await stack().openPortal();
      await arm(page, 'Rate limited');
      await fill(page, 'city', 'Kingston');
      assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 429);
      await page.locator(`${ELEMENT} [part~="message"]`, { hasText: 'Try again in' }).waitFor();
      assert.equal(await saveButton(page).isDisabled(), true);
      await saveEnabled(page, 4_000);
      assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 200);
      assert.equal(jane().city, 'Kingston');
    });

    it('retries a 503 with the same Idempotency-Key and applies the change once', async () => {
      const page = await stack().openPortal();
      await arm(page, 'Server hiccup');
      await fill(page, 'addressLine2', 'Suite 1200');
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'PATCH'),
        saveButton(page).click(),
      ]);
      const key = (await request.allHeaders())['idempotency-key'];
      assert.ok(key, 'the element sends an Idempotency-Key');
      assert.equal((await request.response())?.status(), 200);

      const save = await lastSave();
      assert.deepEqual(
        save.upstream.map((attempt) => attempt.status),
        [503, 200],
      );
      for (const attempt of save.upstream) {
        assert.equal(attempt.request.headers['idempotency-key'], key);
      }
      assert.equal(stack().demo.sandbox!.sandbox.appliedCount(key), 1);
      assert.equal(jane().addressLine2, 'Suite 1200');
    });

    it('answers 504 when the Partner API stalls past the deadline; saving again applies once', async () => {
      const page = await stack().openPortal();
      await arm(page, 'Timeout');
      await fill(page, 'city', 'Sudbury');
      const started = Date.now();
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'PATCH'),
        saveButton(page).click(),
      ]);
      assert.equal((await request.response())?.status(), 504);
      assert.ok(Date.now() - started >= deadlineMs - 100, 'the BFF waited for its deadline');
      await page.locator(`${ELEMENT} [part~="message"]`).waitFor();
      assert.equal((await lastSave()).upstream[0]!.status, null);

      // The same changes keep their key; the stalled request, processed late, is not applied twice.
      const key = (await request.allHeaders())['idempotency-key']!;
      const [again] = await Promise.all([
        page.waitForRequest((r) => r.method() === 'PATCH'),
        saveButton(page).click(),
      ]);
      assert.equal((await again.allHeaders())['idempotency-key'], key);
      assert.equal((await again.response())?.status(), 200);
      const sandbox = stack().demo.sandbox!.sandbox;
      await waitUntil(() => sandbox.stats().replayed === 1, deadlineMs + 2_000);
      assert.equal(sandbox.appliedCount(key), 1);
      assert.equal(jane().city, 'Sudbury');
    });

    it('shows the server’s 422 for an under-age date of birth', async () => {
      const page = await stack().openPortal();
      await arm(page, 'Under 18');
      await fill(page, 'city', 'Guelph');
      assert.equal(await nextSaveStatus(page, () => saveButton(page).click()), 422);
      await page.locator(`${ELEMENT} [part~="message"]`, { hasText: '18' }).waitFor();
      assert.equal(jane().city, 'Toronto');
    });

    it('saves with an expired token on one click: the element renews it and sends the same save again', async () => {
      const page = await stack().openPortal();
      await arm(page, 'Token expired');
      await fill(page, 'city', 'Hamilton');
      const saves: { key: string | undefined; status: number }[] = [];
      page.on('response', async (response) => {
        const request = response.request();
        if (request.method() !== 'PATCH') return;
        const key = (await request.allHeaders())['idempotency-key'];
        saves.push({ key, status: response.status() });
      });
      const renewed = page.waitForResponse((r) => r.url().endsWith('/embed-token'));
      await saveButton(page).click();
      // The page's token endpoint answers as the product fixes it: { token, expiresAt }.
      const session = (await (await renewed).json()) as { token: string; expiresAt: string };
      assert.deepEqual(Object.keys(session).sort(), ['expiresAt', 'token']);
      assert.ok(Date.parse(session.expiresAt) > Date.now(), 'the new token is current');

      await page.locator(`${ELEMENT} [part~="status"]`, { hasText: 'Changes saved' }).waitFor();
      await page.locator('#notice', { hasText: 'renewed it and saved' }).waitFor();
      await page
        .locator('#briefing [data-kind="outcome"]', { hasText: 'sent the same save again' })
        .waitFor();
      assert.equal(jane().city, 'Hamilton');
      await waitUntil(() => saves.length === 2, 2_000);
      assert.deepEqual(
        saves.map((save) => save.status),
        [401, 200],
      );
      assert.ok(saves[0]!.key, 'the save carries an Idempotency-Key');
      assert.equal(saves[1]!.key, saves[0]!.key, 'the same save, sent again');
      assert.equal(stack().demo.sandbox!.sandbox.appliedCount(saves[0]!.key!), 1);
      // No message asks the user to do anything, and Save waits for the next change.
      assert.equal(await page.locator(`${ELEMENT} [part~="message"]`).count(), 0);
      assert.equal(await saveButton(page).isDisabled(), true);
    });
  });
}
