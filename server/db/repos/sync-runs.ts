// The sync log and the pull cursor per source.
import type { Db } from '../open.ts';

export type SyncDirection = 'pull' | 'push';
export type SyncStatus = 'running' | 'succeeded' | 'failed';

/** Per resource: created, updated, deleted, skipped (unchanged or not importable). */
export type SyncCounts = Record<string, { created: number; updated: number; deleted: number; skipped: number }>;

export interface SyncProblem {
  /** Where: a file name, a page, a record id. */
  where: string;
  message: string;
}

export interface SyncRun {
  id: number;
  source: string;
  direction: SyncDirection;
  startedAt: string;
  finishedAt: string | null;
  status: SyncStatus;
  counts: SyncCounts;
  problems: SyncProblem[];
  error: string | null;
}

interface SyncRunRow {
  id: number;
  source: string;
  direction: SyncDirection;
  started_at: string;
  finished_at: string | null;
  status: SyncStatus;
  counts: string;
  problems: string;
  error: string | null;
}

function rowToRun(r: SyncRunRow): SyncRun {
  return {
    id: r.id,
    source: r.source,
    direction: r.direction,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    counts: JSON.parse(r.counts) as SyncCounts,
    problems: JSON.parse(r.problems) as SyncProblem[],
    error: r.error,
  };
}

export function finishRun(
  db: Db,
  id: number,
  f: {
    status: Exclude<SyncStatus, 'running'>;
    at: string;
    counts: SyncCounts;
    problems: SyncProblem[];
    error: string | null;
  },
): void {
  db.prepare(`UPDATE sync_runs SET status = ?, finished_at = ?, counts = ?, problems = ?, error = ? WHERE id = ?`).run(
    f.status,
    f.at,
    JSON.stringify(f.counts),
    JSON.stringify(f.problems),
    f.error,
    id,
  );
}

export function recentRuns(db: Db, limit: number): SyncRun[] {
  return (db.prepare('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?').all(limit) as SyncRunRow[]).map(rowToRun);
}

/** The end of the last successful pull of this source: what "bijgewerkt tot" can promise. */
export function lastSuccessfulPull(db: Db, source: string): string | null {
  const r = db.prepare('SELECT last_success_at FROM sync_cursors WHERE source = ?').get(source) as
    { last_success_at: string | null } | undefined;
  return r?.last_success_at ?? null;
}

export function readCursor(db: Db, source: string): string | null {
  const r = db.prepare('SELECT cursor FROM sync_cursors WHERE source = ?').get(source) as
    { cursor: string | null } | undefined;
  return r?.cursor ?? null;
}

/** Call inside the batch's transaction: the cursor moves exactly when the batch's rows commit. */
export function writeCursor(db: Db, source: string, cursor: string | null, at: string): void {
  db.prepare(
    `INSERT INTO sync_cursors (source, cursor, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  ).run(source, cursor, at);
}

/** Call inside a transaction: a client has one EHR identity per source, so an earlier link of his is replaced. */
export function linkClientToEhr(db: Db, source: string, ehrId: string, clientId: number, at: string): void {
  db.prepare('DELETE FROM ehr_links WHERE source = ? AND client_id = ?').run(source, clientId);
  db.prepare(
    `INSERT INTO ehr_links (source, ehr_id, client_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (source, ehr_id) DO UPDATE SET client_id = excluded.client_id`,
  ).run(source, ehrId, clientId, at);
}

/**
 * Call inside the run's closing transaction. The linked clients' answers are rebuilt (their data version rises), since
 * their "bijgewerkt tot" moved even where no row changed.
 */
export function markPullSucceeded(db: Db, source: string, at: string): void {
  db.prepare(
    `INSERT INTO sync_cursors (source, cursor, updated_at, last_success_at) VALUES (?, NULL, ?, ?)
     ON CONFLICT (source) DO UPDATE SET last_success_at = excluded.last_success_at`,
  ).run(source, at, at);
  db.prepare(
    'UPDATE clients SET data_version = data_version + 1 WHERE id IN (SELECT client_id FROM ehr_links WHERE source = ?)',
  ).run(source);
}

/** When the EHR data of this client was last brought up to date; null when he is linked to no EHR or none succeeded. */
export function lastPullFor(db: Db, clientId: number): string | null {
  const r = db
    .prepare(
      `SELECT MAX(c.last_success_at) AS at FROM ehr_links l JOIN sync_cursors c ON c.source = l.source
       WHERE l.client_id = ?`,
    )
    .get(clientId) as { at: string | null };
  return r.at;
}
