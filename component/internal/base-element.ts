/**
 * The reactive base of the element: what it uses of `LitElement` (declared properties, their
 * attributes, batched updates, controllers, an open shadow root with one style sheet), on Lit's
 * own templates (`lit/html.js`). LitElement and ReactiveElement carry converters, reflection,
 * decorators and polyfill hooks the element never uses: 1.8 KB gzip of the self-contained
 * bundle. The element's reactive contract is Lit's: a property set to a new value (`Object.is`)
 * queues one update in a microtask, which calls `willUpdate(changed)` with the old values, then
 * renders; `updateComplete` settles after it; nothing renders before the first connection.
 *
 * @example
 *   class Hello extends BaseElement {
 *     static override properties = { name: {}, _count: { state: true } };
 *     static override styles = ':host { display: block }';
 *     name = 'world';
 *     override render() { return html`Hello ${this.name}`; }
 *   }
 */
import { render, type TemplateResult } from 'lit/html.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PropertyDeclaration {
  /** The attribute's name (the property's name, lower-cased, by default), or none. */
  attribute?: string | false;
  /** Private state: never an attribute. */
  state?: boolean;
}

/** The old value of each property changed since the last update. */
export type PropertyValues = Map<PropertyKey, unknown>;

type Root = ShadowRoot & { adoptedStyleSheets?: CSSStyleSheet[] };
type Fields = Record<string, unknown>;

/** A `<style nonce>` for pages whose CSP allows styles by nonce, read where Lit reads it. */
declare const litNonce: string | undefined;

/**
 * Without a DOM (a server rendering the portal's pages, Node) the module still loads and defines
 * the element, as a Lit element does there: its base is then an empty class, and a registry that
 * records definitions (reading `observedAttributes`, which defines the accessors) stands in for
 * `customElements`, as Lit's server build installs one.
 */
const Host = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;
globalThis.customElements ??= new (class {
  #defined = new Map<string, CustomElementConstructor>();
  define(name: string, element: CustomElementConstructor & { observedAttributes?: string[] }) {
    void element.observedAttributes;
    this.#defined.set(name, element);
  }
  get(name: string) {
    return this.#defined.get(name);
  }
})() as unknown as CustomElementRegistry;

/** Per element class: attribute name → property name, and its style sheet. */
const attributeMaps = new WeakMap<object, Map<string, string>>();
const sheets = new WeakMap<object, CSSStyleSheet>();

export abstract class BaseElement extends Host implements ReactiveControllerHost {
  static properties: Record<string, PropertyDeclaration> = {};
  /** The element's style sheet, one constant text. */
  static styles = '';

  /** Called once, by `customElements.define`: defines each property's accessors. */
  static get observedAttributes(): string[] {
    let map = attributeMaps.get(this);
    if (!map) {
      attributeMaps.set(this, (map = new Map()));
      for (const [name, options] of Object.entries(this.properties)) {
        Object.defineProperty(this.prototype, name, {
          get(this: BaseElement) {
            return this.#values.get(name);
          },
          set(this: BaseElement, value: unknown) {
            const old = this.#values.get(name);
            this.#values.set(name, value);
            if (!Object.is(old, value)) this.requestUpdate(name, old);
          },
          configurable: true,
        });
        const attribute = options.state ? false : (options.attribute ?? name.toLowerCase());
        if (attribute) map.set(attribute, name);
      }
    }
    return [...map.keys()];
  }

  readonly renderRoot: Root;
  #values = new Map<string, unknown>();
  #changed: PropertyValues = new Map();
  #controllers = new Set<ReactiveController>();
  /** Values set on the element before it was upgraded, applied at the first update. */
  #early?: Map<string, unknown> = new Map();
  #pending = false;
  #connect!: () => void;
  #done: Promise<boolean> = new Promise((resolve) => (this.#connect = () => resolve(true)));

  constructor() {
    super();
    const declared = this.constructor as typeof BaseElement;
    for (const name of Object.keys(declared.properties)) {
      if (Object.hasOwn(this, name)) {
        this.#early!.set(name, (this as unknown as Fields)[name]);
        delete (this as unknown as Fields)[name];
      }
    }
    this.renderRoot = this.attachShadow({ mode: 'open' });
    this.#adoptStyles(declared);
    this.requestUpdate();
  }

  #adoptStyles(declared: typeof BaseElement): void {
    const root = this.renderRoot;
    if (root.adoptedStyleSheets && 'replaceSync' in CSSStyleSheet.prototype) {
      let sheet = sheets.get(declared);
      if (!sheet) {
        sheets.set(declared, (sheet = new CSSStyleSheet()));
        sheet.replaceSync(declared.styles);
      }
      root.adoptedStyleSheets = [sheet];
      return;
    }
    // Browsers before constructable style sheets (Safari 16.3) get a <style>.
    const style = document.createElement('style');
    if (typeof litNonce === 'string') style.nonce = litNonce;
    style.textContent = declared.styles;
    root.append(style);
  }

  /** Settles with true after the update under way (if any) when no other one is queued. */
  get updateComplete(): Promise<boolean> {
    return this.#done;
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  /** Queues an update; `name` and `old` say which property changed and what it was. */
  requestUpdate(name?: PropertyKey, old?: unknown): void {
    if (name !== undefined && !this.#changed.has(name)) this.#changed.set(name, old);
    if (this.#pending) return;
    this.#pending = true;
    this.#done = this.#update(this.#done);
  }

  async #update(previous: Promise<boolean>): Promise<boolean> {
    await previous.catch(() => {});
    if (this.#early) {
      for (const [name, value] of this.#early) (this as unknown as Fields)[name] = value;
      this.#early = undefined;
    }
    const changed = this.#changed;
    let template: unknown;
    try {
      this.willUpdate(changed);
      template = this.render();
    } finally {
      this.#changed = new Map();
      this.#pending = false;
    }
    render(template, this.renderRoot, { host: this });
    return !this.#pending;
  }

  connectedCallback(): void {
    this.#connect();
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    (this as unknown as Fields)[attributeMaps.get(this.constructor)!.get(attribute)!] = value;
  }

  /** Before each render: derive state from what changed. */
  protected willUpdate(_changed: PropertyValues): void {}

  protected abstract render(): TemplateResult | unknown;
}
