import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWatchdog } from '../../bff/watchdog.js';
import { FakeClock, settle } from './fake-clock.js';

function watch() {
  const clock = new FakeClock(0);
  const watchdog = createWatchdog({ now: clock.now, sleep: clock.sleep });
  const fired: string[] = [];
  const start = (name: string, ms: number) => {
    const deadline = watchdog.start(ms);
    void deadline.expired.then(() => fired.push(`${name}@${clock.time}`));
    return deadline;
  };
  return { clock, watchdog, fired, start };
}

describe('the watchdog', () => {
  it('times out many deadlines with one timer', async () => {
    const { clock, fired, start } = watch();
    start('a', 5_000);
    clock.advance(10);
    start('b', 5_000);
    clock.advance(10);
    start('c', 5_000);
    assert.deepEqual(clock.sleeps, [5_000]);
    while (clock.fireNext()) await settle();
    assert.deepEqual(fired, ['a@5000', 'b@5010', 'c@5020']);
    // One wake per due deadline here, since each came 10 ms after the last.
    assert.deepEqual(clock.sleeps, [5_000, 10, 10]);
  });

  it('wakes early for a deadline earlier than the armed one', async () => {
    const { clock, fired, start } = watch();
    start('long', 5_000);
    start('short', 1_000);
    assert.deepEqual(clock.sleeps, [5_000, 1_000]);
    while (clock.fireNext()) await settle();
    assert.deepEqual(fired, ['short@1000', 'long@5000']);
  });

  it('never fires a stopped deadline, and forgets it', async () => {
    const { clock, watchdog, fired, start } = watch();
    const a = start('a', 1_000);
    start('b', 2_000);
    watchdog.stop(a);
    assert.equal(watchdog.size, 1);
    while (clock.fireNext()) await settle();
    assert.deepEqual(fired, ['b@2000']);
    assert.equal(watchdog.size, 0);
  });

  it('does not re-arm when nothing is left', async () => {
    const { clock, watchdog, start } = watch();
    watchdog.stop(start('a', 1_000));
    while (clock.fireNext()) await settle();
    assert.deepEqual(clock.sleeps, [1_000]);
    assert.equal(clock.pending, 0);
  });
});
