import type { Migration } from '../migrate.ts';

// The EHR sync (issue 6). ehr_links maps the EHR's identity of a client to the portal's client: set by staff with the
// admin CLI (client:link), never guessed from names; a record for an unlinked client is reported and skipped.
// sync_cursors keeps, per source, how far the pull got: it is written in the same transaction as the batch it
// follows, so a crash mid-run resumes after the last committed batch. sync_runs is the sync log shown to staff.
// A successful run that changed nothing still moves "bijgewerkt tot" (sync_cursors.last_success_at): the data is as of
// then, even though no row was rewritten.
export const m0150: Migration = {
  version: 150,
  name: 'ehr-sync',
  sql: `
CREATE TABLE ehr_links (
  source TEXT NOT NULL,
  ehr_id TEXT NOT NULL,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (source, ehr_id)
);
-- one EHR identity per client and source; also how a panel finds the runs that concern its client
CREATE UNIQUE INDEX ehr_links_client ON ehr_links(client_id, source);

CREATE TABLE sync_cursors (
  source TEXT PRIMARY KEY,
  cursor TEXT,
  updated_at TEXT NOT NULL,
  -- the end of the last successful pull: "bijgewerkt tot" of the linked clients' synced panels
  last_success_at TEXT
);

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('pull', 'push')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
  problems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems)),
  error TEXT,
  CHECK ((status = 'running') = (finished_at IS NULL))
);
CREATE INDEX sync_runs_source_started ON sync_runs(source, started_at);
`,
};
