import type { Migration } from '../migrate.ts';

// The agenda (DESIGN §3 "Mijn afspraken"). Care appointments come from the EHR: they carry source, external id and
// sync time (DESIGN §5) and are read-only in the portal. The network's own appointments (visit, call, other) have
// no source and name the user who made them. Rows are soft-deleted so the audit trail can still point at them.
export const m0050: Migration = {
  version: 50,
  name: 'appointments',
  sql: `
CREATE TABLE staff_members (
  id INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT,
  photo BLOB,
  photo_type TEXT CHECK (photo_type IN ('image/png', 'image/jpeg')),
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  CHECK ((photo IS NULL) = (photo_type IS NULL)),
  -- a thumbnail: it travels inline in every appointment item as a data: URL
  CHECK (photo IS NULL OR length(photo) <= 65536),
  UNIQUE (source, external_id)
);

CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  kind TEXT NOT NULL CHECK (kind IN ('care', 'visit', 'call', 'other')),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  description TEXT NOT NULL,
  location TEXT,
  staff_member_id INTEGER REFERENCES staff_members(id),
  created_by_user_id INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  source TEXT,
  external_id TEXT,
  synced_at TEXT,
  deleted_at TEXT,
  CHECK (ends_at > starts_at),
  -- care rows are exactly the EHR rows; the network's own rows never pretend to come from the EHR
  CHECK ((kind = 'care') = (source IS NOT NULL)),
  CHECK ((source IS NULL) = (external_id IS NULL) AND (source IS NULL) = (synced_at IS NULL)),
  UNIQUE (source, external_id)
);
CREATE INDEX appointments_client_start ON appointments(client_id, starts_at);
CREATE INDEX appointments_staff ON appointments(staff_member_id);
`,
};
