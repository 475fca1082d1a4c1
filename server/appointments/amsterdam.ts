// Wall-clock times in Europe/Amsterdam ↔ UTC instants, with Intl only (no Temporal in Node 20). Appointments are
// stored in UTC; demo data and imports speak Dutch local time ("18:00–20:00"), across summer/winter time.
export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const ZONE = 'Europe/Amsterdam';
const DAY_MS = 24 * 60 * 60 * 1000;
const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

function wallClock(instant: Date): LocalDate & { hour: number; minute: number; second: number } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    hour: p.hour!,
    minute: p.minute!,
    second: p.second!,
  };
}

/** How far Amsterdam's wall clock is ahead of UTC at this instant (+1 h in winter, +2 h in summer). */
export function amsterdamOffsetMs(instant: Date): number {
  const w = wallClock(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which Amsterdam's clock shows this date and time. Candidates come from the offsets a day before
 * and a day after (a DST switch lies between them at most); the one that reads back as this wall time wins. In the
 * hour repeated in October that is the first (summer-time) one; a time in the hour skipped in March does not exist
 * and moves an hour on (02:30 → 03:30), as calendar apps do.
 */
export function amsterdamToUtc(date: LocalDate, hour: number, minute = 0): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const before = wall - amsterdamOffsetMs(new Date(wall - DAY_MS));
  const after = wall - amsterdamOffsetMs(new Date(wall + DAY_MS));
  const valid = [before, after].filter((t) => t + amsterdamOffsetMs(new Date(t)) === wall);
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

/** The calendar date in Amsterdam at this instant (just after midnight local it is already "tomorrow"). */
export function amsterdamDate(instant: Date): LocalDate {
  const { year, month, day } = wallClock(instant);
  return { year, month, day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
