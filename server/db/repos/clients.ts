import type { Db } from '../open.ts';

export type MemberRole = 'client' | 'representative' | 'contact';

export interface NewMember {
  clientId: number;
  userId: number;
  role: MemberRole;
  relation: string | null;
  locked: boolean;
  /** Every section right at once; fine-grained rights are managed in the permission grid. */
  allRights: boolean;
  createdAt: string;
}

export function insertClient(db: Db, userId: number | null, displayName: string, createdAt: string): number {
  const r = db
    .prepare('INSERT INTO clients (user_id, display_name, created_at) VALUES (?, ?, ?)')
    .run(userId, displayName, createdAt);
  return Number(r.lastInsertRowid);
}

export function insertMember(db: Db, m: NewMember): void {
  const v = m.allRights ? 1 : 0;
  db.prepare(
    `INSERT INTO client_members (client_id, user_id, role, relation, locked, right_messages, right_appointments,
       right_dossier, right_data, right_settings, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(m.clientId, m.userId, m.role, m.relation, m.locked ? 1 : 0, v, v, v, v, v, m.createdAt);
}

export function findClientByUserId(db: Db, userId: number): { id: number; displayName: string } | null {
  const r = db.prepare('SELECT id, display_name FROM clients WHERE user_id = ?').get(userId) as
    { id: number; display_name: string } | undefined;
  return r ? { id: r.id, displayName: r.display_name } : null;
}
