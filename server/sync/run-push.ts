// The nightly push (issue 6 §2): the clients' own reports ("cliëntrapportage") go to the EHR and are marked sent
// ("verzonden") only once the EHR accepted them. A retried push sends the same portal ids again; the adapter makes the
// EHR recognise them (FHIR: conditional create on the identifier), so a report arrives once.
import type { Db } from '../db/open.ts';
import { markClientReportSent } from '../db/repos/dossier.ts';
import { finishRun, type SyncProblem } from '../db/repos/sync-runs.ts';
import { claimRun, type RunDeps, type RunResult } from './run-pull.ts';
import type { ClientReportOut, EhrAdapter } from './adapter.ts';

const BATCH = 200;

function unsentReports(db: Db, source: string, afterId: number): ClientReportOut[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.occurred_at, d.body, u.display_name, l.ehr_id
       FROM dossier_items d
       JOIN ehr_links l ON l.client_id = d.client_id AND l.source = ?
       JOIN users u ON u.id = d.author_user_id
       WHERE d.kind = 'client_report' AND d.sent_to_ehr_at IS NULL AND d.id > ?
       ORDER BY d.id LIMIT ?`,
    )
    .all(source, afterId, BATCH) as Array<{
    id: number;
    occurred_at: string;
    body: string;
    display_name: string;
    ehr_id: string;
  }>;
  return rows.map((r) => ({
    id: r.id,
    clientEhrId: r.ehr_id,
    occurredAt: r.occurred_at,
    text: r.body,
    authorName: r.display_name,
  }));
}

export async function runPush(deps: RunDeps, adapter: EhrAdapter): Promise<RunResult> {
  const { db, clock } = deps;
  const runId = claimRun(deps, adapter.source, 'push');
  if (runId === null) return { runId, status: 'busy', counts: {}, problems: [], error: 'another push is under way' };
  const counts = { client_report: { created: 0, updated: 0, deleted: 0, skipped: 0 } };
  const problems: SyncProblem[] = [];
  let error: string | null = null;
  try {
    let after = 0;
    for (;;) {
      const reports = unsentReports(db, adapter.source, after);
      if (reports.length === 0) break;
      after = reports.at(-1)!.id;
      const accepted = new Set(await adapter.push(reports));
      const at = clock.now().toISOString();
      db.transaction(() => {
        for (const r of reports) {
          if (accepted.has(r.id) && markClientReportSent(db, r.id, at)) counts.client_report.created++;
          else if (!accepted.has(r.id)) {
            counts.client_report.skipped++;
            problems.push({ where: `client report ${r.id}`, message: 'not accepted by the EHR; tried again next run' });
          }
        }
      })();
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const status = error === null ? 'succeeded' : 'failed';
  finishRun(db, runId, { status, at: clock.now().toISOString(), counts, problems, error });
  return { runId, status, counts, problems, error };
}
