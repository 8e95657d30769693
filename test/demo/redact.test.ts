import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactKey, scrub, truncateBearer } from '../../demo/redact.js';

describe('redaction for the "what happened" panel', () => {
  it('shows only the ends of a long API key, and nothing of a short one', () => {
    assert.equal(redactKey('sandbox-api-key'), 'sand…key');
    assert.equal(redactKey('short-key'), '••••');
  });

  it('cuts a bearer token short and says how long it was', () => {
    const token = `eyJhbGciOiJIUzI1NiJ9.${'a'.repeat(100)}.sig`;
    const shown = truncateBearer(`Bearer ${token}`);
    assert.equal(shown, `Bearer eyJhbGciOiJI…(${token.length} chars)`);
    assert.equal(shown.includes(token), false);
    assert.equal(truncateBearer('Basic dXNlcjpwYXNz'), '••••');
  });

  it('scrubs every occurrence of each secret', () => {
    assert.equal(
      scrub('key=s3cret-one and s3cret-one, s3cret-two', ['s3cret-one', 's3cret-two']),
      'key=•••• and ••••, ••••',
    );
    assert.equal(scrub('abc', ['']), 'abc', 'an empty secret changes nothing');
  });
});
