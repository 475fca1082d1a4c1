// Pure calendar arithmetic for the agenda's week and month views. Days are Amsterdam calendar days as 'YYYY-MM-DD'
// strings: adding days to a date string never meets a DST switch (only the instants do), and every period's ends are
// converted to instants once, at 00:00 Amsterdam time, by wallTimeToUtcIso.
import type { AppointmentItem } from '../../../shared/api/appointments.ts';
import { amsterdamDay, wallTimeToUtcIso } from './agenda-time.ts';

export const AGENDA_VIEWS = ['lijst', 'week', 'maand'] as const;
export type AgendaView = (typeof AGENDA_VIEWS)[number];

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `s` a real calendar day 'YYYY-MM-DD' (e.g. from the address bar)? */
export function isDay(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Noon UTC of a day: a safe Date for weekday and formatting (never near a day boundary). */
function noon(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, 12));
}

export function addDays(day: string, n: number): string {
  const d = noon(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first day of the month `n` months from `day`'s month. */
export function addMonths(day: string, n: number): string {
  const d = noon(day);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1, 12)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(day: string): number {
  return noon(day).getUTCDay() || 7;
}

/** The Monday of `day`'s week (Dutch weeks start on Monday). */
export function weekStart(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The seven days Monday–Sunday of `day`'s week. */
export function weekDays(day: string): string[] {
  const monday = weekStart(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** ISO week number (week 1 holds the year's first Thursday). */
export function isoWeekNumber(day: string): number {
  const thursday = noon(addDays(weekStart(day), 3));
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1, 12);
  return Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
}

/** 'YYYY-MM' of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The weeks (Monday–Sunday) that cover `day`'s month: 4 to 6 rows of seven days, as a calendar shows them. */
export function monthGrid(day: string): string[][] {
  const first = `${monthOf(day)}-01`;
  const last = addDays(addMonths(first, 1), -1);
  const weeks: string[][] = [];
  for (let monday = weekStart(first); monday <= last; monday = addDays(monday, 7)) weeks.push(weekDays(monday));
  return weeks;
}

/** 00:00 Amsterdam time on `day` as a UTC ISO instant. */
export function dayStart(day: string): string {
  return wallTimeToUtcIso(day, '00:00')!;
}

export interface Period {
  /** The days shown, in order (7 for a week, 28–42 for a month grid). */
  days: string[];
  /** The instants to ask the server for: 00:00 of the first day to 00:00 after the last day. */
  from: string;
  to: string;
}

/** The days and instants of the week or month view around `anchor`. */
export function periodOf(view: Exclude<AgendaView, 'lijst'>, anchor: string): Period {
  const days = view === 'week' ? weekDays(anchor) : monthGrid(anchor).flat();
  return { days, from: dayStart(days[0]!), to: dayStart(addDays(days.at(-1)!, 1)) };
}

/** The anchor one period earlier (-1) or later (+1): a week moves 7 days, a month to the 1st of the next month. */
export function shiftAnchor(view: Exclude<AgendaView, 'lijst'>, anchor: string, step: number): string {
  return view === 'week' ? addDays(anchor, 7 * step) : addMonths(anchor, step);
}

/** Appointments by Amsterdam start day, each day's in time order. */
export function byDay(items: readonly AppointmentItem[]): Map<string, AppointmentItem[]> {
  const map = new Map<string, AppointmentItem[]>();
  const sorted = [...items].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
  for (const item of sorted) {
    const day = amsterdamDay(item.startsAt);
    const list = map.get(day);
    if (list) list.push(item);
    else map.set(day, [item]);
  }
  return map;
}

const fmt = (locale: string, o: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...o });

/** "maandag 23 november". */
export function dayLabel(day: string, locale: string): string {
  return fmt(locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(noon(day));
}

/** "ma 23 nov." — the head of a week column. */
export function shortDayLabel(day: string, locale: string): string {
  return fmt(locale, { weekday: 'short', day: 'numeric', month: 'short' }).format(noon(day));
}

/** "november 2026". */
export function monthLabel(day: string, locale: string): string {
  return fmt(locale, { month: 'long', year: 'numeric' }).format(noon(day));
}

/** "23 november – 29 november 2026". */
export function rangeLabel(first: string, last: string, locale: string): string {
  const dm = fmt(locale, { day: 'numeric', month: 'long' });
  return `${dm.format(noon(first))} – ${dm.format(noon(last))} ${last.slice(0, 4)}`;
}

/** The weekday names Monday–Sunday, long ("maandag") and short ("ma"), for the month grid's head. */
export function weekdayNames(locale: string): { long: string; short: string }[] {
  return weekDays('2024-01-01').map((d) => ({
    long: fmt(locale, { weekday: 'long' }).format(noon(d)),
    short: fmt(locale, { weekday: 'short' }).format(noon(d)),
  }));
}

/** Today in Amsterdam, 'YYYY-MM-DD'. */
export function today(now: number): string {
  return amsterdamDay(now);
}
