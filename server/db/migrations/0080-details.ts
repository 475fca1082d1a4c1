import type { Migration } from '../migrate.ts';

// "Mijn gegevens" (DESIGN §3). The client's personal data and contacts come from the EHR: they carry source,
// external id and sync time and are read-only in the portal. The Prikbord is the portal's own: posts (text and/or a
// photo, optionally a mood smiley), reactions, and uploaded photos — stored re-encoded, never the uploaded bytes.
// Pending changes of a user's own mobile number or e-mail keep only a hash of the SMS code or link token.
export const m0080: Migration = {
  version: 80,
  name: 'details',
  sql: `
CREATE TABLE client_details (
  client_id INTEGER PRIMARY KEY REFERENCES clients(id),
  full_name TEXT NOT NULL,
  birth_date TEXT CHECK (birth_date IS NULL OR birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  address TEXT,
  postal_code TEXT,
  city TEXT,
  phone TEXT,
  client_number TEXT,
  location TEXT,
  ward TEXT,
  photo BLOB,
  photo_type TEXT CHECK (photo_type IN ('image/png', 'image/jpeg')),
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  CHECK ((photo IS NULL) = (photo_type IS NULL)),
  UNIQUE (source, external_id)
);

CREATE TABLE client_contacts (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  name TEXT NOT NULL,
  relation TEXT,
  phone TEXT,
  email TEXT,
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  UNIQUE (source, external_id)
);
CREATE INDEX client_contacts_client ON client_contacts(client_id);

CREATE TABLE board_photos (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  uploaded_by_user_id INTEGER NOT NULL REFERENCES users(id),
  data BLOB NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
  created_at TEXT NOT NULL
);
CREATE INDEX board_photos_client ON board_photos(client_id);

CREATE TABLE board_posts (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  author_user_id INTEGER NOT NULL REFERENCES users(id),
  text TEXT NOT NULL CHECK (length(text) <= 1000),
  photo_id INTEGER UNIQUE REFERENCES board_photos(id),
  mood TEXT CHECK (mood IN ('happy', 'okay', 'sad', 'tired')),
  created_at TEXT NOT NULL,
  deleted_at TEXT,
  CHECK (text <> '' OR photo_id IS NOT NULL)
);
CREATE INDEX board_posts_client ON board_posts(client_id, id);

CREATE TABLE board_reactions (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES board_posts(id),
  author_user_id INTEGER NOT NULL REFERENCES users(id),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX board_reactions_post ON board_reactions(post_id);

CREATE TABLE contact_changes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('mobile', 'email')),
  new_value TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  expires_at TEXT NOT NULL,
  tries INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  used_at TEXT,
  CHECK (kind <> 'mobile' OR new_value GLOB '+316[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')
);
CREATE INDEX contact_changes_user ON contact_changes(user_id, kind, id);
`,
};
