// Pure helpers for the dossier's horizontal timeline. Five years of daily reports are ~1 800 day columns: the page
// renders only the columns in view (plus a small margin) and loads the items of those days in fixed chunks.
const DAY_MS = 86_400_000;

/** Days from date `a` to date `b` ('YYYY-MM-DD'; calendar days, no time zone involved). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The date `n` days after `date`. */
export function addDaysTo(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export interface WindowInput {
  /** The scroll position of the timeline, px from its start. */
  scrollLeft: number;
  /** The width of the visible part, px. */
  viewportWidth: number;
  /** The width of one day column, px (> 0). */
  dayWidth: number;
  /** The number of day columns of the whole timeline. */
  totalDays: number;
  /** Extra columns to render on each side, so a quick drag does not show empty space. */
  marginDays: number;
}

export interface DayWindow {
  /** Index of the first and last day column to render (inclusive); last < first when there is nothing. */
  first: number;
  last: number;
}

/** The day columns to render for this scroll position: the ones in view plus the margin, clamped to the timeline. */
export function visibleWindow(w: WindowInput): DayWindow {
  if (w.totalDays <= 0 || w.dayWidth <= 0) return { first: 0, last: -1 };
  const firstInView = Math.floor(Math.max(0, w.scrollLeft) / w.dayWidth);
  const lastInView = Math.ceil((Math.max(0, w.scrollLeft) + Math.max(0, w.viewportWidth)) / w.dayWidth) - 1;
  const first = Math.max(0, Math.min(w.totalDays - 1, firstInView - w.marginDays));
  const last = Math.max(first, Math.min(w.totalDays - 1, lastInView + w.marginDays));
  return { first, last };
}

/** The chunk numbers (of `size` days each) that cover the day columns [first, last]. */
export function chunksOf(win: DayWindow, size: number): number[] {
  if (win.last < win.first) return [];
  const out: number[] = [];
  for (let c = Math.floor(win.first / size); c <= Math.floor(win.last / size); c++) out.push(c);
  return out;
}

/** The scroll position that pages one step left (-1) or right (+1): most of a view, keeping one column in sight. */
export function pagedScroll(scrollLeft: number, viewportWidth: number, dayWidth: number, direction: -1 | 1): number {
  const step = Math.max(dayWidth, Math.floor(viewportWidth / dayWidth - 1) * dayWidth);
  return Math.max(0, scrollLeft + direction * step);
}
