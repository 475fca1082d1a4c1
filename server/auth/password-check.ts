// The password step shared by the login, the resident's step of an assisted first login and the staff member's
// confirmation: throttled per account and address, the same answer and timing for an unknown user as for a wrong
// password, every failure audited (DESIGN §7).
import { HttpError } from '../http/errors.ts';
import { audit } from '../audit/audit.ts';
import { findUserByUsername, type User } from '../db/repos/users.ts';
import { accountKey, addressKey, clearFailures, lockedFor, recordFailure } from './throttle.ts';
import { SignInRules as R } from './rules.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';

/** The user whose password this is; otherwise 401 invalid_credentials (or 429 while throttled), audited as `action`. */
export async function checkPassword(
  deps: AuthDeps,
  username: string,
  password: string,
  meta: RequestMeta,
  action: string,
): Promise<User> {
  const name = username.trim();
  const keys = [accountKey(name), ...(meta.ip ? [addressKey(meta.ip)] : [])];
  const wait = lockedFor(deps.db, keys, deps.clock.now());
  if (wait !== null) {
    audit(deps, meta, { username: name, action, outcome: 'denied', detail: 'throttled' });
    throw new HttpError(429, 'too_many_attempts', 'Too many failed attempts', { retryAfterSeconds: wait });
  }
  const user = findUserByUsername(deps.db, name);
  // Unknown user: verify against a dummy hash anyway, so the answer takes as long as for a wrong password.
  const ok = user
    ? await deps.hasher.verify(password, user.passwordHash)
    : (await deps.hasher.verify(password, await deps.hasher.dummyHash)) && false;
  const now = deps.clock.now();
  if (!user || !ok) {
    deps.db.transaction(() => {
      recordFailure(deps.db, keys[0]!, R.accountFreeFailures, now);
      if (keys[1]) recordFailure(deps.db, keys[1], R.addressFreeFailures, now);
      audit(deps, meta, {
        userId: user?.id ?? null,
        username: name,
        action,
        outcome: 'failure',
        detail: user ? 'wrong-password' : 'unknown-user',
      });
    })();
    throw new HttpError(401, 'invalid_credentials', 'Unknown username or wrong password');
  }
  clearFailures(deps.db, keys[0]!);
  return user;
}
