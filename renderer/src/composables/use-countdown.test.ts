import { describe, expect, it } from 'vitest';
import { formatMinSec, secondsUntil } from './use-countdown.ts';

describe('countdown helpers', () => {
  const now = Date.parse('2026-05-01T10:00:00Z');
  it('counts whole seconds up, never below zero', () => {
    expect(secondsUntil('2026-05-01T10:01:00Z', now)).toBe(60);
    expect(secondsUntil('2026-05-01T10:00:00.200Z', now)).toBe(1);
    expect(secondsUntil('2026-05-01T09:59:00Z', now)).toBe(0);
    expect(secondsUntil(null, now)).toBe(0);
    expect(secondsUntil('not a date', now)).toBe(0);
  });
  it('formats m:ss', () => {
    expect(formatMinSec(42)).toBe('0:42');
    expect(formatMinSec(65)).toBe('1:05');
    expect(formatMinSec(0)).toBe('0:00');
  });
});
