// /api/v1/clients/:clientId/details and …/board: "Mijn gegevens" and the Prikbord. The session comes first (401),
// then the client id, then the Gegevens right (in the services), and only then query and body: a stranger learns
// nothing from validation errors.
import Router from '@koa/router';
import { callerOf, type Caller } from '../../auth/caller.ts';
import {
  BoardPath,
  BoardQuery,
  ChangeEmailBody,
  ChangeMobileBody,
  ConfirmEmailBody,
  ConfirmMobileBody,
  CreatePostBody,
  CreateReactionBody,
  DetailsPath,
  PHOTO_MAX_BYTES,
  PhotoIdParams,
  PostIdParams,
  ReactionIdParams,
} from '../../../shared/api/details.ts';
import { clientPhotoForCaller, detailsForCaller } from '../../details/service.ts';
import {
  confirmEmailChange,
  confirmMobileChange,
  ownDetailsForCaller,
  startEmailChange,
  startMobileChange,
} from '../../details/own-contact.ts';
import {
  createPostForCaller,
  deletePostForCaller,
  deleteReactionForCaller,
  photoForCaller,
  postsForCaller,
  reactForCaller,
  uploadPhotoForCaller,
  type BoardOptions,
} from '../../details/board.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import { requestMeta } from '../cookies.ts';
import { readRawBody } from '../raw-body.ts';
import { fieldError } from '../errors.ts';
import { parse } from '../validate.ts';
import type { AuthDeps } from '../../auth/deps.ts';
import type Koa from 'koa';
import type { ParameterizedContext } from 'koa';

export type Ctx = ParameterizedContext<SessionState> & { params: Record<string, string> };

/** Photos are personal data: never cached, never sniffed into another type. */
export function sendImage(ctx: Ctx, photo: { data: Buffer; type: string }): void {
  ctx.set('Cache-Control', 'private, no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.type = photo.type;
  ctx.body = photo.data;
}

/** The upload body: image/jpeg or image/png (the real format is checked by sharp later), up to 5 MB. */
export async function photoBody(ctx: Ctx): Promise<Buffer> {
  if (!ctx.is(['image/jpeg', 'image/png']))
    throw fieldError('validation_failed', 'Send a JPEG or PNG', 'photo', 'unsupported_type');
  if (Number(ctx.get('content-length') || 0) > PHOTO_MAX_BYTES)
    throw fieldError('validation_failed', 'Photo too large', 'photo', 'too_large');
  return readRawBody(ctx.req, PHOTO_MAX_BYTES, 'photo');
}

export function detailsRoutes(deps: AuthDeps, board: BoardOptions): Router<SessionState> {
  const r = new Router<SessionState>();
  const caller = (ctx: Ctx): Caller => callerOf(deps, ctx);
  const session = requireSession(deps);

  r.get(DetailsPath.details, session, (ctx) => {
    ctx.body = detailsForCaller(caller(ctx));
  });
  r.get(DetailsPath.photo, session, (ctx) => {
    sendImage(ctx, clientPhotoForCaller(caller(ctx)));
  });
  r.get(DetailsPath.me, session, (ctx) => {
    ctx.body = ownDetailsForCaller(caller(ctx));
  });
  r.post(DetailsPath.mobile, session, (ctx) => {
    ctx.body = startMobileChange(caller(ctx), () => parse(ChangeMobileBody, ctx.request.body));
  });
  r.post(DetailsPath.mobileConfirm, session, (ctx) => {
    ctx.body = confirmMobileChange(caller(ctx), () => parse(ConfirmMobileBody, ctx.request.body));
  });
  r.post(DetailsPath.email, session, (ctx) => {
    ctx.body = startEmailChange(caller(ctx), () => parse(ChangeEmailBody, ctx.request.body));
  });
  // No session needed: the 256-bit token in the e-mail is the proof (the mail may be opened on another device).
  r.post(DetailsPath.emailConfirm, (ctx) => {
    const { token } = parse(ConfirmEmailBody, ctx.request.body);
    ctx.body = confirmEmailChange(deps, requestMeta(ctx as unknown as Koa.Context), token);
  });

  r.get(BoardPath.posts, session, (ctx) => {
    ctx.body = postsForCaller(caller(ctx), () => parse(BoardQuery, ctx.query));
  });
  r.post(BoardPath.posts, session, (ctx) => {
    ctx.body = createPostForCaller(caller(ctx), board, () => parse(CreatePostBody, ctx.request.body));
    ctx.status = 201;
  });
  r.delete(BoardPath.post, session, (ctx) => {
    const { postId } = parse(PostIdParams, ctx.params);
    deletePostForCaller(caller(ctx), postId);
    ctx.status = 204;
  });
  r.post(BoardPath.reactions, session, (ctx) => {
    const { postId } = parse(PostIdParams, ctx.params);
    ctx.body = reactForCaller(caller(ctx), postId, () => parse(CreateReactionBody, ctx.request.body));
    ctx.status = 201;
  });
  r.delete(BoardPath.reaction, session, (ctx) => {
    const { postId, reactionId } = parse(ReactionIdParams, ctx.params);
    deleteReactionForCaller(caller(ctx), postId, reactionId);
    ctx.status = 204;
  });
  r.post(BoardPath.photos, session, async (ctx) => {
    ctx.body = await uploadPhotoForCaller(caller(ctx), () => photoBody(ctx));
    ctx.status = 201;
  });
  r.get(BoardPath.photo, session, (ctx) => {
    const { photoId } = parse(PhotoIdParams, ctx.params);
    sendImage(ctx, photoForCaller(caller(ctx), photoId));
  });
  return r;
}
