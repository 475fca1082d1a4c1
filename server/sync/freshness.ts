// "bijgewerkt tot" of what the EHR sync brings (issue 6 §2): the later of the newest synced row and the last
// successful pull for this client (a run that changed nothing still brought the data up to that moment).
import type { Db } from '../db/open.ts';
import { lastPullFor } from '../db/repos/sync-runs.ts';

export const later = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a > b ? a : b;

export function syncedUntil(db: Db, clientId: number, newestRow: string | null): string | null {
  return later(newestRow, lastPullFor(db, clientId));
}
