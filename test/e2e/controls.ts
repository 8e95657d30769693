/**
 * End to end, the demo controls: language, signed-in user and brand look, as a salesperson uses
 * them, checked on the element itself.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ELEMENT, input, saveButton, type Stack } from './harness.js';

export function controlTests(stack: () => Stack): void {
  describe('when the salesperson uses the demo controls', () => {
    it('switches the element and the portal to French', async () => {
      const page = await stack().openPortal();
      await page.getByRole('radio', { name: 'Français' }).check();
      await page.locator(`${ELEMENT} label[for]`, { hasText: 'Prénom' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      assert.equal(await page.locator('h1').textContent(), 'Renseignements personnels');
      assert.match((await saveButton(page).textContent()) ?? '', /Enregistrer les modifications/);
    });

    it('signs in as another user, whose own profile the element then shows', async () => {
      const page = await stack().openPortal();
      await page.locator('#user-select').selectOption('partner-user-77');
      await page.waitForFunction(
        (tag) =>
          (
            document.querySelector(tag)?.shadowRoot?.querySelector('[name="firstName"]') as
              HTMLInputElement | undefined
          )?.value === 'Étienne',
        ELEMENT,
      );
      assert.equal(await input(page, 'addressLine2').inputValue(), '');
      assert.equal(await page.locator('#signed-in-name').textContent(), 'Étienne Tremblay');
    });

    it('rebrands the element through its custom properties alone', async () => {
      const page = await stack().openPortal();
      const accent = () =>
        saveButton(page).evaluate((button) => getComputedStyle(button).backgroundColor);
      const maple = await accent();
      await page.getByRole('radio', { name: 'Midnight' }).check();
      await page.waitForFunction(() => document.documentElement.dataset.look === 'midnight');
      const midnight = await accent();
      await page.getByRole('radio', { name: 'Bold' }).check();
      const bold = await accent();
      assert.equal(new Set([maple, midnight, bold]).size, 3, `${maple} ${midnight} ${bold}`);
    });
  });
}
