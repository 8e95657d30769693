/**
 * OpenTelemetry's active context kept in an `AsyncLocalStorage`, so that a span started while a
 * request is handled finds the request's span as its parent across every `await`. The BFF's own
 * SDK set-up (`sdk.ts`) registers it; a partner's SDK brings its own (the Node SDK does). Node,
 * Bun and Deno have `AsyncLocalStorage`; so do Workers with `nodejs_compat`.
 *
 * @example
 *   context.setGlobalContextManager(new AsyncLocalContextManager());
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

export class AsyncLocalContextManager implements ContextManager {
  #storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.#storage.run(context, () => fn.call(thisArg, ...args));
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as (...args: unknown[]) => unknown;
    const run = (thisArg: unknown, args: unknown[]) =>
      this.with(context, () => fn.apply(thisArg, args));
    return function bound(this: unknown, ...args: unknown[]) {
      return run(this, args);
    } as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.#storage.disable();
    return this;
  }
}
