// Signed-in requests look up their session and user by the token's hash. Both rows change rarely (a logout, a
// reset, a password change, an admin command), and every such change raises auth_version (migration 0100), also when
// another process makes it; so the server keeps the pair in memory and checks that one number per request instead
// of reading two rows. Only live sessions are kept; the expiry rules are checked on every request as before.
import { findSessionByTokenHash, type Session } from '../db/repos/sessions.ts';
import { findUserById, type User } from '../db/repos/users.ts';
import type { Db } from '../db/open.ts';

export interface SessionWithUser {
  session: Session;
  user: User;
}

/** Far more sessions than are open at once; past it the cache starts again (costing one lookup per session). */
export const SESSION_CACHE_ENTRIES = 20_000;

interface Cache {
  version: number;
  entries: Map<string, SessionWithUser>;
}

const caches = new WeakMap<Db, Cache>();

function cacheAt(db: Db, version: number): Cache {
  let cache = caches.get(db);
  if (!cache || cache.version !== version || cache.entries.size >= SESSION_CACHE_ENTRIES) {
    caches.set(db, (cache = { version, entries: new Map() }));
  }
  return cache;
}

/**
 * The session with this token hash and its user, as the database holds them now (authVersion: just read with
 * readCacheVersions); null when either is missing.
 * A revoked session is returned (not cached), so the caller can tell why it is refused.
 */
export function findLiveSession(db: Db, tokenHash: string, authVersion: number): SessionWithUser | null {
  // authVersion is read before the rows: a change committed in between raises it again, so the next request re-reads.
  const cache = cacheAt(db, authVersion);
  const hit = cache.entries.get(tokenHash);
  if (hit) return hit;
  const session = findSessionByTokenHash(db, tokenHash);
  const user = session && findUserById(db, session.userId);
  if (!session || !user) return null;
  const found = { session, user };
  if (!session.revokedAt) cache.entries.set(tokenHash, found);
  return found;
}

/** After touchSession: the kept copy has the new last-seen time, so the idle rule counts from it. */
export function noteSessionSeen(db: Db, tokenHash: string, lastSeenAt: string): void {
  const hit = caches.get(db)?.entries.get(tokenHash);
  if (hit) hit.session = { ...hit.session, lastSeenAt };
}
