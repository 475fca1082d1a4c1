// Date texts of the dossier. Item dates are Amsterdam calendar dates ('YYYY-MM-DD') from the server, so they are
// formatted as plain calendar dates (noon UTC, in UTC: no time zone can move them to another day).
import { ZONE } from './agenda-time.ts';

const asDate = (date: string) => new Date(`${date}T12:00:00Z`);

/** "maandag 23 november 2026". */
export function formatLongDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(asDate(date));
}

/** "23 november 2026". */
export function formatDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    asDate(date),
  );
}

/** "ma 23 nov" for the timeline's axis. */
export function formatAxisDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(
    asDate(date),
  );
}

/** "11:38" in Amsterdam. */
export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** The Amsterdam date of an instant ('YYYY-MM-DD'). */
export function amsterdamDateOf(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms));
}
