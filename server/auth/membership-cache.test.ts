import { describe, expect, it } from 'vitest';
import { tempDatabase } from '../test-support/temp-db.ts';
import { readCacheVersions } from '../db/repos/sessions.ts';
import { setAccessUntil, setRights } from '../db/repos/memberships.ts';
import { membershipOf } from './membership-cache.ts';
import type { Authenticated } from './sessions.ts';

const NOW = new Date('2026-11-22T10:00:00Z');

// Two handles on one file: `db` is the server's, `other` stands for another process (the admin CLI).

function world() {
  const { db, open } = tempDatabase('membership-cache');
  const other = open();
  const user = (username: string, mobile: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO users (username, display_name, email, mobile, kind, password_hash, created_at)
           VALUES (?, ?, 'x@example.nl', ?, 'contact', 'h', 't')`,
        )
        .run(username, username, mobile).lastInsertRowid,
    );
  const annie = user('annie', '+31687654321');
  const clientId = Number(
    db.prepare(`INSERT INTO clients (display_name, created_at) VALUES ('Truus van Dorp', 't')`).run().lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO client_members (client_id, user_id, role, relation, created_at) VALUES (?, ?, 'contact', 'Dochter', 't')`,
  ).run(clientId, annie);
  /** What authenticate() hands the routes: the client's data version read along with the session. */
  const auth = (forClient: number | null): Authenticated => ({
    user: { id: annie } as Authenticated['user'],
    sessionId: 1,
    deviceId: null,
    info: { idleExpiresAt: '', absoluteExpiresAt: '' },
    clientVersion:
      forClient === null ? null : { clientId: forClient, dataVersion: readCacheVersions(db, forClient).client },
  });
  return { db, other, annie, clientId, auth };
}

describe('membership cache', () => {
  it('serves the same membership while the client data version stands still', () => {
    const w = world();
    const first = membershipOf(w.db, w.auth(w.clientId), w.clientId, NOW);
    expect(first?.rights.appointments).toBe(false);
    expect(membershipOf(w.db, w.auth(w.clientId), w.clientId, NOW)).toBe(first);
  });

  it('a right ticked by another process counts from the next request', () => {
    const w = world();
    membershipOf(w.db, w.auth(w.clientId), w.clientId, NOW);
    setRights(w.other, w.clientId, w.annie, { appointments: true });
    expect(membershipOf(w.db, w.auth(w.clientId), w.clientId, NOW)?.rights.appointments).toBe(true);
    w.other.prepare('DELETE FROM client_members WHERE user_id = ?').run(w.annie);
    expect(membershipOf(w.db, w.auth(w.clientId), w.clientId, NOW)).toBeNull();
  });

  it('a stale version (read before a change) is never trusted for a later change', () => {
    const w = world();
    const before = w.auth(w.clientId); // version read now, as at the start of a request
    membershipOf(w.db, before, w.clientId, NOW);
    setRights(w.other, w.clientId, w.annie, { dossier: true });
    // The request that started before the change may still see the old rights; the next one sees the new.
    expect(membershipOf(w.db, w.auth(w.clientId), w.clientId, NOW)?.rights.dossier).toBe(true);
  });

  it('reads the database when the request named no client or another one, and for a stranger', () => {
    const w = world();
    membershipOf(w.db, w.auth(w.clientId), w.clientId, NOW);
    // Changed on the same row without raising the version: only a real read can see it.
    w.db.exec('DROP TRIGGER client_members_version_update');
    w.db.prepare(`UPDATE client_members SET relation = 'Zus' WHERE user_id = ?`).run(w.annie);
    expect(membershipOf(w.db, w.auth(w.clientId), w.clientId, NOW)?.relation).toBe('Dochter'); // cached
    expect(membershipOf(w.db, w.auth(null), w.clientId, NOW)?.relation).toBe('Zus');
    expect(membershipOf(w.db, w.auth(w.clientId + 1), w.clientId, NOW)?.relation).toBe('Zus');
    expect(membershipOf(w.db, w.auth(w.clientId + 1), w.clientId + 1, NOW)).toBeNull();
  });

  it('an end date of access counts at once, also for a cached membership, though no row changed', () => {
    const w = world();
    setAccessUntil(w.db, w.clientId, w.annie, '2026-11-23T00:00:00.000Z');
    const auth = w.auth(w.clientId);
    expect(membershipOf(w.db, auth, w.clientId, NOW)?.accessUntil).toBe('2026-11-23T00:00:00.000Z');
    const later = new Date('2026-11-23T00:00:00.000Z');
    expect(membershipOf(w.db, auth, w.clientId, later)).toBeNull(); // from the cache
    expect(membershipOf(w.db, w.auth(null), w.clientId, later)).toBeNull(); // from the database
    expect(membershipOf(w.db, w.auth(null), w.clientId, NOW)).not.toBeNull();
  });
});
