import type { Db } from '../open.ts';
import type { MemberRole, Rights } from '../../../shared/sections.ts';

export interface Membership {
  clientId: number;
  clientName: string;
  userId: number;
  role: MemberRole;
  relation: string | null;
  locked: boolean;
  rights: Rights;
  /** The client's data version (migration 0100): it moves whenever any of the client's data changes. */
  dataVersion: number;
}

interface MembershipRow {
  client_id: number;
  client_name: string;
  user_id: number;
  role: MemberRole;
  relation: string | null;
  locked: number;
  right_messages: number;
  right_appointments: number;
  right_dossier: number;
  right_data: number;
  right_settings: number;
  data_version: number;
}

function rowToMembership(r: MembershipRow): Membership {
  // The client himself and his legal representative always hold every right (DESIGN §3: they carry the lock).
  const all = r.role === 'client' || r.role === 'representative';
  return {
    clientId: r.client_id,
    clientName: r.client_name,
    userId: r.user_id,
    role: r.role,
    relation: r.relation,
    locked: r.locked === 1,
    rights: {
      messages: all || r.right_messages === 1,
      appointments: all || r.right_appointments === 1,
      dossier: all || r.right_dossier === 1,
      data: all || r.right_data === 1,
      settings: all || r.right_settings === 1,
    },
    dataVersion: r.data_version,
  };
}

const SELECT = `SELECT m.*, c.display_name AS client_name, c.data_version FROM client_members m JOIN clients c ON c.id = m.client_id`;

/*
 * Every client route starts here, so it is written for speed: the client's columns as subqueries on the primary key.
 * As a JOIN the same lookup took about five times as long on a large database (the planner prepares the join for
 * many rows, though the key allows one).
 */
const FIND = `SELECT m.*,
  (SELECT display_name FROM clients WHERE id = m.client_id) AS client_name,
  (SELECT data_version FROM clients WHERE id = m.client_id) AS data_version
  FROM client_members m WHERE m.client_id = ? AND m.user_id = ?`;

export function findMembership(db: Db, clientId: number, userId: number): Membership | null {
  const r = db.prepare(FIND).get(clientId, userId) as MembershipRow | undefined;
  return r ? rowToMembership(r) : null;
}

/** Every client whose network the user belongs to, alphabetically by the client's name. */
export function listMembershipsOfUser(db: Db, userId: number): Membership[] {
  return (
    db
      .prepare(`${SELECT} WHERE m.user_id = ? ORDER BY c.display_name COLLATE NOCASE, c.id`)
      .all(userId) as MembershipRow[]
  ).map(rowToMembership);
}

const RIGHT_COLUMN = {
  messages: 'right_messages',
  appointments: 'right_appointments',
  dossier: 'right_dossier',
  data: 'right_data',
  settings: 'right_settings',
} as const satisfies Record<keyof Rights, string>;

/** Sets the given rights of one member (the permission grid); the column names come from the fixed map above. */
export function setRights(db: Db, clientId: number, userId: number, rights: Partial<Rights>): void {
  for (const [section, on] of Object.entries(rights) as [keyof Rights, boolean][]) {
    db.prepare(`UPDATE client_members SET ${RIGHT_COLUMN[section]} = ? WHERE client_id = ? AND user_id = ?`).run(
      on ? 1 : 0,
      clientId,
      userId,
    );
  }
}
