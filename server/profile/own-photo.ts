// The user's own photo ("Mijn foto"): checked like a prikbord photo (real format JPEG/PNG, ≤ 5 MB), turned upright,
// cropped to a square of OWN_PHOTO_SIDE and re-encoded without metadata. The client's central photo comes from the
// EHR and is not changed here. Members who share a client with the user may see it; anyone else gets a 404.
import { deleteUserPhoto, findUserPhoto, saveUserPhoto, shareAClient } from '../db/repos/user-photos.ts';
import { requireJpegOrPng, reencode } from '../details/photo.ts';
import { HttpError } from '../http/errors.ts';
import { OWN_PHOTO_SIDE, type PhotoResponse } from '../../shared/api/profile.ts';
import { userPhotoUrl } from './preferences.ts';
import { logOwn, type OwnCaller } from './own-caller.ts';

export async function uploadOwnPhoto(c: OwnCaller, body: () => Promise<Buffer>): Promise<PhotoResponse> {
  const input = await body();
  await requireJpegOrPng(input);
  // 'attention' keeps the most striking part (usually the face) when the picture is not square.
  const photo = await reencode(input, (s) =>
    s.resize({ width: OWN_PHOTO_SIDE, height: OWN_PHOTO_SIDE, fit: 'cover', position: 'attention' }),
  );
  const userId = c.auth.user.id;
  return c.deps.db.transaction(() => {
    saveUserPhoto(c.deps.db, {
      userId,
      data: photo.data,
      mime: photo.mime,
      updatedAt: c.deps.clock.now().toISOString(),
    });
    logOwn(c, { action: 'profile.photo.upload', resource: `user-photo:${userId}`, outcome: 'success' });
    return { photoUrl: userPhotoUrl(c.deps.db, userId)! };
  })();
}

export function removeOwnPhoto(c: OwnCaller): void {
  const userId = c.auth.user.id;
  c.deps.db.transaction(() => {
    const had = deleteUserPhoto(c.deps.db, userId);
    logOwn(c, {
      action: 'profile.photo.delete',
      resource: `user-photo:${userId}`,
      outcome: 'success',
      detail: had ? null : 'none',
    });
  })();
}

/** The same 404 for "no photo" and "not someone you share a client with": a stranger learns nothing. */
export function userPhotoForCaller(c: OwnCaller, userId: number): { data: Buffer; type: string } {
  const own = userId === c.auth.user.id;
  const photo = own || shareAClient(c.deps.db, c.auth.user.id, userId) ? findUserPhoto(c.deps.db, userId) : null;
  if (!own) {
    logOwn(c, {
      action: 'user.photo.read',
      resource: `user-photo:${userId}`,
      outcome: photo ? 'success' : 'failure',
      detail: photo ? null : 'not-found',
    });
  }
  if (!photo) throw new HttpError(404, 'not_found', 'No such photo');
  return { data: photo.data, type: photo.mime };
}
