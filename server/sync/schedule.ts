// The sync schedule (issue 6 §2): cron expressions in Dutch time, checked by croner itself (a well-kept scheduler
// library) so a typo in the settings stops the server at start instead of never syncing.
import { Cron } from 'croner';

export const SYNC_TIMEZONE = 'Europe/Amsterdam';

/** Why `expr` is no valid cron expression; null when it is. */
export function cronProblem(expr: string): string | null {
  try {
    new Cron(expr, { timezone: SYNC_TIMEZONE, paused: true }).stop();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The next `n` moments of the schedule after `from` (for sync:status and the tests of the presets). */
export function nextRuns(expr: string, from: Date, n: number): Date[] {
  const job = new Cron(expr, { timezone: SYNC_TIMEZONE, paused: true });
  try {
    return job.nextRuns(n, from);
  } finally {
    job.stop();
  }
}

/** After a failed pull: 1, 2, 4, 8 … minutes, at most 30, until a run succeeds (or the next scheduled one comes). */
export function retryDelayMs(failures: number, baseMs = 60_000, maxMs = 30 * 60_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, failures - 1), maxMs);
}
