// /api/v1/clients: whose portal the signed-in user may open, and with which rights (the panels follow them).
import Router from '@koa/router';
import { ApiPath } from '../../../shared/api/paths.ts';
import type { ClientsResponse } from '../../../shared/api/clients.ts';
import { listMembershipsOfUser } from '../../db/repos/memberships.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import type { AuthDeps } from '../../auth/deps.ts';
import { mayManage, type NetworkOptions } from '../../network/rules.ts';

export function clientRoutes(deps: AuthDeps, o: Pick<NetworkOptions, 'delegateSettings'>): Router<SessionState> {
  const r = new Router<SessionState>();
  r.get(ApiPath.clients, requireSession(deps), (ctx) => {
    const clients = listMembershipsOfUser(deps.db, ctx.state.auth.user.id, deps.clock.now()).map((m) => ({
      id: m.clientId,
      displayName: m.clientName,
      role: m.role,
      relation: m.relation,
      rights: m.rights,
      mayManage: mayManage(m, o),
    }));
    ctx.body = { clients } satisfies ClientsResponse;
  });
  return r;
}
