import { describe, expect, it } from 'vitest';
import { IdleTimer } from './idle-timer.ts';

const MIN = 60_000;

describe('IdleTimer', () => {
  it('warns in the last minute of five, counting down whole seconds, and then expires', () => {
    const t = new IdleTimer(5 * MIN, MIN, 0);
    expect(t.state(4 * MIN - 1)).toEqual({ kind: 'active' });
    expect(t.state(4 * MIN)).toEqual({ kind: 'warning', secondsLeft: 60 });
    expect(t.state(4 * MIN + 500)).toEqual({ kind: 'warning', secondsLeft: 60 });
    expect(t.state(5 * MIN - 1000)).toEqual({ kind: 'warning', secondsLeft: 1 });
    expect(t.state(5 * MIN)).toEqual({ kind: 'expired' });
  });

  it('input starts the five minutes again, also during the countdown ("Ik ben er nog")', () => {
    const t = new IdleTimer(5 * MIN, MIN, 0);
    t.input(3 * MIN);
    expect(t.state(6 * MIN)).toEqual({ kind: 'active' });
    t.input(7.5 * MIN);
    expect(t.state(8 * MIN)).toEqual({ kind: 'active' });
    expect(t.state(12.5 * MIN)).toEqual({ kind: 'expired' });
  });

  it('input after expiry does not undo the sign-out', () => {
    const t = new IdleTimer(5 * MIN, MIN, 0);
    t.input(5 * MIN + 1);
    expect(t.state(5 * MIN + 2)).toEqual({ kind: 'expired' });
  });

  it('refuses a warning as long as the idle time', () => {
    expect(() => new IdleTimer(MIN, MIN, 0)).toThrow();
    expect(() => new IdleTimer(MIN, 0, 0)).toThrow();
  });
});
