import type { Migration } from '../migrate.ts';

// Mijn dossier (DESIGN §3). dossier_items holds the EHR's reports, forms and notices and the reports written in the
// portal (client_report). It is the biggest table (about one report per client per day: 1.8 M rows for 1 000 clients
// over five years), so every screen reads it through (client_id, occurred_at, id) and the "bijgewerkt tot" time
// through (client_id, synced_at); neither ever scans a client's history.
// A form's fields and a plan version's content are JSON documents: the EHR sends them whole, they never change in
// place (a new plan is a new version) and the portal always reads them whole.
export const m0070: Migration = {
  version: 70,
  name: 'dossier',
  sql: `
CREATE TABLE dossier_items (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL CHECK (kind IN ('report', 'form', 'notice', 'client_report')),
  occurred_at TEXT NOT NULL,
  title TEXT,
  body TEXT NOT NULL DEFAULT '',
  fields TEXT CHECK (fields IS NULL OR json_valid(fields)),
  author_name TEXT,
  discipline TEXT,
  author_user_id INTEGER REFERENCES users(id),
  sent_to_ehr_at TEXT,
  source TEXT,
  external_id TEXT,
  synced_at TEXT,
  -- a client report names its portal author; every other row comes from the EHR
  CHECK ((kind = 'client_report') = (author_user_id IS NOT NULL)),
  CHECK (kind = 'client_report' OR source IS NOT NULL),
  CHECK (kind = 'client_report' OR sent_to_ehr_at IS NULL),
  CHECK ((kind = 'form') = (fields IS NOT NULL)),
  CHECK ((source IS NULL) = (external_id IS NULL) AND (source IS NULL) = (synced_at IS NULL)),
  CHECK (length(body) <= 20000),
  UNIQUE (source, external_id)
);
CREATE INDEX dossier_items_client_time ON dossier_items(client_id, occurred_at, id);
CREATE INDEX dossier_items_client_synced ON dossier_items(client_id, synced_at);
-- the nightly push (issue 6) finds the client reports still to send without touching the EHR rows
CREATE INDEX dossier_items_unsent ON dossier_items(id) WHERE kind = 'client_report' AND sent_to_ehr_at IS NULL;

CREATE TABLE care_plans (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  title TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  content TEXT NOT NULL CHECK (json_valid(content)),
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  UNIQUE (source, external_id, version)
);
CREATE INDEX care_plans_client_valid ON care_plans(client_id, valid_from);
CREATE INDEX care_plans_client_synced ON care_plans(client_id, synced_at);
`,
};
