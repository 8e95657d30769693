/**
 * docs/theming.md: its CSS uses only custom properties and parts the element has, its defaults
 * block states the element's real defaults, and the defaults and the demo's three looks (maple,
 * midnight, bold) keep WCAG AA contrast (4.5:1) for text colours on the surfaces they sit on.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { contrast } from './support/contrast.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const guide = read('docs/theming.md');
const styles = read('component/boca-user-profile.styles.ts');
const element = read('component/boca-user-profile.ts');

/** `--boca-x` → its default, as the element's style sheet reads it on `:host`. */
const defaults = new Map<string, string>();
for (const match of styles.matchAll(/var\(\s*(--boca-[a-z-]+),/g)) {
  // The default runs to the parenthesis that closes this var(), whatever it nests.
  let depth = 1;
  let end = match.index + match[0].length;
  for (; end < styles.length && depth > 0; end++) {
    if (styles[end] === '(') depth++;
    else if (styles[end] === ')') depth--;
  }
  defaults.set(
    match[1]!,
    styles
      .slice(match.index + match[0].length, end - 1)
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
const parts = new Set([...element.matchAll(/@csspart (\S+)/g)].map((m) => m[1]!));
const css = [...guide.matchAll(/^```css\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).join('\n');

/** The custom properties one look sets, from its `boca-user-profile.<look> { … }` rule. */
function look(name: string): Map<string, string> {
  const selector = name === 'defaults' ? 'boca-user-profile' : `boca-user-profile\\.${name}`;
  const rule = new RegExp(`^${selector} \\{([^}]*)\\}`, 'm').exec(css);
  assert.ok(rule, `docs/theming.md has no ${name} look`);
  return new Map(
    [...rule[1]!.matchAll(/(--[a-z-]+):\s*([^;]+);/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/\s+/g, ' ').trim(),
    ]),
  );
}

const LOOKS = ['defaults', 'maple', 'midnight', 'bold'];
// Text colour on the surfaces it is drawn on.
const PAIRS: [string, string][] = [
  ['--boca-text', '--boca-background'],
  ['--boca-text', '--boca-surface'],
  ['--boca-muted', '--boca-background'],
  ['--boca-muted', '--boca-surface'],
  ['--boca-error', '--boca-background'],
  ['--boca-success', '--boca-background'],
  ['--boca-accent-text', '--boca-accent'],
];

describe('the theming guide', () => {
  it('reads the element’s custom properties and parts', () => {
    assert.ok(defaults.size >= 15, `found ${defaults.size} custom properties in the styles`);
    assert.ok(parts.has('submit') && parts.has('label'));
  });

  it('uses only custom properties and parts that the element has', () => {
    for (const [, name] of css.matchAll(/(--[a-z-]+)\s*:/g)) {
      assert.ok(defaults.has(name!), `${name} is not a custom property of the element`);
    }
    for (const [, name] of css.matchAll(/::part\(([a-z-]+)\)/g)) {
      assert.ok(parts.has(name!), `${name} is not a part of the element`);
    }
  });

  it('gives the element’s real defaults', () => {
    for (const [name, value] of look('defaults')) {
      assert.equal(value, defaults.get(name), name);
    }
  });

  for (const name of LOOKS) {
    it(`keeps AA contrast in the ${name} look`, () => {
      const values = look(name);
      const colour = (property: string) => values.get(property) ?? defaults.get(property)!;
      for (const [text, background] of PAIRS) {
        const ratio = contrast(colour(text), colour(background));
        assert.ok(ratio >= 4.5, `${text} on ${background}: ${ratio.toFixed(2)}:1`);
      }
    });
  }

  it('would notice a low-contrast pair', () => {
    assert.ok(contrast('#777777', '#ffffff') < 4.5);
    assert.ok(contrast('#000000', '#ffffff') > 20);
  });
});
