// Amsterdam calendar dates ('YYYY-MM-DD') ↔ UTC instants for the dossier: the timeline and Lezen work in days as the
// client lives them, the table stores UTC instants.
import { addDays, amsterdamDate, amsterdamToUtc, type LocalDate } from '../appointments/amsterdam.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export function parseDate(s: string): LocalDate {
  const [year, month, day] = s.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}

export function formatDate(d: LocalDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** 00:00 Amsterdam time on `date` plus `days` days, as UTC ISO. */
export function dayStart(date: string, days = 0): string {
  return amsterdamToUtc(addDays(parseDate(date), days), 0).toISOString();
}

/** The Amsterdam date of a UTC ISO instant. */
export function dateOf(iso: string): string {
  return formatDate(amsterdamDate(new Date(iso)));
}
