// /api/v1/clients/:clientId/home: the home screen's panels in one request (shared/api/home.ts HomeResponse).
import Router from '@koa/router';
import { HomePath } from '../../../shared/api/home.ts';
import { callerOf } from '../../auth/caller.ts';
import { homeJsonForCaller } from '../../home/service.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import type { AuthDeps } from '../../auth/deps.ts';

export function homeRoutes(deps: AuthDeps): Router<SessionState> {
  const r = new Router<SessionState>();
  r.get(HomePath.home, requireSession(deps), (ctx) => {
    // already encoded JSON: the answer is cached as sent, so a visit neither serialises nor encodes it again
    ctx.set('Content-Type', 'application/json; charset=utf-8'); // as ctx.type would, without its lookup
    ctx.body = homeJsonForCaller(callerOf(deps, ctx));
  });
  return r;
}
