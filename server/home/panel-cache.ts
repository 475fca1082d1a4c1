// The home screen's answers, kept per client and user as the JSON text sent. Every visit loads the home screen, and
// building it reads four features' tables; the answer only changes when the client's data changes (the data version
// that triggers keep, migration 0100), when the caller's rights change, or when time passes a moment the answer
// depends on (the first listed appointment ending). A hit costs a Map lookup; a stale entry is simply rebuilt.
import type { Db } from '../db/open.ts';
import { pairKey } from '../cache-key.ts';

export interface CachedHome {
  /** The client's data version the answer was built from. */
  dataVersion: number;
  /** Which panels the caller's rights showed, and as whom he saw them (staff see appointments redacted). */
  viewKey: number;
  /** Clock time (ms) the answer was built at, and until which it stays right without any change of data. */
  builtAt: number;
  validUntil: number;
  /** The panels shown, for the audit row. */
  shown: string;
  /** The answer as sent: UTF-8 JSON, encoded once. */
  body: Buffer;
}

/** Enough for every user active at once at a large organisation; beyond it the oldest entries make way. */
export const PANEL_CACHE_ENTRIES = 5000;

const caches = new WeakMap<Db, Map<number | string, CachedHome>>();

function cacheOf(db: Db): Map<number | string, CachedHome> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** The cached answer when it is still exactly what building it now would give. */
export function cachedHome(
  db: Db,
  clientId: number,
  userId: number,
  want: { dataVersion: number; viewKey: number; now: number },
): CachedHome | null {
  const hit = cacheOf(db).get(pairKey(clientId, userId));
  // A moved clock (tests) can go back before the build: what ended by then may be shown again, so rebuild.
  const fresh =
    hit !== undefined &&
    hit.dataVersion === want.dataVersion &&
    hit.viewKey === want.viewKey &&
    want.now >= hit.builtAt &&
    want.now < hit.validUntil;
  return fresh ? hit : null;
}

export function storeHome(db: Db, clientId: number, userId: number, entry: CachedHome): void {
  const cache = cacheOf(db);
  const key = pairKey(clientId, userId);
  if (!cache.has(key) && cache.size >= PANEL_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, entry);
}

export function panelCacheSize(db: Db): number {
  return cacheOf(db).size;
}
