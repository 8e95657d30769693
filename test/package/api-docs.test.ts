/**
 * The API reference generator: what a manifest declares ends up in the Markdown, private and
 * static members stay out, and a file that is not a manifest fails with a clear error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderApiDocs } from '../../scripts/api-docs.mjs';

const manifest = {
  schemaVersion: '2.1.0',
  modules: [
    {
      kind: 'javascript-module',
      path: 'component/x-demo.ts',
      declarations: [
        { kind: 'function', name: 'helper' },
        {
          kind: 'class',
          name: 'XDemo',
          customElement: true,
          tagName: 'x-demo',
          summary: 'Edits a demo thing.',
          attributes: [
            {
              name: 'api-base',
              fieldName: 'apiBase',
              type: { text: 'string' },
              default: "'/api'",
              description: 'Where the server is.',
            },
          ],
          members: [
            {
              kind: 'field',
              name: 'apiBase',
              attribute: 'api-base',
              type: { text: 'string' },
              default: "'/api'",
              description: 'Where the server is.',
            },
            {
              kind: 'field',
              name: 'profile',
              type: { text: 'Profile | undefined' },
              description: 'Initial values.',
            },
            { kind: 'field', name: 'styles', static: true },
            { kind: 'field', name: 'secretState', privacy: 'private' },
            { kind: 'field', name: '_draft' },
            { kind: 'method', name: 'save', return: { type: { text: 'Promise<void>' } } },
            { kind: 'method', name: 'render', privacy: 'protected' },
          ],
          events: [
            { name: 'x-saved', type: { text: 'XSavedEvent' }, description: 'After a save.' },
          ],
          cssParts: [{ name: 'form', description: 'The form.' }],
          cssProperties: [
            { name: '--x-accent', default: '#0b5fff', description: 'The accent colour.' },
          ],
          slots: [],
        },
      ],
    },
  ],
};

describe('renderApiDocs', () => {
  it('lists the attributes, properties, methods, events, parts and custom properties', async () => {
    const md = await renderApiDocs(manifest);
    assert.match(md, /^# `<x-demo>`$/m);
    assert.match(md, /Edits a demo thing\./);
    assert.match(
      md,
      /\| `api-base` +\| `apiBase` +\| `string` +\| `'\/api'` +\| Where the server is\./,
    );
    assert.match(md, /\| `profile` +\| +\| `Profile \\\| undefined` +\|/);
    assert.match(md, /\| `save` +\| `\(\) => Promise<void>` +\|/);
    assert.match(md, /\| `x-saved` +\| `XSavedEvent` +\| After a save\. +\|/);
    assert.match(md, /\| `form` +\| The form\. +\|/);
    assert.match(md, /\| `--x-accent` +\| `#0b5fff` +\| The accent colour\. +\|/);
  });

  it('leaves out static, private, protected and underscored members, and empty sections', async () => {
    const md = await renderApiDocs(manifest);
    for (const hidden of ['styles', 'secretState', '_draft', 'render', 'helper']) {
      assert.doesNotMatch(md, new RegExp(`\`${hidden}\``), hidden);
    }
    assert.doesNotMatch(md, /## Slots/);
  });

  it('refuses a file that is not a manifest, or one without an element', async () => {
    await assert.rejects(renderApiDocs({}), { name: 'TypeError', message: /no "modules" list/ });
    await assert.rejects(renderApiDocs({ modules: [{ path: 'a.js', declarations: [] }] }), {
      name: 'TypeError',
      message: /no custom element/,
    });
  });
});
