// /api/v1/sync/status: the sync log and whether the EHR answers now, for staff members only (residents and relatives
// see "bijgewerkt tot").
import Router from '@koa/router';
import { ApiPath } from '../../../shared/api/paths.ts';
import type { SyncStatusResponse } from '../../../shared/api/sync.ts';
import { lastSuccessfulPull, recentRuns } from '../../db/repos/sync-runs.ts';
import { healthMonitor } from '../../sync/health-check.ts';
import { nextRuns } from '../../sync/schedule.ts';
import { HttpError } from '../errors.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import type { AuthDeps } from '../../auth/deps.ts';
import type { Config } from '../../config.ts';

const SHOWN_RUNS = 20;
const SHOWN_PROBLEMS = 10;

export function syncRoutes(deps: AuthDeps, config: Pick<Config, 'sync' | 'organisation'>): Router<SessionState> {
  const r = new Router<SessionState>();
  // Checked with a short timeout and reused for a while (health-check.ts): an EHR that is down makes this answer
  // "unreachable" within seconds, never a 500.
  const health = healthMonitor(config, deps.clock);
  r.get(ApiPath.syncStatus, requireSession(deps), async (ctx) => {
    if (ctx.state.auth.user.kind !== 'staff')
      throw new HttpError(403, 'staff_only', 'Only staff members see the sync log');
    const { source, adapter } = config.sync;
    const connected = adapter !== 'none';
    ctx.body = {
      adapter,
      source,
      health: await health(),
      lastSuccessAt: lastSuccessfulPull(deps.db, source),
      nextPullAt: connected
        ? (nextRuns(config.organisation.syncPullCron, deps.clock.now(), 1)[0]?.toISOString() ?? null)
        : null,
      runs: recentRuns(deps.db, SHOWN_RUNS).map((run) => ({
        id: run.id,
        direction: run.direction,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        status: run.status,
        counts: run.counts,
        problems: run.problems.slice(0, SHOWN_PROBLEMS),
        problemCount: run.problems.length,
        error: run.error,
      })),
    } satisfies SyncStatusResponse;
  });
  return r;
}
