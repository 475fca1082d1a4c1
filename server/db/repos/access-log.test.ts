import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open.ts';
import { insertClient, insertMember } from './clients.ts';
import { appendAudit } from './audit-log.ts';
import { listAccessLog } from './access-log.ts';

let db: Db;
let clientId: number;
let otherClientId: number;
const TRUUS = 1;
const ANNIE = 2;

function log(action: string, at: string, o: { userId?: number; outcome?: 'success' | 'denied'; client?: number } = {}) {
  appendAudit(db, {
    at,
    userId: o.userId ?? ANNIE,
    username: null,
    clientId: o.client ?? clientId,
    actingFor: null,
    action,
    resource: null,
    outcome: o.outcome ?? 'success',
    ip: null,
    device: null,
    detail: null,
  });
}

beforeEach(() => {
  db = openDatabase(':memory:');
  const user = db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'h', 't')`,
  );
  user.run(TRUUS, 'truus', 'Truus van Dorp', 't@example.nl', '+31612345678', 'client');
  user.run(ANNIE, 'annie', 'Annie van Dorp', 'a@example.nl', '+31687654321', 'contact');
  clientId = insertClient(db, TRUUS, 'Truus van Dorp', 't');
  otherClientId = insertClient(db, null, 'Kees Jansen', 't');
  const member = { locked: false, allRights: false, createdAt: 't' };
  insertMember(db, { ...member, clientId, userId: TRUUS, role: 'client', relation: null });
  insertMember(db, { ...member, clientId, userId: ANNIE, role: 'contact', relation: 'Eerste relatie/contactpersoon' });
});

const range = ['2026-11-01T00:00:00.000Z', '2026-11-30T23:59:59.999Z'] as const;

describe('access log repo', () => {
  it('lists successful client-data actions of every section, newest first, with name, role and relation', () => {
    log('home.read', '2026-11-20T10:00:00.000Z');
    log('appointments.read', '2026-11-20T10:01:00.000Z');
    log('messages.read', '2026-11-20T10:02:00.000Z', { userId: TRUUS });
    log('board.react', '2026-11-20T10:03:00.000Z');
    const { entries, truncated } = listAccessLog(db, clientId, ...range, 10);
    expect(entries.map((e) => e.action)).toEqual(['board.react', 'messages.read', 'appointments.read', 'home.read']);
    expect(entries[0]).toEqual({
      at: '2026-11-20T10:03:00.000Z',
      userId: ANNIE,
      userName: 'Annie van Dorp',
      role: 'contact',
      relation: 'Eerste relatie/contactpersoon',
      action: 'board.react',
    });
    expect(entries[1]).toMatchObject({ userName: 'Truus van Dorp', role: 'client', relation: null });
    expect(truncated).toBe(false);
  });

  it('leaves out refusals, other clients, the period outside, this list itself and account events', () => {
    log('appointments.read', '2026-11-20T10:00:00.000Z', { outcome: 'denied' });
    log('appointments.read', '2026-11-20T10:00:00.000Z', { client: otherClientId });
    log('appointments.read', '2026-10-31T23:59:59.999Z');
    log('appointments.read', '2026-12-01T00:00:00.000Z');
    for (const action of ['access-log.read', 'admin.member-rights', 'account.create', 'login', 'password.change']) {
      log(action, '2026-11-20T10:00:00.000Z');
    }
    log('dossier.read', '2026-11-01T00:00:00.000Z');
    expect(listAccessLog(db, clientId, ...range, 10).entries.map((e) => e.action)).toEqual(['dossier.read']);
  });

  it('returns the newest `limit` rows and says there were more', () => {
    for (let i = 0; i < 5; i++) log('appointments.read', `2026-11-2${i}T10:00:00.000Z`);
    const { entries, truncated } = listAccessLog(db, clientId, ...range, 3);
    expect(entries.map((e) => e.at)).toEqual([
      '2026-11-24T10:00:00.000Z',
      '2026-11-23T10:00:00.000Z',
      '2026-11-22T10:00:00.000Z',
    ]);
    expect(truncated).toBe(true);
    expect(listAccessLog(db, clientId, ...range, 5).truncated).toBe(false);
  });
});
