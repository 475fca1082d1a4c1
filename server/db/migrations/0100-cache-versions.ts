import type { Migration } from '../migrate.ts';

// Version numbers that let the server keep hot answers in memory and still never serve a stale one.
//
// auth_version.version rises whenever a session is ended or a user row changes (password, name, flags): the session
// cache (auth/session-cache.ts) checks it on every request, so a logout, a reset or an admin CLI change in another
// process counts from the next request, exactly as without the cache. Seeing a session again only moves its
// last_seen_at, which does not count.
//
// clients.data_version: a version number per client that every change of that client's data raises, kept by triggers so that no write path
// can forget it: the portal's own use cases, the admin CLI running beside the server, and the EHR sync alike. The
// home screen caches its panels per client and user and rebuilds them only when this number has moved (issue 3 §7).
// The membership lookup that every client route does reads it along (repos/memberships.ts).

/** Tables holding one client's rows in a client_id column; each change of a row raises that client's version. */
export const CLIENT_SCOPED_TABLES = [
  'client_members',
  'appointments',
  'message_threads',
  'messages',
  'message_unread',
  'dossier_items',
  'care_plans',
  'client_details',
  'client_contacts',
  'board_photos',
  'board_posts',
] as const;

/** Tables with a client_id column whose rows are not the client's data shown on a panel. */
// audit_log is a table until migration 0110, which splits it into audit_entries and audit_recent behind a view.
// invitations (0120) grant nothing until accepted, which inserts a client_members row (that one raises the version).
// ehr_links (0150) only say which EHR identity a client has; the next run that brings his data raises the version.
export const NOT_CLIENT_DATA = ['audit_log', 'audit_entries', 'audit_recent', 'invitations', 'ehr_links'] as const;

const bump = (clientIdExpr: string) =>
  `UPDATE clients SET data_version = data_version + 1 WHERE id IN (${clientIdExpr});`;

/** `clientsOf(rows)`: the content of an IN list naming the clients of the given trigger rows (NEW, OLD or both). */
function rowTriggers(table: string, clientsOf: (rows: string[]) => string): string {
  return `
CREATE TRIGGER ${table}_version_insert AFTER INSERT ON ${table} BEGIN ${bump(clientsOf(['NEW']))} END;
CREATE TRIGGER ${table}_version_update AFTER UPDATE ON ${table} BEGIN ${bump(clientsOf(['NEW', 'OLD']))} END;
CREATE TRIGGER ${table}_version_delete AFTER DELETE ON ${table} BEGIN ${bump(clientsOf(['OLD']))} END;`;
}

const viaParent = (parent: string, column: string) => (rows: string[]) =>
  `SELECT client_id FROM ${parent} WHERE id IN (${rows.map((r) => `${r}.${column}`).join(', ')})`;

const bumpAuth = 'UPDATE auth_version SET version = version + 1;';

const sql = [
  `CREATE TABLE auth_version (version INTEGER NOT NULL);
   INSERT INTO auth_version (version) VALUES (0);
   CREATE TRIGGER sessions_auth_version_end AFTER UPDATE OF revoked_at, user_id, token_hash, absolute_expires_at ON sessions
     BEGIN ${bumpAuth} END;
   CREATE TRIGGER sessions_auth_version_delete AFTER DELETE ON sessions BEGIN ${bumpAuth} END;
   CREATE TRIGGER users_auth_version_update AFTER UPDATE ON users BEGIN ${bumpAuth} END;
   CREATE TRIGGER users_auth_version_delete AFTER DELETE ON users BEGIN ${bumpAuth} END;`,
  'ALTER TABLE clients ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;',
  ...CLIENT_SCOPED_TABLES.map((t) => rowTriggers(t, (rows) => rows.map((r) => `${r}.client_id`).join(', '))),
  // rows that reach their client through a parent row
  rowTriggers('message_participants', viaParent('message_threads', 'thread_id')),
  rowTriggers('board_reactions', viaParent('board_posts', 'post_id')),
  // shared rows whose names or photos appear on the panels of every client they belong to
  `CREATE TRIGGER clients_version_name AFTER UPDATE OF display_name, user_id ON clients BEGIN ${bump('NEW.id')} END;`,
  // A user's name also shows where he is no longer a member (messages, posts, appointments he made), and renames
  // are rare: every client's answers are rebuilt.
  `CREATE TRIGGER users_version_name AFTER UPDATE OF display_name ON users BEGIN
     UPDATE clients SET data_version = data_version + 1; END;`,
  `CREATE TRIGGER staff_members_version AFTER UPDATE ON staff_members BEGIN
     ${bump('SELECT client_id FROM appointments WHERE staff_member_id = NEW.id')} END;`,
].join('\n');

export const m0100: Migration = { version: 100, name: 'cache-versions', sql };
