// /api/v1/clients/:clientId/messages: "Mijn berichten". The session comes first (401), then the client id, then the
// Berichten right (in the service), and only then params and body: a stranger learns nothing from validation errors.
import Router from '@koa/router';
import { callerOf } from '../../auth/caller.ts';
import { CreateThreadBody, MessagePath, ReplyBody, ThreadIdParams } from '../../../shared/api/messages.ts';
import {
  createForCaller,
  listForCaller,
  markUnreadForCaller,
  openForCaller,
  recipientsForCaller,
  replyForCaller,
  type Caller,
  type MessageSettings,
} from '../../messages/service.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import { parse } from '../validate.ts';
import type { AuthDeps } from '../../auth/deps.ts';
import type { OrganisationSettings } from '../../org/presets.ts';
import type { ParameterizedContext } from 'koa';

type Ctx = ParameterizedContext<SessionState> & { params: Record<string, string> };

export function messageRoutes(
  deps: AuthDeps,
  organisation: Pick<OrganisationSettings, 'messagesToCareTeam'>,
): Router<SessionState> {
  const r = new Router<SessionState>();
  const caller = (ctx: Ctx): Caller => callerOf(deps, ctx);
  const settings: MessageSettings = { toCareTeam: organisation.messagesToCareTeam };
  const threadId = (ctx: Ctx) => parse(ThreadIdParams, ctx.params).threadId;

  r.get(MessagePath.list, requireSession(deps), (ctx) => {
    ctx.body = listForCaller(caller(ctx));
  });

  // Before the :threadId routes, so "recipients" is never read as a thread id.
  r.get(MessagePath.recipients, requireSession(deps), (ctx) => {
    ctx.body = recipientsForCaller(caller(ctx), settings);
  });

  r.post(MessagePath.list, requireSession(deps), (ctx) => {
    ctx.body = createForCaller(caller(ctx), settings, () => parse(CreateThreadBody, ctx.request.body));
    ctx.status = 201;
  });

  r.get(MessagePath.thread, requireSession(deps), (ctx) => {
    const c = caller(ctx);
    ctx.body = openForCaller(c, threadId(ctx));
  });

  r.post(MessagePath.replies, requireSession(deps), (ctx) => {
    const c = caller(ctx);
    ctx.body = replyForCaller(c, settings, threadId(ctx), () => parse(ReplyBody, ctx.request.body));
    ctx.status = 201;
  });

  r.post(MessagePath.unread, requireSession(deps), (ctx) => {
    const c = caller(ctx);
    markUnreadForCaller(c, threadId(ctx));
    ctx.status = 204;
  });
  return r;
}
