// Runs the pull and the push on the organisation's schedule (croner, Dutch time). A failed pull is retried with
// backoff (schedule.ts) while the portal keeps serving the last data; runs never overlap (croner's protect, plus the
// lock row of run-pull.ts against the admin CLI). Real time drives it: it is the one part that waits for the clock on
// the wall, and it only decides *when*; what a run does is tested through runPull/runPush with the portal's clock.
import { Cron } from 'croner';
import type { Logger } from '../log.ts';
import type { EhrAdapter } from './adapter.ts';
import { runPull, type RunDeps } from './run-pull.ts';
import { runPush } from './run-push.ts';
import { retryDelayMs, SYNC_TIMEZONE } from './schedule.ts';

export interface SyncScheduler {
  /** Runs a pull now (also what the cron job calls); resolves when it ended. */
  pullNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  deps: RunDeps;
  adapter: EhrAdapter;
  pullCron: string;
  pushCron: string;
  log: Logger;
  /** Tests: a shorter first retry. */
  retryBaseMs?: number;
}

export function startSyncScheduler(o: SchedulerOptions): SyncScheduler {
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const pull = (): Promise<void> => {
    if (running) return running;
    if (retry) clearTimeout(retry);
    retry = null;
    running = runPull(o.deps, o.adapter)
      .then((result) => {
        if (result.status === 'failed') {
          failures++;
          const delay = retryDelayMs(failures, o.retryBaseMs);
          o.log.warn('sync pull failed', { error: result.error, retryInMs: delay });
          if (!stopped) retry = setTimeout(() => void pull(), delay);
        } else if (result.status === 'succeeded') {
          failures = 0;
          o.log.info('sync pull done', { counts: result.counts, problems: result.problems.length });
        }
      })
      .catch((err: unknown) => o.log.error('sync pull crashed', { error: String(err) }))
      .finally(() => (running = null));
    return running;
  };
  const push = () =>
    runPush(o.deps, o.adapter).then(
      (r) => o.log.info('sync push done', { status: r.status, counts: r.counts, error: r.error }),
      (err: unknown) => o.log.error('sync push crashed', { error: String(err) }),
    );

  const options = { timezone: SYNC_TIMEZONE, protect: true, catch: true };
  const jobs = [new Cron(o.pullCron, options, () => pull()), new Cron(o.pushCron, options, () => push())];
  return {
    pullNow: pull,
    async stop() {
      stopped = true;
      for (const j of jobs) j.stop();
      if (retry) clearTimeout(retry);
      await running;
    },
  };
}
