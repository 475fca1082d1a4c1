// The Prikbord: posts, reactions and uploaded photos. Posts and reactions are soft-deleted (the audit log still
// points at them); deleted ones are never listed.
import type { Db } from '../open.ts';
import type { Mood } from '../../../shared/api/details.ts';
import type { PhotoMime } from './client-details.ts';

export interface BoardPost {
  id: number;
  clientId: number;
  authorUserId: number;
  authorName: string;
  text: string;
  photoId: number | null;
  mood: Mood | null;
  createdAt: string;
}

export interface BoardReaction {
  id: number;
  postId: number;
  authorUserId: number;
  authorName: string;
  text: string;
  createdAt: string;
}

interface PostRow {
  id: number;
  client_id: number;
  author_user_id: number;
  author_name: string;
  text: string;
  photo_id: number | null;
  mood: Mood | null;
  created_at: string;
}

interface ReactionRow {
  id: number;
  post_id: number;
  author_user_id: number;
  author_name: string;
  text: string;
  created_at: string;
}

const rowToPost = (r: PostRow): BoardPost => ({
  id: r.id,
  clientId: r.client_id,
  authorUserId: r.author_user_id,
  authorName: r.author_name,
  text: r.text,
  photoId: r.photo_id,
  mood: r.mood,
  createdAt: r.created_at,
});

const rowToReaction = (r: ReactionRow): BoardReaction => ({
  id: r.id,
  postId: r.post_id,
  authorUserId: r.author_user_id,
  authorName: r.author_name,
  text: r.text,
  createdAt: r.created_at,
});

const POST_SELECT = `SELECT p.id, p.client_id, p.author_user_id, u.display_name AS author_name, p.text, p.photo_id,
    p.mood, p.created_at
  FROM board_posts p JOIN users u ON u.id = p.author_user_id`;

export interface NewPost {
  clientId: number;
  authorUserId: number;
  text: string;
  photoId: number | null;
  mood: Mood | null;
  at: string;
}

export function insertPost(db: Db, p: NewPost): number {
  return Number(
    db
      .prepare(
        `INSERT INTO board_posts (client_id, author_user_id, text, photo_id, mood, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(p.clientId, p.authorUserId, p.text, p.photoId, p.mood, p.at).lastInsertRowid,
  );
}

/** A live post of this client, or null (another client's post is as absent as a deleted one). */
export function findPost(db: Db, clientId: number, postId: number): BoardPost | null {
  const r = db
    .prepare(`${POST_SELECT} WHERE p.id = ? AND p.client_id = ? AND p.deleted_at IS NULL`)
    .get(postId, clientId) as PostRow | undefined;
  return r ? rowToPost(r) : null;
}

/** Newest first (ids grow with time), `limit` posts older than `before` (an id) when given. */
export function listPosts(db: Db, clientId: number, before: number | null, limit: number): BoardPost[] {
  const rows = db
    .prepare(`${POST_SELECT} WHERE p.client_id = ? AND p.deleted_at IS NULL AND p.id < ? ORDER BY p.id DESC LIMIT ?`)
    .all(clientId, before ?? Number.MAX_SAFE_INTEGER, limit) as PostRow[];
  return rows.map(rowToPost);
}

export function softDeletePost(db: Db, postId: number, at: string): void {
  db.prepare('UPDATE board_posts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, postId);
}

export function insertReaction(db: Db, r: { postId: number; authorUserId: number; text: string; at: string }): number {
  return Number(
    db
      .prepare('INSERT INTO board_reactions (post_id, author_user_id, text, created_at) VALUES (?, ?, ?, ?)')
      .run(r.postId, r.authorUserId, r.text, r.at).lastInsertRowid,
  );
}

const REACTION_SELECT = `SELECT r.id, r.post_id, r.author_user_id, u.display_name AS author_name, r.text, r.created_at
  FROM board_reactions r JOIN users u ON u.id = r.author_user_id`;

export function findReaction(db: Db, postId: number, reactionId: number): BoardReaction | null {
  const r = db
    .prepare(`${REACTION_SELECT} WHERE r.id = ? AND r.post_id = ? AND r.deleted_at IS NULL`)
    .get(reactionId, postId) as ReactionRow | undefined;
  return r ? rowToReaction(r) : null;
}

/** The live reactions of the given posts, oldest first (a conversation reads top-down). */
export function listReactions(db: Db, postIds: readonly number[]): BoardReaction[] {
  if (postIds.length === 0) return [];
  const rows = db
    .prepare(
      `${REACTION_SELECT} WHERE r.post_id IN (SELECT value FROM json_each(?)) AND r.deleted_at IS NULL
       ORDER BY r.id`,
    )
    .all(JSON.stringify(postIds)) as ReactionRow[];
  return rows.map(rowToReaction);
}

export function softDeleteReaction(db: Db, reactionId: number, at: string): void {
  db.prepare('UPDATE board_reactions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, reactionId);
}

export function insertPhoto(
  db: Db,
  p: { clientId: number; userId: number; data: Buffer; mime: PhotoMime; at: string },
): number {
  return Number(
    db
      .prepare(
        'INSERT INTO board_photos (client_id, uploaded_by_user_id, data, mime, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(p.clientId, p.userId, p.data, p.mime, p.at).lastInsertRowid,
  );
}

export interface BoardPhoto {
  id: number;
  clientId: number;
  uploadedByUserId: number;
  data: Buffer;
  mime: PhotoMime;
  /** The live post showing it; null while not (yet) posted or after its post was deleted. */
  postId: number | null;
}

export function findPhoto(db: Db, clientId: number, photoId: number): BoardPhoto | null {
  const r = db
    .prepare(
      `SELECT f.id, f.client_id, f.uploaded_by_user_id, f.data, f.mime,
         (SELECT p.id FROM board_posts p WHERE p.photo_id = f.id AND p.deleted_at IS NULL) AS post_id
       FROM board_photos f WHERE f.id = ? AND f.client_id = ?`,
    )
    .get(photoId, clientId) as
    | {
        id: number;
        client_id: number;
        uploaded_by_user_id: number;
        data: Buffer;
        mime: PhotoMime;
        post_id: number | null;
      }
    | undefined;
  return r
    ? {
        id: r.id,
        clientId: r.client_id,
        uploadedByUserId: r.uploaded_by_user_id,
        data: r.data,
        mime: r.mime,
        postId: r.post_id,
      }
    : null;
}

/** Whether any post (even a deleted one) already used this photo: a photo belongs to one post only. */
export function photoUsed(db: Db, photoId: number): boolean {
  return db.prepare('SELECT 1 FROM board_posts WHERE photo_id = ?').get(photoId) !== undefined;
}

/** The newest live post of the client, for the home panel. */
export function newestPost(db: Db, clientId: number): BoardPost | null {
  const [p] = listPosts(db, clientId, null, 1);
  return p ?? null;
}
