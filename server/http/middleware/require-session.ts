// Puts the signed-in user on ctx.state.auth for the routes behind it; 401 otherwise.
import type Koa from 'koa';
import { authenticate, type Authenticated } from '../../auth/sessions.ts';
import { requestMeta, sessionToken } from '../cookies.ts';
import type { AuthDeps, RequestMeta } from '../../auth/deps.ts';

export interface SessionState {
  auth: Authenticated;
  meta: RequestMeta;
}

export function requireSession(deps: AuthDeps): Koa.Middleware<SessionState> {
  return async (ctx, next) => {
    const meta = requestMeta(ctx as unknown as Koa.Context);
    ctx.state.meta = meta;
    ctx.state.auth = authenticate(deps, sessionToken(ctx as unknown as Koa.Context), meta);
    await next();
  };
}
