// The element's reactive base: properties and their attributes, one batched update after changes,
// willUpdate with the old values, nothing rendered before the first connection, values set before
// the upgrade kept, controllers told of connection, the style sheet adopted.
import { expect } from '@open-wc/testing';
import { html } from 'lit/html.js';
import type { ReactiveController } from 'lit';
import {
  BaseElement,
  type PropertyDeclaration,
  type PropertyValues,
} from '../../component/internal/base-element.js';

let count = 0;
/** A new element class under a new tag: each test defines its own. */
function define() {
  const tag = `test-base-${++count}`;
  class Probe extends BaseElement {
    static override properties: Record<string, PropertyDeclaration> = {
      label: {},
      apiBase: { attribute: 'api-base' },
      data: { attribute: false },
      _count: { state: true },
    };
    static override styles = ':host { display: block; margin-top: 7px; }';
    label = 'start';
    apiBase?: string;
    data?: object;
    _count = 0;
    renders = 0;
    seen: Record<string, unknown>[] = [];
    protected override willUpdate(changed: PropertyValues): void {
      this.seen.push(Object.fromEntries(changed));
    }
    override render() {
      this.renders++;
      return html`<p @click=${this.onClick}>${this.label} ${this._count}</p>`;
    }
    onClick(this: Probe) {
      this._count++;
    }
  }
  return {
    Probe,
    create: () => document.createElement(tag) as Probe,
    defineNow: () => customElements.define(tag, Probe),
  };
}

describe('BaseElement', () => {
  it('renders nothing before it is connected, then once with every initial value', async () => {
    const { create, defineNow } = define();
    defineNow();
    const el = create();
    await new Promise((resolve) => setTimeout(resolve));
    expect(el.renders).to.equal(0);
    document.body.append(el);
    await el.updateComplete;
    expect(el.renders).to.equal(1);
    expect(el.seen).to.deep.equal([{ label: undefined, _count: undefined }]);
    expect(el.renderRoot.querySelector('p')!.textContent).to.equal('start 0');
    el.remove();
  });

  it('batches changes into one update that sees the old values; an equal value is no change', async () => {
    const { create, defineNow } = define();
    defineNow();
    const el = create();
    document.body.append(el);
    await el.updateComplete;
    el.label = 'a';
    el.label = 'b';
    el._count = 0;
    el.data = {};
    expect(await el.updateComplete).to.equal(true);
    expect(el.renders).to.equal(2);
    expect(el.seen[1]).to.deep.equal({ label: 'start', data: undefined });
    el.label = 'b';
    await el.updateComplete;
    expect(el.renders).to.equal(2);
    el.remove();
  });

  it('reads declared attributes into their properties, never state or attribute: false', async () => {
    const { Probe, create, defineNow } = define();
    defineNow();
    expect((Probe as unknown as { observedAttributes: string[] }).observedAttributes).to.deep.equal(
      ['label', 'api-base'],
    );
    const el = create();
    el.setAttribute('api-base', '/x');
    el.setAttribute('label', 'hi');
    expect([el.apiBase, el.label]).to.deep.equal(['/x', 'hi']);
    el.removeAttribute('api-base');
    expect(el.apiBase).to.equal(null);
  });

  it('keeps values set on the element before its class was defined', async () => {
    const { create, defineNow } = define();
    const el = create();
    const data = { a: 1 };
    Object.assign(el, { label: 'early', data });
    document.body.append(el);
    defineNow();
    await el.updateComplete;
    expect([el.label, el.data]).to.deep.equal(['early', data]);
    expect(Object.hasOwn(el, 'label')).to.equal(false);
    expect(el.renderRoot.querySelector('p')!.textContent).to.equal('early 0');
    el.remove();
  });

  it('calls template listeners on the element, and re-renders on state', async () => {
    const { create, defineNow } = define();
    defineNow();
    const el = create();
    document.body.append(el);
    await el.updateComplete;
    el.renderRoot.querySelector('p')!.click();
    await el.updateComplete;
    expect(el.renderRoot.querySelector('p')!.textContent).to.equal('start 1');
    el.remove();
  });

  it('tells its controllers when it is connected and disconnected', async () => {
    const { create, defineNow } = define();
    defineNow();
    const el = create();
    const calls: string[] = [];
    const controller: ReactiveController = {
      hostConnected: () => calls.push('connected'),
      hostDisconnected: () => calls.push('disconnected'),
    };
    el.addController(controller);
    expect(calls).to.deep.equal([]);
    document.body.append(el);
    el.remove();
    el.removeController(controller);
    document.body.append(el);
    expect(calls).to.deep.equal(['connected', 'disconnected']);
    el.remove();
  });

  it('adopts its style sheet in an open shadow root', async () => {
    const { create, defineNow } = define();
    defineNow();
    const el = create();
    document.body.append(el);
    expect(el.shadowRoot).to.not.equal(null);
    expect(getComputedStyle(el).marginTop).to.equal('7px');
    el.remove();
  });
});
