// The Prikbord: short posts with an optional photo and (when the organisation has moodOnBoard) the client's mood
// smiley, visible to everyone with the Gegevens right, who can react. Everyone deletes only his own posts and
// reactions. Every call checks the right first and writes one audit row; writes share a transaction with it.
import { allowSection, logFor as log, type Caller, type Input } from '../auth/caller.ts';
import { HttpError, fieldError } from '../http/errors.ts';
import {
  findPhoto,
  findPost,
  findReaction,
  insertPhoto,
  insertPost,
  insertReaction,
  listPosts,
  listReactions,
  photoUsed,
  softDeletePost,
  softDeleteReaction,
  type BoardPost,
  type BoardReaction,
} from '../db/repos/board.ts';
import { processPhoto } from './photo.ts';
import { API_PREFIX } from '../../shared/api/paths.ts';
import {
  BOARD_PAGE_SIZE,
  BoardPath,
  type BoardResponse,
  type CreatePostBody,
  type Mood,
  type PhotoUploaded,
  type PostItem,
  type ReactionItem,
} from '../../shared/api/details.ts';

export interface BoardOptions {
  /** The organisation setting: the client may add a mood smiley to a post (SVRZ). */
  moodOnBoard: boolean;
}

export function boardPhotoUrl(clientId: number, photoId: number): string {
  return API_PREFIX + BoardPath.photo.replace(':clientId', String(clientId)).replace(':photoId', String(photoId));
}

function toReaction(r: BoardReaction, userId: number): ReactionItem {
  return {
    id: r.id,
    author: { userId: r.authorUserId, name: r.authorName },
    text: r.text,
    createdAt: r.createdAt,
    mine: r.authorUserId === userId,
  };
}

function toPost(p: BoardPost, reactions: readonly BoardReaction[], userId: number): PostItem {
  return {
    id: p.id,
    author: { userId: p.authorUserId, name: p.authorName },
    text: p.text,
    photoUrl: p.photoId === null ? null : boardPhotoUrl(p.clientId, p.photoId),
    mood: p.mood,
    createdAt: p.createdAt,
    mine: p.authorUserId === userId,
    reactions: reactions.filter((r) => r.postId === p.id).map((r) => toReaction(r, userId)),
  };
}

export function postsForCaller(c: Caller, query: Input<{ before?: number | undefined }>): BoardResponse {
  allowSection(c, 'data', 'board');
  const { before } = query();
  const page = listPosts(c.deps.db, c.clientId, before ?? null, BOARD_PAGE_SIZE + 1);
  const posts = page.slice(0, BOARD_PAGE_SIZE);
  const reactions = listReactions(
    c.deps.db,
    posts.map((p) => p.id),
  );
  log(c, { action: 'board.read', resource: before ? `board:before-${before}` : 'board', outcome: 'success' });
  return {
    posts: posts.map((p) => toPost(p, reactions, c.auth.user.id)),
    nextBefore: page.length > BOARD_PAGE_SIZE ? posts.at(-1)!.id : null,
  };
}

export async function uploadPhotoForCaller(c: Caller, body: () => Promise<Buffer>): Promise<PhotoUploaded> {
  allowSection(c, 'data', 'board:photo');
  const photo = await processPhoto(await body());
  const id = c.deps.db.transaction(() => {
    const photoId = insertPhoto(c.deps.db, {
      clientId: c.clientId,
      userId: c.auth.user.id,
      data: photo.data,
      mime: photo.mime,
      at: c.deps.clock.now().toISOString(),
    });
    log(c, { action: 'board.photo.upload', resource: `board-photo:${photoId}`, outcome: 'success' });
    return photoId;
  })();
  return { photoId: id, photoUrl: boardPhotoUrl(c.clientId, id) };
}

/**
 * A photo is shown to the whole network once it is on a live post; before that only its uploader sees it (the
 * preview), and after its post was deleted nobody does.
 */
export function photoForCaller(c: Caller, photoId: number): { data: Buffer; type: string } {
  allowSection(c, 'data', `board-photo:${photoId}`);
  const photo = findPhoto(c.deps.db, c.clientId, photoId);
  const visible =
    photo && (photo.postId !== null || (photo.uploadedByUserId === c.auth.user.id && !photoUsed(c.deps.db, photo.id)));
  if (!photo || !visible) {
    log(c, { action: 'board.photo.read', resource: `board-photo:${photoId}`, outcome: 'failure', detail: 'not-found' });
    throw new HttpError(404, 'not_found', 'No such photo');
  }
  log(c, { action: 'board.photo.read', resource: `board-photo:${photoId}`, outcome: 'success' });
  return { data: photo.data, type: photo.mime };
}

