import type { Migration } from '../migrate.ts';

// NEN 7513 audit log. Append-only: the triggers refuse every UPDATE and DELETE, so not even a bug in our own code
// can rewrite history. Times are UTC ISO strings.
export const m0030: Migration = {
  version: 30,
  name: 'audit-log',
  sql: `
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
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
CREATE INDEX audit_log_client_at ON audit_log(client_id, at);
CREATE INDEX audit_log_user_at ON audit_log(user_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
};
