import { describe, expect, it } from 'vitest';
import type { AppointmentItem } from '../../../shared/api/appointments.ts';
import {
  agendaWindow,
  amsterdamDay,
  formatDateTime,
  formatDay,
  formatTimeRange,
  groupByDay,
  utcIsoToWallTime,
  wallTimeToUtcIso,
} from './agenda-time.ts';

describe('wallTimeToUtcIso', () => {
  it('converts winter time (UTC+1)', () => {
    expect(wallTimeToUtcIso('2026-11-25', '18:00')).toBe('2026-11-25T17:00:00.000Z');
  });
  it('converts summer time (UTC+2)', () => {
    expect(wallTimeToUtcIso('2026-07-01', '09:30')).toBe('2026-07-01T07:30:00.000Z');
  });
  it('handles the DST switch days', () => {
    // 29 March 2026: 02:00 → 03:00; 25 October 2026: 03:00 → 02:00.
    expect(wallTimeToUtcIso('2026-03-29', '01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(wallTimeToUtcIso('2026-03-29', '12:00')).toBe('2026-03-29T10:00:00.000Z');
    expect(wallTimeToUtcIso('2026-10-25', '00:30')).toBe('2026-10-24T22:30:00.000Z');
    expect(wallTimeToUtcIso('2026-10-25', '12:00')).toBe('2026-10-25T11:00:00.000Z');
  });
  it('converts midnight around New Year', () => {
    expect(wallTimeToUtcIso('2027-01-01', '00:00')).toBe('2026-12-31T23:00:00.000Z');
  });
  it('rejects bad input', () => {
    expect(wallTimeToUtcIso('', '10:00')).toBeNull();
    expect(wallTimeToUtcIso('2026-02-30', '10:00')).toBeNull();
    expect(wallTimeToUtcIso('2026-02-10', '25:00')).toBeNull();
    expect(wallTimeToUtcIso('2026-02-10', '')).toBeNull();
  });
  it('round-trips with utcIsoToWallTime', () => {
    for (const [d, t] of [
      ['2026-11-25', '18:00'],
      ['2026-07-01', '00:15'],
      ['2026-03-29', '23:59'],
    ] as const) {
      expect(utcIsoToWallTime(wallTimeToUtcIso(d, t)!)).toEqual({ date: d, time: t });
    }
  });
});

describe('formatting', () => {
  it('shows the day in Dutch and English', () => {
    expect(formatDay('2026-11-25T17:00:00.000Z', 'nl')).toBe('woensdag 25 november');
    expect(formatDay('2026-11-25T17:00:00.000Z', 'en')).toMatch(/Wednesday.*25|25.*Wednesday/);
  });
  it('shows the Amsterdam day, not the UTC day', () => {
    expect(formatDay('2026-11-25T23:30:00.000Z', 'nl')).toBe('donderdag 26 november');
    expect(amsterdamDay('2026-11-25T23:30:00.000Z')).toBe('2026-11-26');
  });
  it('shows a time range', () => {
    expect(formatTimeRange('2026-11-25T17:00:00.000Z', '2026-11-25T19:00:00.000Z', 'nl')).toBe('18:00 – 20:00');
    expect(formatTimeRange('2026-07-01T07:30:00.000Z', '2026-07-01T08:00:00.000Z', 'en')).toBe('09:30 – 10:00');
  });
  it('shows a date and time', () => {
    expect(formatDateTime('2026-11-22T05:00:00.000Z', 'nl')).toContain('22 november 2026');
    expect(formatDateTime('2026-11-22T05:00:00.000Z', 'nl')).toContain('06:00');
  });
});

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

describe('groupByDay', () => {
  it('groups by Amsterdam day in time order', () => {
    const groups = groupByDay([
      item(3, '2026-11-26T08:00:00.000Z'),
      item(1, '2026-11-25T17:00:00.000Z'),
      item(2, '2026-11-25T23:30:00.000Z'),
      item(4, '2026-11-25T09:00:00.000Z'),
    ]);
    expect(groups.map((g) => [g.day, g.items.map((i) => i.id)])).toEqual([
      ['2026-11-25', [4, 1]],
      ['2026-11-26', [2, 3]],
    ]);
  });
  it('gives nothing for nothing', () => {
    expect(groupByDay([])).toEqual([]);
  });
});

describe('agendaWindow', () => {
  it('starts at midnight Amsterdam today and spans 8 weeks', () => {
    const now = Date.parse('2026-11-22T06:35:00.000Z');
    expect(agendaWindow(0, now)).toEqual({ from: '2026-11-21T23:00:00.000Z', to: '2027-01-16T23:00:00.000Z' });
    expect(agendaWindow(-1, now).to).toBe('2026-11-21T23:00:00.000Z');
  });
});
