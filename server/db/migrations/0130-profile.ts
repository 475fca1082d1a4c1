import type { Migration } from '../migrate.ts';

// The user's own settings (issue 4 §5): language, large text, the opt-in e-mail notice of new messages, and his own
// photo. Devices already keep name (label), type (kind) and first/last use since 0020, so they need nothing here.
//
// Preferences are columns of users: they belong to one user and are read with him. An update of users raises
// auth_version (0100), which empties the session cache once; changing a preference is rare enough for that.
// The photo has a table of its own: the session lookup reads users rows on every cache miss and should not drag a
// BLOB along.
//
// A member's photo may appear on the client data views of every client he belongs to (names and photos of the
// network), so a photo change raises the data version of those clients, like a rename does (0100).
//
// message_notices remembers the last notice mail per user: while it is still unsent no second one is queued, so a
// busy thread does not flood the inbox (the mail says nothing but "there is a new message" anyway).
const bumpMemberClients = (row: 'NEW' | 'OLD') =>
  `UPDATE clients SET data_version = data_version + 1
     WHERE id IN (SELECT client_id FROM client_members WHERE user_id = ${row}.user_id);`;

export const m0130: Migration = {
  version: 130,
  name: 'profile',
  sql: `
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en'));
ALTER TABLE users ADD COLUMN large_text INTEGER NOT NULL DEFAULT 0 CHECK (large_text IN (0, 1));
ALTER TABLE users ADD COLUMN notify_new_messages INTEGER NOT NULL DEFAULT 0 CHECK (notify_new_messages IN (0, 1));

CREATE TABLE user_photos (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  data BLOB NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  updated_at TEXT NOT NULL
);
CREATE TRIGGER user_photos_version_insert AFTER INSERT ON user_photos BEGIN ${bumpMemberClients('NEW')} END;
CREATE TRIGGER user_photos_version_update AFTER UPDATE ON user_photos BEGIN
  ${bumpMemberClients('NEW')} END;
CREATE TRIGGER user_photos_version_delete AFTER DELETE ON user_photos BEGIN ${bumpMemberClients('OLD')} END;

CREATE TABLE message_notices (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  outbox_id INTEGER NOT NULL REFERENCES outbox(id)
);
`,
};
