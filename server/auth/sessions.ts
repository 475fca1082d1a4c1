// Sessions: an opaque 256-bit token in an HttpOnly cookie, stored hashed; idle 30 minutes, absolute 12 hours,
// both enforced here on every request.
import { addMs } from '../clock.ts';
import { HttpError } from '../http/errors.ts';
import { insertSession, readCacheVersions, revokeSession, touchSession } from '../db/repos/sessions.ts';
import { touchDevice } from '../db/repos/devices.ts';
import type { User } from '../db/repos/users.ts';
import { findLiveSession, noteSessionSeen } from './session-cache.ts';
import { hashToken, randomToken } from './crypto.ts';
import { SignInRules as R } from './rules.ts';
import { audit } from '../audit/audit.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import type { Me, SessionInfo } from '../../shared/api/auth.ts';

export interface NewSession {
  token: string;
  sessionId: number;
  info: SessionInfo;
}

/** Call inside the transaction that completes the login. */
export function startSession(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  user: User,
  deviceId: number | null,
  meta: RequestMeta,
): NewSession {
  const now = deps.clock.now();
  const token = randomToken();
  const absolute = addMs(now, R.sessionAbsoluteMs);
  const sessionId = insertSession(deps.db, {
    userId: user.id,
    tokenHash: hashToken(token),
    deviceId,
    at: now.toISOString(),
    absoluteExpiresAt: absolute.toISOString(),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, sessionId, info: sessionInfo(now, absolute) };
}

function sessionInfo(lastSeen: Date, absolute: Date): SessionInfo {
  const idle = addMs(lastSeen, R.sessionIdleMs);
  return {
    idleExpiresAt: (idle < absolute ? idle : absolute).toISOString(),
    absoluteExpiresAt: absolute.toISOString(),
  };
}

export interface Authenticated {
  user: User;
  sessionId: number;
  deviceId: number | null;
  readonly info: SessionInfo;
  /** The data version of the client the request is about, read with the session check (see membershipOf). */
  clientVersion: { clientId: number; dataVersion: number | null } | null;
}

/**
 * Checks a session token; a live session counts the request as activity. Throws 401 otherwise. `clientId`: the client
 * the request is about (the route's :clientId), whose data version is read in the same call as the session's.
 */
export function authenticate(
  deps: AuthDeps,
  token: string | null,
  meta: RequestMeta,
  clientId: number | null = null,
): Authenticated {
  if (!token) throw new HttpError(401, 'unauthenticated', 'Not signed in');
  const tokenHash = hashToken(token);
  const versions = readCacheVersions(deps.db, clientId);
  const found = findLiveSession(deps.db, tokenHash, versions.auth);
  if (!found || found.session.revokedAt) throw new HttpError(401, 'unauthenticated', 'Not signed in');
  const { session: s, user } = found;
  const now = deps.clock.now();
  const absolute = new Date(s.absoluteExpiresAt);
  const idleEnd = addMs(new Date(s.lastSeenAt), R.sessionIdleMs);
  if (now >= absolute || now >= idleEnd) {
    const reason = now >= absolute ? 'absolute-timeout' : 'idle-timeout';
    deps.db.transaction(() => {
      revokeSession(deps.db, s.id, now.toISOString(), reason);
      audit(deps, meta, { userId: s.userId, action: 'session.expired', outcome: 'success', detail: reason });
    })();
    throw new HttpError(401, 'session_expired', 'Session expired');
  }
  let seen = new Date(s.lastSeenAt);
  if (now.getTime() - seen.getTime() >= R.sessionTouchIntervalMs) {
    deps.db.transaction(() => {
      touchSession(deps.db, s.id, now.toISOString());
      // "Laatste keer" under Mijn apparaten: the device's last use, not only its last sign-in.
      if (s.deviceId !== null) touchDevice(deps.db, s.deviceId, now.toISOString());
    })();
    noteSessionSeen(deps.db, tokenHash, now.toISOString());
    seen = now;
  }
  return {
    user,
    sessionId: s.id,
    deviceId: s.deviceId,
    // Only the sign-in answers and /auth/me show it: built when asked for, not on every request.
    get info() {
      return sessionInfo(seen, absolute);
    },
    clientVersion: clientId === null ? null : { clientId, dataVersion: versions.client },
  };
}

export function endSession(deps: AuthDeps, auth: Authenticated, meta: RequestMeta): void {
  deps.db.transaction(() => {
    revokeSession(deps.db, auth.sessionId, deps.clock.now().toISOString(), 'logout');
    audit(deps, meta, { userId: auth.user.id, username: auth.user.username, action: 'logout', outcome: 'success' });
  })();
}

export function toMe(user: User): Me {
  return { id: user.id, username: user.username, displayName: user.displayName, kind: user.kind };
}
