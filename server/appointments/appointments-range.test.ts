import { describe, expect, it } from 'vitest';
import { resolveRange } from './range.ts';
import { HttpError } from '../http/errors.ts';

const now = new Date('2026-11-22T10:00:00.000Z');

function refusal(q: { from?: string; to?: string }): { status: number; fields: unknown } {
  try {
    resolveRange(now, q);
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, fields: e.details?.fields };
    throw e;
  }
  throw new Error('accepted');
}

describe('agenda range', () => {
  it('defaults to a day ago until 62 days after that', () => {
    expect(resolveRange(now, {})).toEqual({ from: '2026-11-21T10:00:00.000Z', to: '2027-01-22T10:00:00.000Z' });
  });

  it('counts the default end from a given start; a given end with the default start', () => {
    expect(resolveRange(now, { from: '2027-01-01T00:00:00.000Z' }).to).toBe('2027-03-04T00:00:00.000Z');
    expect(resolveRange(now, { to: '2026-12-01T00:00:00.000Z' })).toEqual({
      from: '2026-11-21T10:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
    });
  });

  it('allows exactly 400 days', () => {
    const r = resolveRange(now, { from: '2026-01-01T00:00:00.000Z', to: '2027-02-05T00:00:00.000Z' });
    expect(r.to).toBe('2027-02-05T00:00:00.000Z');
  });

  it('refuses an end not after the start and more than 400 days, as field errors on `to`', () => {
    expect(refusal({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })).toEqual({
      status: 400,
      fields: [{ path: 'to', code: 'not_after_from', message: 'not_after_from' }],
    });
    expect(refusal({ to: '2026-01-01T00:00:00.000Z' })).toMatchObject({ status: 400 });
    expect(refusal({ from: '2026-01-01T00:00:00.000Z', to: '2027-02-05T00:00:00.001Z' })).toEqual({
      status: 400,
      fields: [{ path: 'to', code: 'range_too_long', message: 'range_too_long' }],
    });
  });
});
