import type { Migration } from '../migrate.ts';

// "Mijn berichten" (DESIGN §3). A thread belongs to one client; its participants are the users who started it or
// received it, and the care team when to_care_team is set. A message is written by a user, or by the care team in
// the EHR (then it carries source, external id and sync time). A user's message to the care team waits in an
// outbox: to_care_team = 1 and sent_to_ehr_at NULL until the sync (a later issue) pushes it.
// Unread state is stored as one row per (user, message) that the user has NOT read yet: the home panel counts
// them through an index, and years of read history cost nothing.
export const m0060: Migration = {
  version: 60,
  name: 'messages',
  sql: `
CREATE TABLE message_threads (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  created_by_user_id INTEGER REFERENCES users(id),
  created_by_care_name TEXT,
  created_at TEXT NOT NULL,
  -- the newest message's time: threads are listed newest first without reading their messages
  last_message_at TEXT NOT NULL,
  to_care_team INTEGER NOT NULL DEFAULT 0 CHECK (to_care_team IN (0, 1)),
  source TEXT,
  external_id TEXT,
  synced_at TEXT,
  CHECK ((created_by_user_id IS NULL) <> (created_by_care_name IS NULL)),
  CHECK ((source IS NULL) = (external_id IS NULL) AND (source IS NULL) = (synced_at IS NULL)),
  CHECK (created_by_care_name IS NULL OR (to_care_team = 1 AND source IS NOT NULL)),
  UNIQUE (source, external_id)
);
CREATE INDEX message_threads_client_last ON message_threads(client_id, last_message_at);

CREATE TABLE message_participants (
  thread_id INTEGER NOT NULL REFERENCES message_threads(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (thread_id, user_id)
) WITHOUT ROWID;
CREATE INDEX message_participants_user ON message_participants(user_id, thread_id);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  thread_id INTEGER NOT NULL REFERENCES message_threads(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  author_user_id INTEGER REFERENCES users(id),
  author_care_name TEXT,
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  sent_at TEXT NOT NULL,
  to_care_team INTEGER NOT NULL DEFAULT 0 CHECK (to_care_team IN (0, 1)),
  sent_to_ehr_at TEXT,
  source TEXT,
  external_id TEXT,
  synced_at TEXT,
  CHECK ((author_user_id IS NULL) <> (author_care_name IS NULL)),
  CHECK ((source IS NULL) = (external_id IS NULL) AND (source IS NULL) = (synced_at IS NULL)),
  -- the care team's messages come from the EHR; only a user's message can wait to be sent there
  CHECK (author_care_name IS NULL OR source IS NOT NULL),
  CHECK (to_care_team = 0 OR author_user_id IS NOT NULL),
  CHECK (sent_to_ehr_at IS NULL OR to_care_team = 1),
  UNIQUE (source, external_id)
);
CREATE INDEX messages_thread_sent ON messages(thread_id, sent_at);
CREATE INDEX messages_client_synced ON messages(client_id, synced_at) WHERE synced_at IS NOT NULL;
CREATE INDEX messages_to_ehr ON messages(id) WHERE to_care_team = 1 AND sent_to_ehr_at IS NULL;

CREATE TABLE message_unread (
  user_id INTEGER NOT NULL REFERENCES users(id),
  message_id INTEGER NOT NULL REFERENCES messages(id),
  thread_id INTEGER NOT NULL REFERENCES message_threads(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  PRIMARY KEY (user_id, message_id)
) WITHOUT ROWID;
CREATE INDEX message_unread_user_client ON message_unread(user_id, client_id, thread_id);
`,
};
