// Puts the signed-in user on ctx.state.auth for the routes behind it; 401 otherwise.
import type Koa from 'koa';
import { authenticate, type Authenticated } from '../../auth/sessions.ts';
import { requestMeta, sessionToken } from '../cookies.ts';
import type { AuthDeps, RequestMeta } from '../../auth/deps.ts';

export interface SessionState {
  auth: Authenticated;
  meta: RequestMeta;
}

/**
 * The route's :clientId when it is a well-formed id: only a hint for reading its data version along; the route
 * itself still parses the parameter (a malformed one is its 400).
 */
function clientIdOf(ctx: { params?: Record<string, string> }): number | null {
  const raw = ctx.params?.['clientId'];
  if (raw === undefined || !/^[1-9][0-9]{0,14}$/.test(raw)) return null;
  return Number(raw);
}

export function requireSession(deps: AuthDeps): Koa.Middleware<SessionState> {
  return async (ctx, next) => {
    const meta = requestMeta(ctx as unknown as Koa.Context);
    ctx.state.meta = meta;
    ctx.state.auth = authenticate(
      deps,
      sessionToken(ctx as unknown as Koa.Context),
      meta,
      clientIdOf(ctx as { params?: Record<string, string> }),
    );
    await next();
  };
}
