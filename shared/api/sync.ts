// GET /api/v1/sync/status: the EHR sync log for staff (issue 6 §2), the same as `npm run admin -- sync:status`.
export interface SyncRunView {
  id: number;
  direction: 'pull' | 'push';
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'succeeded' | 'failed';
  /** Per resource (report, form, appointment, staff, person, contact, plan, notice, client_report). */
  counts: Record<string, { created: number; updated: number; deleted: number; skipped: number }>;
  /** The first problems of the run (unlinked clients, refused files …). */
  problems: Array<{ where: string; message: string }>;
  problemCount: number;
  error: string | null;
}

export interface SyncStatusResponse {
  /** Which EHR connection is configured: none, a folder (file-drop) or a FHIR server. */
  adapter: string;
  source: string;
  /** The end of the last successful pull: "bijgewerkt tot" of the linked clients. */
  lastSuccessAt: string | null;
  /** When the schedule pulls next (null without a connection). */
  nextPullAt: string | null;
  runs: SyncRunView[];
}
