// "Wie heeft mijn dossier bekeken": only the client himself and his legal representative may read it; a contact
// (even with every right) gets 403, anyone outside the network 404. Reading it is audited too.
import Router from '@koa/router';
import { ApiPath } from '../../../shared/api/paths.ts';
import { ClientIdParams } from '../../../shared/api/clients.ts';
import {
  ACCESS_LOG_DEFAULT_DAYS,
  ACCESS_LOG_MAX_ENTRIES,
  AccessLogQuery,
  type AccessLogResponse,
} from '../../../shared/api/access-log.ts';
import { findMembership } from '../../db/repos/memberships.ts';
import { listAccessLog } from '../../db/repos/access-log.ts';
import { resolveRange } from '../../appointments/range.ts';
import { audit } from '../../audit/audit.ts';
import { HttpError } from '../errors.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import { parse } from '../validate.ts';
import type { AuthDeps } from '../../auth/deps.ts';

export function accessLogRoutes(deps: AuthDeps): Router<SessionState> {
  const r = new Router<SessionState>();
  r.get(ApiPath.accessLog, requireSession(deps), (ctx) => {
    const { clientId } = parse(ClientIdParams, ctx.params);
    const { auth, meta } = ctx.state;
    const who = { userId: auth.user.id, username: auth.user.username, clientId, resource: 'access-log' };
    const membership = findMembership(deps.db, clientId, auth.user.id, deps.clock.now());
    if (!membership || (membership.role !== 'client' && membership.role !== 'representative')) {
      audit(deps, meta, {
        ...who,
        action: 'access-log.read',
        outcome: 'denied',
        detail: membership ? 'not-owner' : 'not-a-member',
      });
      if (!membership) throw new HttpError(404, 'not_found', 'No such client');
      throw new HttpError(403, 'forbidden', 'Only the client or his representative may see who looked');
    }
    const query = parse(AccessLogQuery, ctx.query);
    // Default: the last 30 days up to now.
    const days = ACCESS_LOG_DEFAULT_DAYS;
    const range = resolveRange(deps.clock.now(), query, { daysBack: days, days });
    const { entries, truncated } = listAccessLog(deps.db, clientId, range.from, range.to, ACCESS_LOG_MAX_ENTRIES);
    audit(deps, meta, { ...who, action: 'access-log.read', outcome: 'success' });
    ctx.body = { ...range, entries, truncated } satisfies AccessLogResponse;
  });
  return r;
}
