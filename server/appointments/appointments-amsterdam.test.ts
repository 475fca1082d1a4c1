import { describe, expect, it } from 'vitest';
import { addDays, amsterdamDate, amsterdamOffsetMs, amsterdamToUtc } from './amsterdam.ts';

const d = (year: number, month: number, day: number) => ({ year, month, day });
const utc = (date: ReturnType<typeof d>, h: number, m = 0) => amsterdamToUtc(date, h, m).toISOString();

describe('Amsterdam wall time → UTC', () => {
  it('18:00 is 17:00 UTC in winter and 16:00 UTC in summer', () => {
    expect(utc(d(2026, 1, 15), 18)).toBe('2026-01-15T17:00:00.000Z');
    expect(utc(d(2026, 7, 15), 18)).toBe('2026-07-15T16:00:00.000Z');
  });

  it('switches on the last Sunday of March: the day before is winter time, that day summer time', () => {
    expect(utc(d(2026, 3, 28), 18)).toBe('2026-03-28T17:00:00.000Z');
    expect(utc(d(2026, 3, 29), 18)).toBe('2026-03-29T16:00:00.000Z');
    expect(utc(d(2026, 3, 29), 1, 30)).toBe('2026-03-29T00:30:00.000Z');
    expect(utc(d(2026, 3, 29), 3)).toBe('2026-03-29T01:00:00.000Z');
    // 02:30 does not exist that night: it moves an hour on, to 03:30 summer time
    expect(utc(d(2026, 3, 29), 2, 30)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('switches back on the last Sunday of October; the repeated hour takes its first (summer-time) reading', () => {
    expect(utc(d(2026, 10, 24), 18)).toBe('2026-10-24T16:00:00.000Z');
    expect(utc(d(2026, 10, 25), 18)).toBe('2026-10-25T17:00:00.000Z');
    expect(utc(d(2026, 10, 25), 2, 30)).toBe('2026-10-25T00:30:00.000Z');
    expect(utc(d(2026, 10, 25), 3)).toBe('2026-10-25T02:00:00.000Z');
  });

  it('reads the offset and the local date of an instant', () => {
    expect(amsterdamOffsetMs(new Date('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(amsterdamOffsetMs(new Date('2026-07-15T12:00:00Z'))).toBe(7_200_000);
    // 23:30 UTC on 22 November is already 23 November in Amsterdam
    expect(amsterdamDate(new Date('2026-11-22T23:30:00Z'))).toEqual(d(2026, 11, 23));
  });

  it('adds days across month and year ends', () => {
    expect(addDays(d(2026, 12, 30), 3)).toEqual(d(2027, 1, 2));
    expect(addDays(d(2028, 2, 28), 1)).toEqual(d(2028, 2, 29));
  });
});
