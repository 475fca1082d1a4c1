// One interface for every EHR connection (issue 6 §1, DESIGN §5): pull changes since a cursor in batches, push the
// clients' own reports, report health. The runner (run-pull.ts) owns transactions, cursors and the sync log; an
// adapter only speaks to its EHR and turns what it gets into import records.
import type { FileDropRecord } from '../../shared/sync/file-drop.ts';
import type { SyncProblem } from '../db/repos/sync-runs.ts';

/** A change in the portal's terms: the file-drop format's records are exactly that (shared/sync/file-drop.ts). */
export type ImportRecord = FileDropRecord;

/**
 * How far the run is, as far as the adapter knows it, for the admin CLI's progress bar: the file-drop adapter knows
 * how many files it found, a FHIR server tells how many resources of a type match only when it sets Bundle.total.
 */
export interface PullProgress {
  /** What `done` and `total` count: "bestanden", or a FHIR resource type. A new one starts a new count. */
  of: string;
  done: number;
  /** Absent when the EHR does not say. */
  total?: number;
}

export type PullBatch =
  | {
      /** A file name or a page: where the batch came from, for the sync log. */
      label: string;
      progress?: PullProgress;
      records: ImportRecord[];
      /** The cursor after this batch, committed in the batch's transaction. */
      cursor: string | null;
      /** After the commit: e.g. move the file to done/. */
      committed?(): Promise<void>;
    }
  | {
      label: string;
      progress?: PullProgress;
      /** The batch cannot be imported (a bad record): nothing of it is, and each problem is reported. */
      rejected: SyncProblem[];
      /** After the run noted the rejection: e.g. move the file to failed/ with a report. */
      handled?(): Promise<void>;
    };

export interface ClientReportOut {
  /** The portal's id: the EHR keeps it as an identifier, so a retried push is recognised (exactly once). */
  id: number;
  clientEhrId: string;
  occurredAt: string;
  text: string;
  authorName: string;
}

export type Health = { ok: true } | { ok: false; reason: string };

export interface EhrAdapter {
  /** Written as `source` on every imported row: which system the row came from. */
  readonly source: string;
  /** Batches of changes since `cursor` (null: everything), in order. Throws when the EHR fails (down, 5xx, …). */
  pull(cursor: string | null): AsyncIterable<PullBatch>;
  /** Hands client reports to the EHR; returns the ids it accepted. */
  push(reports: ClientReportOut[]): Promise<number[]>;
  health(): Promise<Health>;
}
