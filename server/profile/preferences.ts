// Taal, Grote tekst and E-mail bij nieuw bericht: read and changed by the user himself; every change audited in its
// transaction.
import { findPreferences, setPreferences } from '../db/repos/preferences.ts';
import { userPhotoUpdatedAt } from '../db/repos/user-photos.ts';
import { HttpError } from '../http/errors.ts';
import { API_PREFIX } from '../../shared/api/paths.ts';
import { ProfilePath, type PatchPreferencesBody, type ProfileResponse } from '../../shared/api/profile.ts';
import { logOwn, type OwnCaller } from './own-caller.ts';
import type { Db } from '../db/open.ts';

/** The photo's address carries its version: an <img> shows a new upload at once although the image is no-store. */
export function userPhotoUrl(db: Db, userId: number): string | null {
  const at = userPhotoUpdatedAt(db, userId);
  if (at === null) return null;
  return `${API_PREFIX}${ProfilePath.userPhoto.replace(':userId', String(userId))}?v=${Date.parse(at)}`;
}

function profileOf(c: OwnCaller): ProfileResponse {
  const preferences = findPreferences(c.deps.db, c.auth.user.id);
  // The session was just checked, so the user exists; a row gone in between is a stale session.
  if (!preferences) throw new HttpError(401, 'unauthenticated', 'Not signed in');
  return { preferences, photoUrl: userPhotoUrl(c.deps.db, c.auth.user.id) };
}

export function readProfile(c: OwnCaller): ProfileResponse {
  return profileOf(c);
}

export function changePreferences(c: OwnCaller, body: PatchPreferencesBody): ProfileResponse {
  return c.deps.db.transaction(() => {
    const before = profileOf(c).preferences;
    const after = { ...before, ...body };
    setPreferences(c.deps.db, c.auth.user.id, after);
    const changed = (Object.keys(body) as Array<keyof PatchPreferencesBody>).map((k) => `${k}=${String(after[k])}`);
    logOwn(c, { action: 'preferences.change', resource: 'preferences', outcome: 'success', detail: changed.join(' ') });
    return profileOf(c);
  })();
}
