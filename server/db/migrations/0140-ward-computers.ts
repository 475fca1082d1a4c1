import type { Migration } from '../migrate.ts';

// Ward computers (issue 5 §3). A location is a ward or house of the organisation ("De Linde, afdeling 2"); staff
// accounts (users of kind 'staff'; staff_members of 0050 are the EHR's care staff on appointments, without a login)
// and residents belong to one. A ward computer is registered once by a staff member: it then keeps a secret
// in its keychain (stored here only as a hash) and is bound to the staff member's location, so that only staff of that
// location can vouch for a resident's first login on it.
//
// login_attempts.ward_computer_id marks a first login assisted on that computer: the staff member's confirmation
// takes the place of the resident's SMS code, so such an attempt never has an SMS code and never gets one.
export const m0140: Migration = {
  version: 140,
  name: 'ward-computers',
  sql: `
CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 2 AND 120),
  created_at TEXT NOT NULL
);

CREATE TABLE staff_accounts (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  location_id INTEGER NOT NULL REFERENCES locations(id)
);
CREATE INDEX staff_accounts_location ON staff_accounts(location_id);

ALTER TABLE clients ADD COLUMN location_id INTEGER REFERENCES locations(id);

CREATE TABLE ward_computers (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  secret_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  registered_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX ward_computers_location ON ward_computers(location_id);

ALTER TABLE login_attempts ADD COLUMN ward_computer_id INTEGER REFERENCES ward_computers(id);
`,
};
