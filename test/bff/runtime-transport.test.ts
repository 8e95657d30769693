/**
 * `createNodeBff` picks its upstream transport by runtime: undici's `Pool` on Node, the runtime's
 * `fetch` on Bun, whose own `undici` module has a `Pool` that fails every request. (The packed
 * `boca-bff` saving through the sandbox under Bun is in test/package/pack.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { undiciPoolWorks } from '../../bff/node.js';

describe('the transport createNodeBff picks', () => {
  it('is undici’s Pool on Node', () => {
    assert.equal(undiciPoolWorks({ node: '20.19.0' }), true);
    assert.equal(undiciPoolWorks(), true);
  });

  it('is fetch on Bun, which also reports a Node version', () => {
    assert.equal(undiciPoolWorks({ node: '24.3.0', bun: '1.4.5' }), false);
  });

  it('is fetch where there is no Node at all', () => {
    assert.equal(undiciPoolWorks({}), false);
  });
});
