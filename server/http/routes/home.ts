// /api/v1/clients/:clientId/home: the home screen's panels in one request.
import Router from '@koa/router';
import { HomePath } from '../../../shared/api/home.ts';
import { callerOf } from '../../auth/caller.ts';
import { homeForCaller } from '../../home/service.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import type { AuthDeps } from '../../auth/deps.ts';

export function homeRoutes(deps: AuthDeps): Router<SessionState> {
  const r = new Router<SessionState>();
  r.get(HomePath.home, requireSession(deps), (ctx) => {
    ctx.body = homeForCaller(callerOf(deps, ctx));
  });
  return r;
}
