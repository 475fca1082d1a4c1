// Pure helpers for the agenda: times are stored as UTC instants and always shown in Europe/Amsterdam, whatever the
// PC's own time zone. The form works in Amsterdam wall time (date + hh:mm) and converts to UTC ISO with 'Z'.
import type { AppointmentItem } from '../../../shared/api/appointments.ts';

export const ZONE = 'Europe/Amsterdam';
const DAY_MS = 86_400_000;
/** The agenda page shows windows of eight weeks. */
export const WINDOW_DAYS = 56;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallParts(ms: number): WallParts {
  const p: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    hour: p.hour! % 24,
    minute: p.minute!,
    second: p.second!,
  };
}

/** Amsterdam's offset from UTC at instant `ms`, in ms (+1 h in winter, +2 h in summer). */
export function amsterdamOffsetMs(ms: number): number {
  const w = wallParts(ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' + 'HH:MM' in Amsterdam → UTC ISO with 'Z'; null when the input is not a valid date or time. */
export function wallTimeToUtcIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const guess = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(guess).getUTCDate() !== da) return null;
  // The offset at the guess may differ from the one at the result near a DST switch: check once more.
  let ms = guess - amsterdamOffsetMs(guess);
  const second = guess - amsterdamOffsetMs(ms);
  if (second !== ms) ms = second;
  return new Date(ms).toISOString();
}

/** UTC ISO → Amsterdam wall time, for prefilling the form. */
export function utcIsoToWallTime(iso: string): { date: string; time: string } {
  const w = wallParts(Date.parse(iso));
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** The Amsterdam calendar day of an instant, 'YYYY-MM-DD'. */
export function amsterdamDay(iso: string | number): string {
  return utcIsoToWallTime(new Date(iso).toISOString()).date;
}

/** "woensdag 25 november" (nl) / "Wednesday 25 November" (en). */
export function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(iso),
  );
}

/** "18:00 – 20:00". */
export function formatTimeRange(startIso: string, endIso: string, locale: string): string {
  const f = new Intl.DateTimeFormat(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${f.format(new Date(startIso))} – ${f.format(new Date(endIso))}`;
}

/** "22 november 2026 06:00" for "bijgewerkt tot …". */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

export interface DayGroup {
  /** 'YYYY-MM-DD' in Amsterdam. */
  day: string;
  items: AppointmentItem[];
}

/** Groups appointments by Amsterdam day, days and items in time order. */
export function groupByDay(items: readonly AppointmentItem[]): DayGroup[] {
  const sorted = [...items].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id - b.id);
  const groups: DayGroup[] = [];
  for (const item of sorted) {
    const day = amsterdamDay(item.startsAt);
    const last = groups.at(-1);
    if (last && last.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

/** The instant of 00:00 Amsterdam time on `day` ('YYYY-MM-DD') plus `addDays` days. */
function startOfDay(day: string, addDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  const shifted = new Date(Date.UTC(y!, m! - 1, d! + addDays));
  return wallTimeToUtcIso(shifted.toISOString().slice(0, 10), '00:00')!;
}

/** The `index`-th eight-week window from today (0 = from today, -1 = the eight weeks before, …) as from/to ISO. */
export function agendaWindow(index: number, now: number): { from: string; to: string } {
  const today = amsterdamDay(now);
  return { from: startOfDay(today, index * WINDOW_DAYS), to: startOfDay(today, (index + 1) * WINDOW_DAYS) };
}

/** Today's date 'YYYY-MM-DD' in Amsterdam, for the form's default. */
export function todayInAmsterdam(now: number): string {
  return amsterdamDay(now);
}

export { DAY_MS };