export function createPostForCaller(c: Caller, opts: BoardOptions, input: Input<CreatePostBody>): PostItem {
  const membership = allowSection(c, 'data', 'board');
  const body = input() as { text: string; photoId?: number | null; mood?: Mood | null };
  const mood = body.mood ?? null;
  // SVRZ: "De cliënt kan op het prikbord aangeven hoe hij zich voelt d.m.v. tekst met een smiley".
  if (mood !== null && (!opts.moodOnBoard || membership.role !== 'client'))
    throw fieldError('validation_failed', 'No mood here', 'mood', 'not_allowed');
  const photoId = body.photoId ?? null;
  if (photoId !== null) {
    const photo = findPhoto(c.deps.db, c.clientId, photoId);
    if (!photo || photo.uploadedByUserId !== c.auth.user.id || photoUsed(c.deps.db, photoId))
      throw fieldError('validation_failed', 'Unknown photo', 'photoId', 'invalid');
  }
  return c.deps.db.transaction(() => {
    const id = insertPost(c.deps.db, {
      clientId: c.clientId,
      authorUserId: c.auth.user.id,
      text: body.text,
      photoId,
      mood,
      at: c.deps.clock.now().toISOString(),
    });
    log(c, { action: 'board.post.create', resource: `board-post:${id}`, outcome: 'success' });
    return toPost(findPost(c.deps.db, c.clientId, id)!, [], c.auth.user.id);
  })();
}

/** A live post of this client: 404 otherwise (audited). */
function livePost(c: Caller, postId: number, action: string): BoardPost {
  const post = findPost(c.deps.db, c.clientId, postId);
  if (!post) {
    log(c, { action, resource: `board-post:${postId}`, outcome: 'failure', detail: 'not-found' });
    throw new HttpError(404, 'not_found', 'No such post');
  }
  return post;
}

export function deletePostForCaller(c: Caller, postId: number): void {
  allowSection(c, 'data', `board-post:${postId}`);
  const post = livePost(c, postId, 'board.post.delete');
  if (post.authorUserId !== c.auth.user.id) {
    log(c, { action: 'board.post.delete', resource: `board-post:${postId}`, outcome: 'denied', detail: 'not-own' });
    throw new HttpError(403, 'forbidden', 'Only your own posts can be deleted');
  }
  c.deps.db.transaction(() => {
    softDeletePost(c.deps.db, postId, c.deps.clock.now().toISOString());
    log(c, { action: 'board.post.delete', resource: `board-post:${postId}`, outcome: 'success' });
  })();
}

export function reactForCaller(c: Caller, postId: number, input: Input<{ text: string }>): ReactionItem {
  allowSection(c, 'data', `board-post:${postId}`);
  const { text } = input();
  livePost(c, postId, 'board.reaction.create');
  return c.deps.db.transaction(() => {
    const id = insertReaction(c.deps.db, {
      postId,
      authorUserId: c.auth.user.id,
      text,
      at: c.deps.clock.now().toISOString(),
    });
    log(c, { action: 'board.reaction.create', resource: `board-reaction:${id}`, outcome: 'success' });
    return toReaction(findReaction(c.deps.db, postId, id)!, c.auth.user.id);
  })();
}

export function deleteReactionForCaller(c: Caller, postId: number, reactionId: number): void {
  const action = 'board.reaction.delete';
  const resource = `board-reaction:${reactionId}`;
  allowSection(c, 'data', resource);
  livePost(c, postId, action);
  const reaction = findReaction(c.deps.db, postId, reactionId);
  if (!reaction) {
    log(c, { action, resource, outcome: 'failure', detail: 'not-found' });
    throw new HttpError(404, 'not_found', 'No such reaction');
  }
  if (reaction.authorUserId !== c.auth.user.id) {
    log(c, { action, resource, outcome: 'denied', detail: 'not-own' });
    throw new HttpError(403, 'forbidden', 'Only your own reactions can be deleted');
  }
  c.deps.db.transaction(() => {
    softDeleteReaction(c.deps.db, reactionId, c.deps.clock.now().toISOString());
    log(c, { action, resource, outcome: 'success' });
  })();
}
