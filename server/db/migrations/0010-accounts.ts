import type { Migration } from '../migrate.ts';

// Users, the clients they may see, and each person's place in a client's network. Rights are columns, one per
// section of the permission grid (Berichten, Afspraken, Dossier, Gegevens, Instellingen).
export const m0010: Migration = {
  version: 10,
  name: 'accounts',
  sql: `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  mobile TEXT NOT NULL CHECK (mobile GLOB '+316[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  kind TEXT NOT NULL CHECK (kind IN ('client', 'contact', 'staff')),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
  password_changed_at TEXT,
  last_login_at TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  user_id INTEGER UNIQUE REFERENCES users(id),
  display_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE client_members (
  client_id INTEGER NOT NULL REFERENCES clients(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('client', 'representative', 'contact')),
  relation TEXT,
  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  right_messages INTEGER NOT NULL DEFAULT 0 CHECK (right_messages IN (0, 1)),
  right_appointments INTEGER NOT NULL DEFAULT 0 CHECK (right_appointments IN (0, 1)),
  right_dossier INTEGER NOT NULL DEFAULT 0 CHECK (right_dossier IN (0, 1)),
  right_data INTEGER NOT NULL DEFAULT 0 CHECK (right_data IN (0, 1)),
  right_settings INTEGER NOT NULL DEFAULT 0 CHECK (right_settings IN (0, 1)),
  created_at TEXT NOT NULL,
  PRIMARY KEY (client_id, user_id)
);
CREATE INDEX client_members_user ON client_members(user_id);
`,
};
