// A user's place in a client's network (role, rights), kept in memory per client and user while the client's data
// version is unchanged: every change of client_members raises it (migration 0100), also from the admin CLI. The
// version comes with the session check (readCacheVersions), so a request under /clients/:id makes one call into
// SQLite before its own work.
import { accessEnded, findMembership, type Membership } from '../db/repos/memberships.ts';
import type { Db } from '../db/open.ts';
import { pairKey } from '../cache-key.ts';
import type { Authenticated } from './sessions.ts';

/** Far more pairs than are active at once; past it the cache starts again. */
export const MEMBERSHIP_CACHE_ENTRIES = 20_000;

const caches = new WeakMap<Db, Map<number | string, Membership>>();

function cacheOf(db: Db): Map<number | string, Membership> {
  let cache = caches.get(db);
  if (!cache || cache.size >= MEMBERSHIP_CACHE_ENTRIES) caches.set(db, (cache = new Map()));
  return cache;
}

/**
 * The signed-in user's membership of this client, or null (not in the network, no such client, or past the end date
 * of his access). Served from memory when the request's session check read this client's version; read from the
 * database otherwise. An end date passes without any write, so a cached entry is checked against `now` as well.
 */
export function membershipOf(db: Db, auth: Authenticated, clientId: number, now: Date): Membership | null {
  const known = auth.clientVersion;
  if (!known || known.clientId !== clientId || known.dataVersion === null) {
    return findMembership(db, clientId, auth.user.id, now);
  }
  const cache = cacheOf(db);
  const key = pairKey(clientId, auth.user.id);
  const hit = cache.get(key);
  if (hit && hit.dataVersion === known.dataVersion) return accessEnded(hit, now) ? null : hit;
  const found = findMembership(db, clientId, auth.user.id, now);
  if (!found) return null;
  // Kept under the version read before it: a change committed in between moves the version, so it is read again.
  const kept = { ...found, dataVersion: known.dataVersion };
  cache.set(key, kept);
  return kept;
}
