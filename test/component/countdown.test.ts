// The countdown controller with fake timers: whole seconds down to zero, then it stops.
import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Countdown, type Timers } from '../../component/internal/countdown.js';

function fakes() {
  let next = 1;
  const live = new Map<number, () => void>();
  const timers: Timers = {
    setInterval: (callback) => {
      live.set(next, callback);
      return next++;
    },
    clearInterval: (id) => void live.delete(id),
  };
  let updates = 0;
  const controllers: ReactiveController[] = [];
  const host = {
    addController: (c: ReactiveController) => controllers.push(c),
    requestUpdate: () => updates++,
  } as unknown as ReactiveControllerHost;
  return {
    timers,
    host,
    controllers,
    tick: () => [...live.values()].forEach((callback) => callback()),
    live: () => live.size,
    updates: () => updates,
  };
}

describe('Countdown', () => {
  it('counts whole seconds down to zero, re-rendering each second, then stops', () => {
    const f = fakes();
    const countdown = new Countdown(f.host, f.timers);
    expect(f.controllers).to.deep.equal([countdown]);
    countdown.start(2.2);
    expect(countdown.remaining).to.equal(3);
    const seen = [];
    for (let i = 0; i < 3; i++) {
      f.tick();
      seen.push(countdown.remaining);
    }
    expect(seen).to.deep.equal([2, 1, 0]);
    expect(f.live()).to.equal(0);
    expect(f.updates()).to.equal(4);
  });

  it('calls its end callback once, when the wait reaches zero', () => {
    const f = fakes();
    let ended = 0;
    const countdown = new Countdown(f.host, f.timers, () => ended++);
    countdown.start(2);
    f.tick();
    expect(ended).to.equal(0);
    f.tick();
    f.tick();
    expect(ended).to.equal(1);
  });

  it('does nothing for a zero wait', () => {
    const f = fakes();
    const countdown = new Countdown(f.host, f.timers);
    countdown.start(0);
    expect(countdown.remaining).to.equal(0);
    expect(f.live()).to.equal(0);
  });

  it('restarts on a new wait, with one timer only', () => {
    const f = fakes();
    const countdown = new Countdown(f.host, f.timers);
    countdown.start(5);
    f.tick();
    countdown.start(3);
    expect(f.live()).to.equal(1);
    expect(countdown.remaining).to.equal(3);
  });

  it('pauses while the host is detached and resumes when attached again', () => {
    const f = fakes();
    const countdown = new Countdown(f.host, f.timers);
    countdown.start(5);
    countdown.hostDisconnected();
    expect(f.live()).to.equal(0);
    expect(countdown.remaining).to.equal(5);
    countdown.hostConnected();
    expect(f.live()).to.equal(1);
    f.tick();
    expect(countdown.remaining).to.equal(4);
  });
});
