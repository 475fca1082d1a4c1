// The ward computer's idle logout (issue 5 §3): after `idleMs` without input the resident is signed out; in the last
// `warnMs` a countdown shows with "Ik ben er nog". Pure and driven by the caller's clock, so it is tested without
// timers; use-kiosk-idle.ts feeds it input events and a one-second tick.
export type IdleState = { kind: 'active' } | { kind: 'warning'; secondsLeft: number } | { kind: 'expired' };

export class IdleTimer {
  private lastInput: number;

  constructor(
    private readonly idleMs: number,
    private readonly warnMs: number,
    now: number,
  ) {
    if (!(warnMs > 0 && idleMs > warnMs)) throw new Error('the warning must be shorter than the idle time');
    this.lastInput = now;
  }

  /** Input by the resident. Once expired, input no longer counts: the sign-out has begun. */
  input(now: number): void {
    if (this.state(now).kind !== 'expired') this.lastInput = now;
  }

  state(now: number): IdleState {
    const left = this.lastInput + this.idleMs - now;
    if (left <= 0) return { kind: 'expired' };
    if (left <= this.warnMs) return { kind: 'warning', secondsLeft: Math.ceil(left / 1000) };
    return { kind: 'active' };
  }
}
