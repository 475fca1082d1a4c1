// /api/v1/clients/:clientId/network and …/invitations (Gebruikersbeheer), the public invitation link, and the
// signed-in user's own invitations. As elsewhere: session first (401), then the client id, then the right to manage
// (in the services: 404 stranger, 403 without it), and only then the body.
import Router from '@koa/router';
import type Koa from 'koa';
import type { ParameterizedContext } from 'koa';
import { callerOf, type Caller } from '../../auth/caller.ts';
import {
  AcceptNewBody,
  CreateInvitationBody,
  InvitationParams,
  InvitationTokenBody,
  MemberParams,
  MyInvitationParams,
  NetworkPath,
  UpdateMemberBody,
} from '../../../shared/api/network.ts';
import { EmptyBody } from '../../../shared/api/auth.ts';
import { networkForCaller, removeMemberForCaller, updateMemberForCaller } from '../../network/grid.ts';
import {
  createInvitationForCaller,
  invitationsForCaller,
  resendInvitationForCaller,
  withdrawInvitationForCaller,
} from '../../network/invitations.ts';
import { acceptAsNewUser, decideMyInvitation, lookupInvitation, myInvitations } from '../../network/accept.ts';
import type { NetworkOptions } from '../../network/rules.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import { requestMeta } from '../cookies.ts';
import { parse } from '../validate.ts';
import type { AuthDeps } from '../../auth/deps.ts';

type Ctx = ParameterizedContext<SessionState> & { params: Record<string, string> };

export function networkRoutes(deps: AuthDeps, o: NetworkOptions): Router<SessionState> {
  const r = new Router<SessionState>();
  const caller = (ctx: Ctx): Caller => callerOf(deps, ctx);
  const session = requireSession(deps);
  /** Routes that take no body still refuse one with content, after the access check like every body. */
  const empty = (ctx: Ctx) => () => parse(EmptyBody, ctx.request.body);

  r.get(NetworkPath.network, session, (ctx) => {
    ctx.body = networkForCaller(caller(ctx), o);
  });
  r.patch(NetworkPath.member, session, (ctx) => {
    const c = caller(ctx);
    const { userId } = parse(MemberParams, ctx.params);
    ctx.body = updateMemberForCaller(c, o, userId, () => parse(UpdateMemberBody, ctx.request.body));
  });
  r.delete(NetworkPath.member, session, (ctx) => {
    const c = caller(ctx);
    const { userId } = parse(MemberParams, ctx.params);
    removeMemberForCaller(c, o, userId, empty(ctx));
    ctx.status = 204;
  });

  r.get(NetworkPath.invitations, session, (ctx) => {
    ctx.body = invitationsForCaller(caller(ctx), o);
  });
  r.post(NetworkPath.invitations, session, (ctx) => {
    ctx.body = createInvitationForCaller(caller(ctx), o, () => parse(CreateInvitationBody, ctx.request.body));
    ctx.status = 201;
  });
  r.post(NetworkPath.resend, session, (ctx) => {
    const c = caller(ctx);
    const { invitationId } = parse(InvitationParams, ctx.params);
    ctx.body = resendInvitationForCaller(c, o, invitationId, empty(ctx));
  });
  r.delete(NetworkPath.invitation, session, (ctx) => {
    const c = caller(ctx);
    const { invitationId } = parse(InvitationParams, ctx.params);
    withdrawInvitationForCaller(c, o, invitationId, empty(ctx));
    ctx.status = 204;
  });

  // Public: the token from the e-mail is the proof (the link may be opened on any device, before any account exists).
  r.post(NetworkPath.lookup, (ctx) => {
    const { token } = parse(InvitationTokenBody, ctx.request.body);
    ctx.body = lookupInvitation(deps, token, requestMeta(ctx as unknown as Koa.Context));
  });
  r.post(NetworkPath.acceptNew, async (ctx) => {
    const body = parse(AcceptNewBody, ctx.request.body);
    ctx.body = await acceptAsNewUser(deps, body, requestMeta(ctx as unknown as Koa.Context));
    ctx.status = 201;
  });

  r.get(NetworkPath.mine, session, (ctx) => {
    ctx.body = myInvitations(deps, ctx.state.auth, ctx.state.meta);
  });
  for (const decision of ['accept', 'decline'] as const) {
    r.post(NetworkPath[decision], session, (ctx) => {
      const { invitationId } = parse(MyInvitationParams, ctx.params);
      parse(EmptyBody, ctx.request.body);
      ctx.body = decideMyInvitation(deps, ctx.state.auth, ctx.state.meta, invitationId, decision);
    });
  }
  return r;
}
