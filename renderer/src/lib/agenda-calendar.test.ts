import { describe, expect, it } from 'vitest';
import type { AppointmentItem } from '../../../shared/api/appointments.ts';
import {
  addDays,
  addMonths,
  byDay,
  dayLabel,
  isDay,
  isoWeekNumber,
  isoWeekday,
  monthGrid,
  monthLabel,
  periodOf,
  rangeLabel,
  shiftAnchor,
  today,
  weekDays,
  weekStart,
  weekdayNames,
} from './agenda-calendar.ts';

describe('day arithmetic', () => {
  it('adds days across month and year ends and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('adds months to the first of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
  });
  it('adds days over the DST switches without drifting an hour', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });
  it('recognises real days only', () => {
    expect(isDay('2026-11-24')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-1-2')).toBe(false);
    expect(isDay(undefined)).toBe(false);
    expect(isDay(['2026-11-24'])).toBe(false);
  });
});

describe('weeks start on Monday', () => {
  it('finds the Monday of any day, Sunday included', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });
  it('lists the seven days', () => {
    expect(weekDays('2026-11-25')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
  });
  it('numbers ISO weeks', () => {
    expect(isoWeekNumber('2026-11-24')).toBe(48);
    expect(isoWeekNumber('2027-01-01')).toBe(53);
    expect(isoWeekNumber('2026-01-01')).toBe(1);
    expect(isoWeekNumber('2021-01-03')).toBe(53);
  });
});

describe('month grid', () => {
  it('covers the month with whole weeks Monday–Sunday', () => {
    const grid = monthGrid('2026-11-24');
    expect(grid).toHaveLength(6); // 1 November 2026 is a Sunday, the 30th a Monday
    expect(grid[0]![0]).toBe('2026-10-26');
    expect(grid[0]![6]).toBe('2026-11-01');
    expect(grid.at(-1)![0]).toBe('2026-11-30');
    expect(grid.at(-1)![6]).toBe('2026-12-06');
    for (const week of grid) expect(week).toHaveLength(7);
  });
  it('has four rows for a February that starts on Monday', () => {
    const grid = monthGrid('2027-02-10');
    expect(grid).toHaveLength(4);
    expect(grid[0]![0]).toBe('2027-02-01');
    expect(grid[3]![6]).toBe('2027-02-28');
  });
});

describe('periods as instants (Europe/Amsterdam)', () => {
  it('a week runs from Monday 00:00 to the next Monday 00:00', () => {
    expect(periodOf('week', '2026-11-25')).toMatchObject({
      from: '2026-11-22T23:00:00.000Z',
      to: '2026-11-29T23:00:00.000Z',
    });
  });
  it('the week of the spring DST switch is an hour shorter', () => {
    const p = periodOf('week', '2026-03-29');
    expect(p.from).toBe('2026-03-22T23:00:00.000Z');
    expect(p.to).toBe('2026-03-29T22:00:00.000Z');
  });
  it('the week of the autumn switch ends in winter time', () => {
    const p = periodOf('week', '2026-10-25');
    expect(p.from).toBe('2026-10-18T22:00:00.000Z');
    expect(p.to).toBe('2026-10-25T23:00:00.000Z');
  });
  it('a month grid runs over its six weeks (within the server limit)', () => {
    const p = periodOf('maand', '2026-11-01');
    expect(p.days).toHaveLength(42);
    expect(p.from).toBe('2026-10-25T23:00:00.000Z');
    expect(p.to).toBe('2026-12-06T23:00:00.000Z');
  });
  it('shifts weeks by seven days and months to the first', () => {
    expect(shiftAnchor('week', '2026-11-24', 1)).toBe('2026-12-01');
    expect(shiftAnchor('week', '2026-11-24', -1)).toBe('2026-11-17');
    expect(shiftAnchor('maand', '2026-11-24', 1)).toBe('2026-12-01');
    expect(shiftAnchor('maand', '2026-01-31', -1)).toBe('2025-12-01');
  });
  it("today is Amsterdam's date, not UTC's", () => {
    expect(today(Date.parse('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
    expect(today(Date.parse('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});

describe('grouping and labels', () => {
  const item = (id: number, startsAt: string): AppointmentItem => ({
    id,
    kind: 'visit',
    startsAt,
    endsAt: startsAt,
    description: `a${id}`,
    location: null,
    staff: null,
    createdBy: null,
    editable: true,
  });
  it('groups by Amsterdam day in time order', () => {
    const map = byDay([
      item(2, '2026-11-25T17:00:00.000Z'),
      item(1, '2026-11-25T08:00:00.000Z'),
      item(3, '2026-11-25T23:30:00.000Z'), // 00:30 on the 26th in Amsterdam
    ]);
    expect([...map.keys()]).toEqual(['2026-11-25', '2026-11-26']);
    expect(map.get('2026-11-25')!.map((a) => a.id)).toEqual([1, 2]);
  });
  it('labels days, months and ranges in Dutch', () => {
    expect(dayLabel('2026-11-25', 'nl')).toBe('woensdag 25 november');
    expect(monthLabel('2026-11-25', 'nl')).toBe('november 2026');
    expect(rangeLabel('2026-11-23', '2026-11-29', 'nl')).toBe('23 november – 29 november 2026');
    expect(weekdayNames('nl')[0]).toEqual({ long: 'maandag', short: 'ma' });
    expect(weekdayNames('nl')[6]!.long).toBe('zondag');
  });
});
