// Rights on every route of "Mijn gegevens" and the Prikbord: the client, a contact with only Gegevens, a contact
// without it, a contact with only another right, and another client (a stranger) → allowed / 403 / 403 / 403 / 404.
// A refused request changes nothing and leaves a denied audit row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPhoto, insertPost, insertReaction } from '../../server/db/repos/board.ts';
import { closeAll, count } from '../helpers/portal.ts';
import { detailsWorld, onlyRights, paths, smallJpeg, upload, type DetailsWorld } from './details-world.ts';
import type { HttpClient, Res } from '../helpers/http-client.ts';

let w: DetailsWorld;
let jpeg: Buffer;
beforeAll(async () => {
  w = await detailsWorld();
  jpeg = await smallJpeg();
});
afterAll(closeAll);

const WHO = [
  'truus',
  'annie with Gegevens',
  'annie without rights',
  'annie with Afspraken',
  'maria (stranger)',
] as const;
type Who = (typeof WHO)[number];
const ROUTES = [
  'GET details',
  'GET photo',
  'GET me',
  'POST mobile',
  'POST mobile confirm',
  'POST email',
  'GET posts',
  'POST post',
  'DELETE post',
  'POST reaction',
  'DELETE reaction',
  'POST photo',
  'GET board photo',
] as const;
type Route = (typeof ROUTES)[number];
const OK: Record<Route, number> = {
  'GET details': 200,
  'GET photo': 200,
  'GET me': 200,
  'POST mobile': 200,
  // allowed through, then "no code pending"
  'POST mobile confirm': 400,
  'POST email': 200,
  'GET posts': 200,
  'POST post': 201,
  'DELETE post': 204,
  'POST reaction': 201,
  'DELETE reaction': 204,
  'POST photo': 201,
  'GET board photo': 200,
};
const OUTCOME: Record<Who, 'ok' | 403 | 404> = {
  truus: 'ok',
  'annie with Gegevens': 'ok',
  'annie without rights': 403,
  'annie with Afspraken': 403,
  'maria (stranger)': 404,
};
const TABLE = WHO.flatMap((who) =>
  ROUTES.map((route) => [who, route, OUTCOME[who] === 'ok' ? OK[route] : OUTCOME[who]] as const),
);

function browserOf(who: Who): { c: HttpClient; userId: number } {
  if (who === 'truus') return w.truus;
  if (who === 'maria (stranger)') return w.maria;
  const on =
    who === 'annie with Gegevens'
      ? (['data'] as const)
      : who === 'annie with Afspraken'
        ? ['appointments' as const]
        : [];
  onlyRights(w, w.annie.userId, [...on]);
  return w.annie;
}

/** A post (with a photo and a reaction) by the given user: what the DELETE routes act on. */
function fixture(userId: number): { postId: number; reactionId: number; photoId: number } {
  const db = w.tp.portal.db;
  const at = w.tp.clock.now().toISOString();
  const photoId = insertPhoto(db, { clientId: w.truus.clientId, userId, data: jpeg, mime: 'image/jpeg', at });
  const postId = insertPost(db, {
    clientId: w.truus.clientId,
    authorUserId: userId,
    text: 'Hallo',
    photoId,
    mood: null,
    at,
  });
  const reactionId = insertReaction(db, { postId, authorUserId: userId, text: 'Fijn!', at });
  return { postId, reactionId, photoId };
}

function request(c: HttpClient, route: Route, f: ReturnType<typeof fixture>): Promise<Res> {
  const p = paths(w.truus.clientId);
  switch (route) {
    case 'GET details':
      return c.get(p.details);
    case 'GET photo':
      return c.get(p.photo);
    case 'GET me':
      return c.get(p.me);
    case 'POST mobile':
      return c.post(p.mobile, { mobile: '06 55555555' });
    case 'POST mobile confirm':
      return c.post(p.mobileConfirm, { code: '123456' });
    case 'POST email':
      return c.post(p.email, { email: 'nieuw@example.nl' });
    case 'GET posts':
      return c.get(p.posts);
    case 'POST post':
      return c.post(p.posts, { text: 'Goedemorgen allemaal' });
    case 'DELETE post':
      return c.send('DELETE', p.post(f.postId), undefined);
    case 'POST reaction':
      return c.post(p.reactions(f.postId), { text: 'Mooi!' });
    case 'DELETE reaction':
      return c.send('DELETE', p.reaction(f.postId, f.reactionId), undefined);
    case 'POST photo':
      return upload(c, p.photos, jpeg);
    case 'GET board photo':
      return c.get(p.boardPhoto(f.photoId));
  }
}

const TABLES = ['board_posts', 'board_reactions', 'board_photos', 'contact_changes', 'outbox'];
const snapshot = () =>
  TABLES.map((t) => w.tp.portal.db.prepare(`SELECT * FROM ${t}`).all()).concat([
    w.tp.portal.db.prepare('SELECT id, mobile, email FROM users').all(),
  ]);

describe("rights on every Gegevens route (Truus's data)", () => {
  it.each(TABLE)('%s: %s → %i', async (who, route, status) => {
    const { c, userId } = browserOf(who);
    // A refused caller acts on Truus's rows; an allowed one on his own.
    const f = fixture(OUTCOME[who] === 'ok' ? userId : w.truus.userId);
    const before = snapshot();
    const denied = count(w.tp, 'audit_log', `outcome = 'denied'`);
    const res = await request(c, route, f);
    expect(res.status, res.text).toBe(status);
    if (status === 403)
      expect((res.json as { error: unknown }).error).toMatchObject({
        code: 'forbidden',
        message: 'No access to this section',
      });
    if (status === 404) expect((res.json as { error: { code: string } }).error.code).toBe('not_found');
    if (status === 403 || status === 404) {
      expect(snapshot()).toEqual(before);
      expect(count(w.tp, 'audit_log', `outcome = 'denied'`)).toBe(denied + 1);
    }
  });
});
