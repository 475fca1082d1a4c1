import { describe, expect, it } from 'vitest';
import { addDaysTo, chunksOf, daysBetween, pagedScroll, visibleWindow } from './timeline-window.ts';

const base = { scrollLeft: 0, viewportWidth: 1000, dayWidth: 200, totalDays: 1826, marginDays: 2 };

describe('visibleWindow', () => {
  it('renders the columns in view plus the margin at the start', () => {
    expect(visibleWindow(base)).toEqual({ first: 0, last: 6 });
  });

  it('follows the scroll position, a partly visible column counts', () => {
    expect(visibleWindow({ ...base, scrollLeft: 2100 })).toEqual({ first: 8, last: 17 });
  });

  it('clamps to the end of five years of days, however far one scrolls', () => {
    expect(visibleWindow({ ...base, scrollLeft: 1826 * 200 - 1000 })).toEqual({ first: 1819, last: 1825 });
    expect(visibleWindow({ ...base, scrollLeft: 10_000_000 })).toEqual({ first: 1825, last: 1825 });
  });

  it('stays small: never more columns than fit the view plus two margins', () => {
    for (let s = 0; s < 365_000; s += 7_919) {
      const w = visibleWindow({ ...base, scrollLeft: s });
      expect(w.last - w.first + 1).toBeLessThanOrEqual(1000 / 200 + 1 + 2 * 2);
    }
  });

  it('handles an empty timeline, a negative overscroll and a short timeline', () => {
    expect(visibleWindow({ ...base, totalDays: 0 })).toEqual({ first: 0, last: -1 });
    expect(visibleWindow({ ...base, scrollLeft: -50 })).toEqual({ first: 0, last: 6 });
    expect(visibleWindow({ ...base, totalDays: 3 })).toEqual({ first: 0, last: 2 });
  });
});

describe('chunksOf, pagedScroll and dates', () => {
  it('lists the chunks covering a window', () => {
    expect(chunksOf({ first: 0, last: 6 }, 31)).toEqual([0]);
    expect(chunksOf({ first: 29, last: 33 }, 31)).toEqual([0, 1]);
    expect(chunksOf({ first: 0, last: -1 }, 31)).toEqual([]);
  });

  it('pages by whole columns, keeping one in sight, never before the start', () => {
    expect(pagedScroll(2000, 1000, 200, 1)).toBe(2800);
    expect(pagedScroll(2000, 1000, 200, -1)).toBe(1200);
    expect(pagedScroll(100, 1000, 200, -1)).toBe(0);
    expect(pagedScroll(0, 150, 200, 1)).toBe(200);
  });

  it('counts calendar days across a DST change and a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(addDaysTo('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDaysTo('2026-01-01', -1)).toBe('2025-12-31');
  });
});
