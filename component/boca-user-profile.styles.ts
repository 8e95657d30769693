/**
 * The element's look. Every `--boca-*` custom property is read once here, on `:host`: into a
 * private `--_name` with its default when the rest of the sheet uses it (which then uses only the
 * private names), directly when `:host` alone does (the font, the colour scheme). A portal themes
 * the element (a dark look included) through the public properties alone.
 *
 * @example
 *   boca-user-profile { --boca-accent: #0f766e; --boca-radius: 0.25rem; }
 */
/**
 * A css`` tag for one constant sheet: no `${}` is allowed (the type says so), so nothing outside
 * this file reaches the CSS. The build minifies what it tags.
 */
const css = (sheet: TemplateStringsArray): string => sheet[0]!;

export const styles = css`
  :host {
    --_text: var(--boca-text, #1f2937);
    --_muted: var(--boca-muted, #5f6673);
    --_background: var(--boca-background, #ffffff);
    --_surface: var(--boca-surface, #ffffff);
    --_border: var(--boca-border, #d3d7de);
    --_accent: var(--boca-accent, #2563eb);
    --_accent-text: var(--boca-accent-text, #ffffff);
    --_error: var(--boca-error, #b42318);
    --_success: var(--boca-success, #157347);
    --_radius: var(--boca-radius, 0.5rem);
    --_space: var(--boca-spacing, 1rem);
    --_ring: var(--boca-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 35%, transparent));
    --_shadow: var(--boca-shadow, 0 1px 2px rgb(16 24 40 / 0.05), 0 8px 24px rgb(16 24 40 / 0.06));

    display: block;
    container-type: inline-size;
    color-scheme: var(--boca-color-scheme, light);
    /* Read here and nowhere else, like the colour scheme: no private name needed. */
    font: var(--boca-font-size, 1rem) / 1.5
      var(
        --boca-font,
        system-ui,
        -apple-system,
        'Segoe UI',
        Roboto,
        'Helvetica Neue',
        Arial,
        sans-serif
      );
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .card {
    margin: 0;
    padding: calc(var(--_space) * 1.75);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 2);
    box-shadow: var(--_shadow);
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(6, minmax(0, 1fr));
    gap: calc(var(--_space) * 1.25) var(--_space);
  }
  .field {
    grid-column: span 6;
    display: flex;
    flex-direction: column;
    gap: 0.375rem;
    min-width: 0;
  }
  .s2 {
    grid-column: span 2;
  }
  .s3 {
    grid-column: span 3;
  }
  .s4 {
    grid-column: span 4;
  }
  @container (max-width: 34rem) {
    .s2,
    .s3,
    .s4 {
      grid-column: span 6;
    }
    .card {
      padding: var(--_space);
    }
  }

  label {
    font-size: 0.875rem;
    font-weight: 600;
  }
  .hint,
  .loading {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .error {
    display: flex;
    gap: 0.375rem;
    margin: 0;
    font-size: 0.8125rem;
    font-weight: 500;
    color: var(--_error);
  }
  .error svg {
    flex: none;
    width: 1rem;
    height: 1rem;
    margin-top: 0.125rem;
    fill: currentColor;
  }

  input,
  select,
  button {
    font: inherit;
    color: inherit;
    transition:
      border-color 0.15s,
      box-shadow 0.15s,
      background-color 0.15s;
  }
  input,
  select {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    color: var(--_text);
    background-color: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  select {
    appearance: none;
    padding-right: 2.25rem;
    /* A chevron drawn in the text colour, with no image for a strict CSP to block. */
    background-image:
      linear-gradient(45deg, transparent 50%, currentColor 50%),
      linear-gradient(135deg, currentColor 50%, transparent 50%);
    background-position:
      right 1.1rem top 50%,
      right 0.8rem top 50%;
    background-size: 0.3rem 0.3rem;
    background-repeat: no-repeat;
  }
  input:hover,
  select:hover {
    border-color: color-mix(in srgb, var(--_border), var(--_text) 30%);
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  [readonly],
  select[aria-readonly='true'],
  .check:has([aria-readonly='true']) {
    background-color: color-mix(in srgb, var(--_surface), var(--_text) 5%);
  }
  :focus-visible {
    /* Transparent outlines turn visible in forced-colours mode, where shadows vanish. */
    outline: 2px solid transparent;
    box-shadow: var(--_ring);
  }
  input:focus-visible,
  select:focus-visible {
    border-color: var(--_accent);
  }
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    padding: 0.875rem var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .check > :not(input) {
    grid-column: 2;
  }
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
    margin: 0.0625rem 0 0;
    accent-color: var(--_accent);
  }
  .check label {
    font-size: 0.9375rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin-top: calc(var(--_space) * 1.75);
    padding-top: calc(var(--_space) * 1.25);
    border-top: 1px solid var(--_border);
  }
  button {
    min-height: 2.75rem;
    padding: 0.5rem 1.125rem;
    font-size: 0.9375rem;
    font-weight: 600;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_surface), var(--_text) 6%);
  }
  .primary {
    color: var(--_accent-text);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  .primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent), #000 14%);
  }
  button:disabled,
  [aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }
  [aria-busy='true'] .primary {
    cursor: progress;
  }
  .status {
    margin: 0 0 0 auto;
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--_success);
    border-radius: 999px;
  }
  .status.shown {
    padding: 0.375rem 0.875rem;
    background: color-mix(in srgb, var(--_success) 10%, var(--_background));
  }
  .status.shown::before {
    content: '✓ ';
  }

  .summary,
  .message {
    padding: 0.875rem var(--_space);
    background: color-mix(in srgb, var(--_error) 7%, var(--_background));
    border: 1px solid color-mix(in srgb, var(--_error) 45%, var(--_background));
    border-left: 4px solid var(--_error);
    border-radius: var(--_radius);
    /* Brought into view centred, and never under a portal's sticky header. */
    scroll-margin: 6rem 0;
  }
  .summary {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .message {
    margin-top: calc(var(--_space) * 1.5);
  }
  .summary h2 {
    margin: 0 0 0.375rem;
    font-size: 1rem;
  }
  .summary ul {
    margin: 0;
    padding-left: 1.25rem;
  }
  .summary a {
    font-weight: 500;
    color: var(--_error);
    text-underline-offset: 0.15em;
  }
  .reference {
    display: block;
    margin-top: 0.25rem;
    font:
      0.8125rem ui-monospace,
      SFMono-Regular,
      Menlo,
      Consolas,
      monospace;
    color: var(--_muted);
  }
  .card > .message:first-child {
    margin-top: 0;
  }

  .loading {
    margin-bottom: var(--_space);
  }
  .skeleton span {
    height: 2.75rem;
    background: color-mix(in srgb, var(--_text) 8%, transparent);
    border-radius: var(--_radius);
    animation: pulse 1.4s ease-in-out infinite;
  }
  .skeleton span:first-child {
    width: 40%;
    height: 0.875rem;
  }
  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }
`;
