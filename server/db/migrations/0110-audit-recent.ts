import type { Migration } from '../migrate.ts';

// The audit log in two parts, read as one (the view audit_log, with the same columns as before).
//
// Every visit writes an audit row (NEN 7513), and adding a row to the two indexed parts of the log touches index
// pages of that client and that user: at a few thousand visits a second those page writes cost more than the
// visit itself. So new rows go to audit_recent, which has no index besides its id (an append to its last page),
// and a background worker (db/background-maintenance.ts) moves them every second, many at once and in one
// transaction each, into audit_entries with the indexes the access-log queries use. Both parts are append-only: a
// row can leave audit_recent only once it is in audit_entries, under the same id (AUTOINCREMENT keeps ids rising).
export const m0110: Migration = {
  version: 110,
  name: 'audit-recent',
  sql: `
ALTER TABLE audit_log RENAME TO audit_entries;

CREATE TABLE audit_recent (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  client_id INTEGER,
  acting_for INTEGER,
  action TEXT NOT NULL,
  resource TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  ip TEXT,
  device TEXT,
  detail TEXT
);
-- new ids continue after the rows already in the log
INSERT INTO sqlite_sequence (name, seq) VALUES ('audit_recent', (SELECT COALESCE(MAX(id), 0) FROM audit_entries));

-- INSERT OR REPLACE with an existing id would rewrite a row without firing a DELETE trigger: refused in both parts.
CREATE TRIGGER audit_entries_no_replace BEFORE INSERT ON audit_entries
WHEN EXISTS (SELECT 1 FROM audit_entries WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_recent_no_replace BEFORE INSERT ON audit_recent
WHEN EXISTS (SELECT 1 FROM audit_recent WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TRIGGER audit_recent_no_update BEFORE UPDATE ON audit_recent
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_recent_delete_only_moved BEFORE DELETE ON audit_recent
WHEN NOT EXISTS (SELECT 1 FROM audit_entries e WHERE e.id = OLD.id AND e.at = OLD.at AND e.action = OLD.action)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE VIEW audit_log AS
  SELECT id, at, user_id, username, client_id, acting_for, action, resource, outcome, ip, device, detail
  FROM audit_entries
  UNION ALL
  SELECT id, at, user_id, username, client_id, acting_for, action, resource, outcome, ip, device, detail
  FROM audit_recent;

CREATE TRIGGER audit_log_view_insert INSTEAD OF INSERT ON audit_log
BEGIN
  INSERT INTO audit_recent (at, user_id, username, client_id, acting_for, action, resource, outcome, ip, device, detail)
  VALUES (NEW.at, NEW.user_id, NEW.username, NEW.client_id, NEW.acting_for, NEW.action, NEW.resource, NEW.outcome,
          NEW.ip, NEW.device, NEW.detail);
END;
CREATE TRIGGER audit_log_view_no_update INSTEAD OF UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_view_no_delete INSTEAD OF DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
};
