/**
 * What the demo reads from and does to the element, the way a user sees and uses it: the values
 * typed into its inputs, a press on its Save button, and the state it shows afterwards (invalid
 * fields, its summary, its message, "Changes saved"), read from its open shadow root.
 *
 * @example
 *   type(element, 'city', 'Ottawa');
 *   pressSave(element);
 *   describeElement(element); // "Says “Changes saved”."
 */

const root = (element: HTMLElement) => element.shadowRoot;

/** Sets a field as typing would, so the element sees an input event. */
export function type(element: HTMLElement, field: string, value: string): void {
  const input = root(element)?.querySelector<HTMLInputElement | HTMLSelectElement>(
    `[name="${field}"]`,
  );
  if (!input) throw new Error(`The element shows no ${field} field`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

const saveButton = (element: HTMLElement) =>
  root(element)?.querySelector<HTMLButtonElement>('button[type="submit"]') ?? null;

/** Whether a press on Save would save now (it may be disabled, or only marked so while busy). */
export function canSave(element: HTMLElement): boolean {
  const button = saveButton(element);
  return button !== null && !button.disabled && button.getAttribute('aria-disabled') !== 'true';
}

export function pressSave(element: HTMLElement): void {
  if (!canSave(element)) throw new Error('Save cannot be pressed now');
  saveButton(element)!.click();
}

/** Discards the element's unsaved changes through its own button, when it has any. */
export function discard(element: HTMLElement): void {
  const button = root(element)?.querySelector<HTMLButtonElement>('[part~="discard"]');
  if (button && !button.disabled) button.click();
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** One or two sentences on what the element shows now, after an answer came. */
export function describeElement(element: HTMLElement): string {
  const shadow = root(element);
  if (!shadow) return '';
  const said: string[] = [];
  const invalid = [...shadow.querySelectorAll<HTMLElement>('[aria-invalid="true"]')].map((input) =>
    clean(
      shadow.querySelector(`label[for="${input.id}"]`)?.textContent ?? input.getAttribute('name'),
    ),
  );
  if (invalid.length > 0) said.push(`Marks ${invalid.join(', ')} invalid, each with its message.`);
  const summary = shadow.querySelector('[part~="summary"]');
  if (summary) {
    const items = summary.querySelectorAll('li').length;
    const focused = shadow.activeElement === summary ? ', and has focus' : '';
    said.push(`Its summary lists ${items} message${items === 1 ? '' : 's'}${focused}.`);
  }
  const message = clean(shadow.querySelector('[part~="message"]')?.textContent);
  if (message) said.push(`Says “${message}”.`);
  const status = clean(shadow.querySelector('[part~="status"]')?.textContent);
  if (status) said.push(`Says “${status}”.`);
  if (saveButton(element)?.disabled && message) said.push('Save waits.');
  return said.join(' ');
}
