import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open.ts';
import { migrate } from './migrate.ts';
import { appendAudit, listAuditForUser } from './repos/audit-log.ts';
import { listAccessLog } from './repos/access-log.ts';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const COLUMNS = 'id, at, user_id, username, client_id, acting_for, action, resource, outcome, ip, device, detail';

function atVersion150(): Db {
  const db = openDatabase(':memory:', { migrate: false });
  opened.push(db);
  migrate(db, 150);
  const insert = db.prepare(
    `INSERT INTO audit_entries (${COLUMNS}) VALUES (?, ?, ?, NULL, ?, NULL, ?, NULL, 'success', NULL, NULL, NULL)`,
  );
  insert.run(1, '2026-01-01T08:00:00.000Z', 3, 1, 'home.read');
  insert.run(2, '2026-01-05T08:00:00.000Z', 4, 1, 'dossier.read');
  insert.run(3, '2026-01-10T08:00:00.000Z', 3, 2, 'messages.read');
  return db;
}

const entry = (at: string, userId: number, action: string) => ({
  at,
  userId,
  username: null,
  clientId: 1,
  actingFor: null,
  action,
  resource: null,
  outcome: 'success' as const,
  ip: null,
  device: null,
  detail: null,
});

const plan = (db: Db, sql: string, ...args: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail);
const rows = (db: Db) => db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`).all();

describe('0160 audit log indexed by time instead of by user', () => {
  it('keeps every row and swaps the index by user for one by time', () => {
    const db = atVersion150();
    const before = rows(db);
    expect(migrate(db, 160)).toBe(160);
    expect(rows(db)).toEqual(before);
    const indexes = db.prepare(`SELECT name FROM pragma_index_list('audit_entries') ORDER BY name`).all();
    expect(indexes).toEqual([{ name: 'audit_entries_at' }, { name: 'audit_log_client_at' }]);
    // still append-only
    expect(() => db.prepare('DELETE FROM audit_entries WHERE id = 1').run()).toThrow(/append-only/);
  });

  it("one user's actions in a period, newest first, from both parts of the log, through the index by time", () => {
    const db = atVersion150();
    migrate(db, 160);
    appendAudit(db, entry('2026-01-12T08:00:00.000Z', 3, 'agenda.read')); // not yet moved: audit_recent
    appendAudit(db, entry('2026-02-01T08:00:00.000Z', 3, 'details.read')); // after the period
    const actions = (from: string, to: string, limit?: number) =>
      listAuditForUser(db, 3, from, to, limit).map((e) => `${e.at.slice(0, 10)} ${e.action}`);
    expect(actions('2026-01-01T00:00:00.000Z', '2026-01-31T23:59:59.999Z')).toEqual([
      '2026-01-12 agenda.read',
      '2026-01-10 messages.read',
      '2026-01-01 home.read',
    ]);
    expect(actions('2026-01-02T00:00:00.000Z', '2026-01-31T23:59:59.999Z', 1)).toEqual(['2026-01-12 agenda.read']);
    expect(actions('2026-01-02T00:00:00.000Z', '2026-01-09T00:00:00.000Z')).toEqual([]); // user 4's row is not his

    const userPlan = plan(
      db,
      'SELECT * FROM audit_log WHERE user_id = ? AND at >= ? AND at <= ? ORDER BY at DESC, id DESC LIMIT ?',
      3,
      '2026-01-01',
      '2026-02-01',
      100,
    ).join('; ');
    expect(userPlan).toMatch(/SEARCH audit_entries USING INDEX audit_entries_at \(at>\? AND at<\?\)/);
    expect(userPlan).not.toMatch(/SCAN audit_entries/);
  });

  it("the client's access log still reads its own index", () => {
    const db = atVersion150();
    migrate(db, 160);
    const accessPlan = plan(db, 'SELECT * FROM audit_entries WHERE client_id = ? AND at >= ? AND at <= ?', 1, 'a', 'b');
    expect(accessPlan.join('; ')).toMatch(/USING INDEX audit_log_client_at \(client_id=\? AND at>\? AND at<\?\)/);
    db.prepare(
      `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
      VALUES (4, 'annie', 'Annie van Dorp', 'a@example.nl', '+31612345679', 'contact', 'h', 't')`,
    ).run();
    const log = listAccessLog(db, 1, '2026-01-01T00:00:00.000Z', '2026-01-31T00:00:00.000Z', 10);
    expect(log.entries.map((e) => e.at)).toEqual(['2026-01-05T08:00:00.000Z']);
  });
});
