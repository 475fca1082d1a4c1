import type { Db } from '../open.ts';

export interface UserPhoto {
  userId: number;
  data: Buffer;
  mime: string;
  updatedAt: string;
}

export function findUserPhoto(db: Db, userId: number): UserPhoto | null {
  const r = db.prepare('SELECT user_id, data, mime, updated_at FROM user_photos WHERE user_id = ?').get(userId) as
    { user_id: number; data: Buffer; mime: string; updated_at: string } | undefined;
  return r ? { userId: r.user_id, data: r.data, mime: r.mime, updatedAt: r.updated_at } : null;
}

/** When the user's photo last changed, without reading the picture; null without one. */
export function userPhotoUpdatedAt(db: Db, userId: number): string | null {
  const r = db.prepare('SELECT updated_at FROM user_photos WHERE user_id = ?').get(userId) as
    { updated_at: string } | undefined;
  return r?.updated_at ?? null;
}

export function saveUserPhoto(db: Db, p: UserPhoto): void {
  db.prepare(
    `INSERT INTO user_photos (user_id, data, mime, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, mime = excluded.mime, updated_at = excluded.updated_at`,
  ).run(p.userId, p.data, p.mime, p.updatedAt);
}

/** Returns whether there was a photo. */
export function deleteUserPhoto(db: Db, userId: number): boolean {
  return db.prepare('DELETE FROM user_photos WHERE user_id = ?').run(userId).changes > 0;
}

/** True when both users are members of at least one common client. */
export function shareAClient(db: Db, userId: number, otherUserId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM client_members a JOIN client_members b ON b.client_id = a.client_id
         WHERE a.user_id = ? AND b.user_id = ? LIMIT 1`,
      )
      .get(userId, otherUserId) !== undefined
  );
}
