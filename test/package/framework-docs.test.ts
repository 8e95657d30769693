/**
 * The React, Vue and Angular snippets of docs/frameworks.md use only names the element really
 * has. Vue and Angular are not installed here, so this checks the names, not the frameworks:
 * attributes against the element's `observedAttributes`, properties and events against its
 * TypeScript types (`HTMLElementTagNameMap`, `HTMLElementEventMap`), React props against the
 * wrapper's props type, all compiled by tsc in memory.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { BocaUserProfile } from '../../component/index.js';
import { frameworkBindings, type Binding, type FrameworkBindings } from './support/snippets.js';
import { typecheck } from './support/typecheck.js';

const docs = readFileSync(new URL('../../docs/frameworks.md', import.meta.url), 'utf8');
const EVENTS = ['boca-save', 'boca-saved', 'boca-error', 'boca-session-expired'];

/** A TypeScript file that compiles only if every name in `bindings` exists. */
function typeSnippet(bindings: Binding[]): string {
  const lines = [
    "import type { BocaUserProfileProps } from '../../react/index.js';",
    "import type {} from '../../component/index.js';",
    "declare const element: HTMLElementTagNameMap['boca-user-profile'];",
  ];
  bindings.forEach((binding, i) => {
    const name = JSON.stringify(binding.name);
    if (binding.kind === 'property') lines.push(`element[${name}] = element[${name}];`);
    if (binding.kind === 'event') {
      // Only the element's own events have a typed `detail`; a plain Event has none.
      lines.push(`const _event${i}: keyof HTMLElementEventMap = ${name};`);
      lines.push(`element.addEventListener(${name}, (event) => event.detail);`);
    }
    if (binding.kind === 'reactProp') {
      lines.push(`const _prop${i}: keyof BocaUserProfileProps = ${name};`);
    }
  });
  return lines.join('\n');
}

describe('the framework snippets in docs/frameworks.md', () => {
  let bindings: FrameworkBindings;
  before(() => {
    bindings = frameworkBindings(docs);
  });

  it('show the element from React, Vue and Angular, each with all four events', () => {
    const names = (list: Binding[], kind: Binding['kind']) =>
      list.filter((b) => b.kind === kind).map((b) => b.name);
    assert.deepEqual(
      names(bindings.react, 'reactProp').filter((n) => n.startsWith('on')),
      ['onBocaSave', 'onBocaSaved', 'onBocaError', 'onBocaSessionExpired'],
    );
    for (const framework of ['vue', 'angular'] as const) {
      const events = names(bindings[framework], 'event');
      assert.ok(events.length >= 3, `${framework}: ${events.join(', ')}`);
      assert.ok(names(bindings[framework], 'property').includes('profile'), framework);
      assert.ok(names(bindings[framework], 'attribute').includes('api-base'), framework);
    }
  });

  it('set only attributes that the element observes', () => {
    const observed = (BocaUserProfile as unknown as { observedAttributes: string[] })
      .observedAttributes;
    assert.deepEqual([...observed].sort(), [
      'api-base',
      'fields',
      'locale',
      'readonly-fields',
      'session-token',
    ]);
    for (const framework of ['vue', 'angular'] as const) {
      for (const binding of bindings[framework].filter((b) => b.kind === 'attribute')) {
        assert.ok(observed.includes(binding.name), `${framework}: attribute ${binding.name}`);
      }
    }
  });

  it('use only properties, events and React props that the typings have; a typo fails', () => {
    const all = [...bindings.react, ...bindings.vue, ...bindings.angular];
    for (const binding of all.filter((b) => b.kind === 'event')) {
      assert.ok(EVENTS.includes(binding.name), `unknown event ${binding.name}`);
    }
    const typos: Binding[] = [
      { kind: 'property', name: 'sessionTokn' },
      { kind: 'event', name: 'boca-savd' },
      { kind: 'reactProp', name: 'onBocaSavd' },
    ];
    const [docErrors, ...typoErrors] = typecheck([
      typeSnippet(all),
      ...typos.map((typo) => typeSnippet([typo])),
    ]);
    assert.deepEqual(docErrors, [], typeSnippet(all));
    // The same check catches each kind of mistake, so a passing run means something.
    for (const [i, errors] of typoErrors.entries()) {
      assert.ok(errors!.length > 0, `a typo went unnoticed: ${JSON.stringify(typos[i])}`);
    }
  });
});
