// One pull run: batches from the adapter, each applied in one synchronous transaction together with the cursor after
// it, so a crash or a killed process leaves the last consistent state and the next run continues from the last
// committed cursor. Runs of one source never overlap, also not between the server and the admin CLI: the 'running'
// row in sync_runs is the lock (claimed in a transaction; a row older than STALE_RUN_MS counts as a crashed run).
import { addMs } from '../clock.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import {
  finishRun,
  markPullSucceeded,
  readCursor,
  writeCursor,
  type SyncCounts,
  type SyncProblem,
  type SyncStatus,
} from '../db/repos/sync-runs.ts';
import { addTally, applyBatch, emptyTally } from './apply-batch.ts';
import type { EhrAdapter, PullProgress } from './adapter.ts';

const STALE_RUN_MS = 2 * 60 * 60 * 1000;
/** The sync log keeps the first problems of a run; a file with ten thousand bad records is not copied whole. */
const MAX_PROBLEMS = 200;

export interface RunResult {
  runId: number | null;
  status: Exclude<SyncStatus, 'running'> | 'busy';
  counts: SyncCounts;
  problems: SyncProblem[];
  error: string | null;
}

/** After each batch (imported or refused): what the run did so far, for a progress display. */
export interface BatchEvent {
  label: string;
  /** The adapter's own idea of how far it is, when it has one. */
  progress: PullProgress | undefined;
  /** Totals of the run so far. */
  counts: SyncCounts;
  batches: number;
  records: number;
  refused: number;
}

export interface RunDeps {
  db: Db;
  clock: Clock;
}

/** Claims the source for a new run; null while another run of it is under way. */
export function claimRun(deps: RunDeps, source: string, direction: 'pull' | 'push'): number | null {
  return deps.db
    .transaction(() => {
      const now = deps.clock.now();
      const staleBefore = addMs(now, -STALE_RUN_MS).toISOString();
      deps.db
        .prepare(
          `UPDATE sync_runs SET status = 'failed', finished_at = ?, error = 'interrupted (process stopped)'
         WHERE source = ? AND direction = ? AND status = 'running' AND started_at < ?`,
        )
        .run(now.toISOString(), source, direction, staleBefore);
      const busy = deps.db
        .prepare(`SELECT 1 FROM sync_runs WHERE source = ? AND direction = ? AND status = 'running'`)
        .get(source, direction);
      if (busy) return null;
      const r = deps.db
        .prepare(`INSERT INTO sync_runs (source, direction, started_at, status) VALUES (?, ?, ?, 'running')`)
        .run(source, direction, now.toISOString());
      return Number(r.lastInsertRowid);
    })
    .immediate();
}

export async function runPull(
  deps: RunDeps,
  adapter: EhrAdapter,
  onBatch: (event: BatchEvent) => void = () => {},
): Promise<RunResult> {
  const { db, clock } = deps;
  const source = adapter.source;
  const runId = claimRun(deps, source, 'pull');
  if (runId === null) return { runId, status: 'busy', counts: {}, problems: [], error: 'another run is under way' };
  const total = emptyTally();
  let refused = 0;
  let batches = 0;
  let records = 0;
  let error: string | null = null;
  const report = (b: { label: string; progress?: PullProgress }) =>
    // A copy: the run goes on adding to its own counts while a display may keep the event.
    onBatch({ label: b.label, progress: b.progress, counts: structuredClone(total.counts), batches, records, refused });
  try {
    for await (const batch of adapter.pull(readCursor(db, source))) {
      batches++;
      if ('rejected' in batch) {
        refused++;
        total.problems.push(...batch.rejected);
        await batch.handled?.();
        report(batch);
        continue;
      }
      const at = clock.now().toISOString();
      const tally = db.transaction(() => {
        const t = applyBatch(db, source, batch.records, batch.label, at);
        writeCursor(db, source, batch.cursor, at);
        return t;
      })();
      addTally(total, tally);
      records += batch.records.length;
      await batch.committed?.();
      report(batch);
    }
    if (refused > 0) error = `${refused} batch(es) refused`;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const status = error === null ? 'succeeded' : 'failed';
  const problems = total.problems.slice(0, MAX_PROBLEMS);
  if (total.problems.length > MAX_PROBLEMS) {
    problems.push({ where: 'run', message: `${total.problems.length - MAX_PROBLEMS} more problems not listed` });
  }
  const at = clock.now().toISOString();
  db.transaction(() => {
    finishRun(db, runId, { status, at, counts: total.counts, problems, error });
    if (status === 'succeeded') markPullSucceeded(db, source, at);
  })();
  return { runId, status, counts: total.counts, problems, error };
}
