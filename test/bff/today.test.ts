import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, makeBff } from './harness.js';

// START is 2026-03-13T12:00:00Z; the BFF remembers the day's date between saves.
const MIDNIGHT = Date.UTC(2026, 2, 14);

describe("today's date for the rule on dates of birth", () => {
  it('turns over at midnight UTC, and back when the clock is set back', async () => {
    const t = makeBff();
    await expectError(await t.patch({ dateOfBirth: '2026-03-14' }), 400, 'bad_request');
    t.clock.time = MIDNIGHT - 1;
    await expectError(await t.patch({ dateOfBirth: '2026-03-14' }), 400, 'bad_request');
    t.clock.time = MIDNIGHT;
    assert.equal((await t.patch({ dateOfBirth: '2026-03-14' })).status, 200);
    await expectError(await t.patch({ dateOfBirth: '2026-03-15' }), 400, 'bad_request');
    t.clock.time = MIDNIGHT - 1;
    await expectError(await t.patch({ dateOfBirth: '2026-03-14' }), 400, 'bad_request');
    t.clock.time = MIDNIGHT + 3 * 86_400_000;
    assert.equal((await t.patch({ dateOfBirth: '2026-03-17' })).status, 200);
  });
});
