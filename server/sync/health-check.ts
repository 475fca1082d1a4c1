// Whether the EHR answers, as staff (GET /api/v1/sync/status) and `admin sync:status` show it (issue 6 §1–§2). A
// status page must answer also when the EHR does not: every check has a short timeout, and a failing check is an
// answer ("niet bereikbaar: …"), never an error.
import type { SyncHealth } from '../../shared/api/sync.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { EhrAdapter, Health } from './adapter.ts';
import { fhirAdapter } from './fhir-adapter.ts';
import { fileDropAdapter } from './file-drop-adapter.ts';

export const HEALTH_TIMEOUT_MS = 3000;
/** The FHIR client's own timeout comes first and names the request; this one is for checks that ignore it. */
const GRACE_MS = 500;
const REUSE_MS = 30_000;

/**
 * An adapter for the health check only. Unlike configuredAdapter it does not create the drop folder (a status check
 * that creates it would hide a mount that went away), and the FHIR client gets the short timeout, so a hanging
 * request is aborted instead of left running for the sync's 30 seconds.
 */
export function healthAdapter(config: Pick<Config, 'sync'>, clock: Clock, timeoutMs = HEALTH_TIMEOUT_MS) {
  const sync = config.sync;
  const now = () => clock.now();
  switch (sync.adapter) {
    case 'none':
      return null;
    case 'file-drop':
      return fileDropAdapter({ dir: sync.dropDir, source: sync.source, now });
    case 'fhir':
      return fhirAdapter({ source: sync.source, url: sync.url, token: sync.token, now, timeoutMs });
  }
}

export async function checkHealth(
  adapter: Pick<EhrAdapter, 'health'> | null,
  clock: Clock,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<SyncHealth> {
  if (!adapter) return { state: 'not-configured' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  // E.g. fs.stat on a network mount that hangs: the FHIR client's AbortSignal does not reach that.
  const late = new Promise<Health>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `no answer within ${timeoutMs / 1000} s` }),
      timeoutMs + GRACE_MS,
    );
  });
  let health: Health;
  try {
    health = await Promise.race([
      adapter.health().catch((err: unknown) => ({
        ok: false as const,
        reason: err instanceof Error ? err.message : String(err),
      })),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
  const checkedAt = clock.now().toISOString();
  return health.ok ? { state: 'reachable', checkedAt } : { state: 'unreachable', reason: health.reason, checkedAt };
}

/**
 * The route's check: one at a time, and its answer reused for REUSE_MS by the portal's clock, so a ward full of
 * staff screens does not ask the EHR on every page load, nor queue up checks while it does not answer.
 */
export function healthMonitor(config: Pick<Config, 'sync'>, clock: Clock): () => Promise<SyncHealth> {
  const adapter = healthAdapter(config, clock);
  let last: { at: number; health: SyncHealth } | null = null;
  let pending: Promise<SyncHealth> | null = null;
  return () => {
    if (last && clock.now().getTime() - last.at < REUSE_MS) return Promise.resolve(last.health);
    pending ??= checkHealth(adapter, clock)
      .then((health) => {
        last = { at: clock.now().getTime(), health };
        return health;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
}
