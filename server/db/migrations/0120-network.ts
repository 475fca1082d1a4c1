import type { Migration } from '../migrate.ts';

// The client's network (issue 4): invitations by e-mail, and an optional end date on a membership.
//
// An invitation is addressed to an e-mail address (email_key: trimmed and lower-cased, what matching uses) and carries
// what the inviter typed: name, relation, and the mobile number that will receive the SMS code. The link token has
// 256 bits and only its hash is kept (like reset links). Expiry is a time, not a status: a pending invitation past
// expires_at is "verlopen" without any job having to touch it. At most one pending invitation per client and address.
//
// invitations is not client data shown on a panel and grants nothing by itself (accepting one inserts the
// client_members row, whose triggers raise the client's data version): it is listed in NOT_CLIENT_DATA of 0100.
//
// client_members.access_until: the instant a contact's access stops by itself (null: no end). The existing
// client_members triggers fire on any UPDATE, so setting it raises the data version like a change of rights.
export const m0120: Migration = {
  version: 120,
  name: 'network',
  sql: `
ALTER TABLE client_members ADD COLUMN access_until TEXT;

CREATE TABLE invitations (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  email TEXT NOT NULL,
  email_key TEXT NOT NULL CHECK (email_key = lower(trim(email_key)) AND email_key <> ''),
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  relation TEXT NOT NULL,
  mobile TEXT NOT NULL CHECK (mobile GLOB '+316[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  expires_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  accepted_user_id INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  decided_at TEXT,
  CHECK ((status = 'accepted') = (accepted_user_id IS NOT NULL))
);
CREATE UNIQUE INDEX invitations_one_pending ON invitations(client_id, email_key) WHERE status = 'pending';
CREATE INDEX invitations_client ON invitations(client_id, id);
CREATE INDEX invitations_pending_email ON invitations(email_key) WHERE status = 'pending';
`,
};
