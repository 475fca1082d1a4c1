import { describe, expect, it } from 'vitest';
import type { Db } from '../db/open.ts';
import { tempDatabase } from '../test-support/temp-db.ts';
import { insertSession, readCacheVersions, revokeSession } from '../db/repos/sessions.ts';
import { findLiveSession, noteSessionSeen } from './session-cache.ts';

/** As authenticate() does: the version first, then the lookup. */
const live = (db: Db, hash: string) => findLiveSession(db, hash, readCacheVersions(db, null).auth);

// Two handles on one file: `db` is the server's, `other` stands for another process (the admin CLI, a second server).

function world() {
  const { db, open } = tempDatabase('session-cache');
  const other = open();
  const userId = Number(
    db
      .prepare(
        `INSERT INTO users (username, display_name, email, mobile, kind, password_hash, must_change_password, created_at)
         VALUES ('truus', 'Truus van Dorp', 't@example.nl', '+31612345678', 'client', 'h', 0, '2026-01-01T09:00:00Z')`,
      )
      .run().lastInsertRowid,
  );
  const session = (tokenHash: string) =>
    insertSession(db, {
      userId,
      tokenHash,
      deviceId: null,
      at: '2026-01-01T10:00:00.000Z',
      absoluteExpiresAt: '2026-01-01T22:00:00.000Z',
      ip: null,
      userAgent: null,
    });
  return { db, other, userId, session };
}

const setLastSeen = (db: Db, id: number, at: string) =>
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, id);

describe('session cache', () => {
  it('serves a found session again without reading the rows', () => {
    const { db, userId, session } = world();
    const id = session('hash-a');
    const first = live(db, 'hash-a');
    expect(first?.session).toMatchObject({ id, userId, lastSeenAt: '2026-01-01T10:00:00.000Z', revokedAt: null });
    expect(first?.user).toMatchObject({ id: userId, displayName: 'Truus van Dorp' });
    // last_seen_at raises no version: a re-read would show the new time, the kept copy shows the old one
    setLastSeen(db, id, '2026-01-01T10:05:00.000Z');
    const again = live(db, 'hash-a');
    expect(again).toBe(first);
    expect(again?.session.lastSeenAt).toBe('2026-01-01T10:00:00.000Z');
  });

  it('sees a revocation made through another connection at the next lookup', () => {
    const { db, other, session } = world();
    const id = session('hash-a');
    expect(live(db, 'hash-a')?.session.revokedAt).toBeNull();
    revokeSession(other, id, '2026-01-01T10:10:00.000Z', 'admin');
    const after = live(db, 'hash-a');
    expect(after?.session.revokedAt).toBe('2026-01-01T10:10:00.000Z');
  });

  it('does not keep a revoked session: every lookup reads it afresh', () => {
    const { db, other, session } = world();
    const id = session('hash-a');
    live(db, 'hash-a');
    revokeSession(other, id, '2026-01-01T10:10:00.000Z', 'logout');
    const first = live(db, 'hash-a');
    expect(first?.session.revokedAt).not.toBeNull();
    setLastSeen(other, id, '2026-01-01T10:20:00.000Z'); // no version change: only a re-read can show it
    const again = live(db, 'hash-a');
    expect(again).not.toBe(first);
    expect(again?.session.lastSeenAt).toBe('2026-01-01T10:20:00.000Z');
  });

  it('sees a change of the user made through another connection', () => {
    const { db, other, userId, session } = world();
    session('hash-a');
    expect(live(db, 'hash-a')?.user.mustChangePassword).toBe(false);
    other
      .prepare(`UPDATE users SET must_change_password = 1, display_name = 'Truus de Vries' WHERE id = ?`)
      .run(userId);
    const after = live(db, 'hash-a');
    expect(after?.user).toMatchObject({ displayName: 'Truus de Vries', mustChangePassword: true });
  });

  it('a change that ends one session lets the other sessions be read afresh but keeps them valid', () => {
    const { db, other, session } = world();
    const a = session('hash-a');
    session('hash-b');
    const b1 = live(db, 'hash-b');
    revokeSession(other, a, '2026-01-01T10:10:00.000Z', 'logout');
    const b2 = live(db, 'hash-b');
    expect(b2).not.toBe(b1);
    expect(b2?.session.revokedAt).toBeNull();
    expect(live(db, 'hash-a')?.session.revokedAt).not.toBeNull();
  });

  it('an unknown hash gives null, and is not remembered as unknown', () => {
    const { db, other, userId } = world();
    expect(live(db, 'hash-new')).toBeNull();
    // a sign-in handled by another process: inserting a session raises no version
    insertSession(other, {
      userId,
      tokenHash: 'hash-new',
      deviceId: null,
      at: '2026-01-01T10:00:00.000Z',
      absoluteExpiresAt: '2026-01-01T22:00:00.000Z',
      ip: null,
      userAgent: null,
    });
    expect(live(db, 'hash-new')?.session.userId).toBe(userId);
  });

  it('noteSessionSeen moves the kept copy’s last-seen time (the idle rule counts from it)', () => {
    const { db, session } = world();
    const id = session('hash-a');
    live(db, 'hash-a');
    setLastSeen(db, id, '2026-01-01T10:01:00.000Z');
    noteSessionSeen(db, 'hash-a', '2026-01-01T10:01:00.000Z');
    expect(live(db, 'hash-a')?.session.lastSeenAt).toBe('2026-01-01T10:01:00.000Z');
    // a hash not kept is left alone (nothing to update, nothing added)
    noteSessionSeen(db, 'hash-none', '2026-01-01T10:01:00.000Z');
    expect(live(db, 'hash-none')).toBeNull();
  });

  it('each database handle keeps its own copies', () => {
    const { db, other, session } = world();
    const id = session('hash-a');
    const mine = live(db, 'hash-a');
    setLastSeen(db, id, '2026-01-01T10:05:00.000Z');
    // the other handle never saw the session: it reads the row as it is now
    expect(live(other, 'hash-a')?.session.lastSeenAt).toBe('2026-01-01T10:05:00.000Z');
    expect(live(db, 'hash-a')).toBe(mine);
  });
});
