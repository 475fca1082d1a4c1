import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open.ts';
import {
  findPhoto,
  findPost,
  findReaction,
  insertPhoto,
  insertPost,
  insertReaction,
  listPosts,
  listReactions,
  newestPost,
  photoUsed,
  softDeletePost,
  softDeleteReaction,
} from './board.ts';

function setup() {
  const db = openDatabase(':memory:');
  const user = db.prepare(
    `INSERT INTO users (username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (?, ?, 'x@example.nl', '+31612345678', 'client', 'h', 't')`,
  );
  const truus = Number(user.run('truus', 'Truus van Dorp').lastInsertRowid);
  const annie = Number(user.run('annie', 'Annie van Dorp').lastInsertRowid);
  const client = (u: number) =>
    Number(
      db.prepare(`INSERT INTO clients (user_id, display_name, created_at) VALUES (?, 'C', 't')`).run(u).lastInsertRowid,
    );
  return { db, truus, annie, c1: client(truus), c2: client(annie) };
}

describe('board repo', () => {
  it('lists live posts newest first with author names, pages by id, and hides deleted and other clients’ posts', () => {
    const { db, truus, annie, c1, c2 } = setup();
    const ids = [1, 2, 3, 4].map((i) =>
      insertPost(db, {
        clientId: c1,
        authorUserId: i % 2 ? truus : annie,
        text: `P${i}`,
        photoId: null,
        mood: null,
        at: `2026-01-0${i}`,
      }),
    );
    insertPost(db, { clientId: c2, authorUserId: annie, text: 'Ander', photoId: null, mood: null, at: '2026-01-05' });
    expect(listPosts(db, c1, null, 10).map((p) => p.text)).toEqual(['P4', 'P3', 'P2', 'P1']);
    expect(listPosts(db, c1, ids[2]!, 10).map((p) => p.text)).toEqual(['P2', 'P1']);
    expect(listPosts(db, c1, null, 2).map((p) => p.authorName)).toEqual(['Annie van Dorp', 'Truus van Dorp']);
    softDeletePost(db, ids[3]!, '2026-02-01');
    expect(newestPost(db, c1)?.text).toBe('P3');
    expect(findPost(db, c1, ids[3]!)).toBeNull();
    expect(findPost(db, c2, ids[0]!)).toBeNull();
  });

  it('reactions oldest first for the given posts, soft-deleted ones gone', () => {
    const { db, truus, annie, c1 } = setup();
    const a = insertPost(db, { clientId: c1, authorUserId: truus, text: 'A', photoId: null, mood: 'happy', at: 't' });
    const b = insertPost(db, { clientId: c1, authorUserId: truus, text: 'B', photoId: null, mood: null, at: 't' });
    const r1 = insertReaction(db, { postId: a, authorUserId: annie, text: 'Eerst', at: 't1' });
    insertReaction(db, { postId: a, authorUserId: truus, text: 'Daarna', at: 't2' });
    insertReaction(db, { postId: b, authorUserId: annie, text: 'Op B', at: 't3' });
    expect(listReactions(db, [a]).map((r) => r.text)).toEqual(['Eerst', 'Daarna']);
    expect(listReactions(db, [a, b])).toHaveLength(3);
    expect(listReactions(db, [])).toEqual([]);
    softDeleteReaction(db, r1, 't4');
    expect(findReaction(db, a, r1)).toBeNull();
    expect(listReactions(db, [a]).map((r) => r.authorName)).toEqual(['Truus van Dorp']);
    expect(findReaction(db, b, r1 + 1)).toBeNull(); // a reaction is found only under its own post
  });

  it('a photo knows its live post; only the owning client finds it', () => {
    const { db, truus, c1, c2 } = setup();
    const photo = insertPhoto(db, {
      clientId: c1,
      userId: truus,
      data: Buffer.from([1, 2]),
      mime: 'image/jpeg',
      at: 't',
    });
    expect(findPhoto(db, c1, photo)).toMatchObject({ postId: null, uploadedByUserId: truus, mime: 'image/jpeg' });
    expect(photoUsed(db, photo)).toBe(false);
    const post = insertPost(db, { clientId: c1, authorUserId: truus, text: '', photoId: photo, mood: null, at: 't' });
    expect(findPhoto(db, c1, photo)?.postId).toBe(post);
    expect(findPhoto(db, c2, photo)).toBeNull();
    softDeletePost(db, post, 't2');
    expect(findPhoto(db, c1, photo)?.postId).toBeNull();
    expect(photoUsed(db, photo)).toBe(true);
  });
});
