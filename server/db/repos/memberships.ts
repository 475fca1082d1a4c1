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
  /** The instant the member's access stops by itself (issue 4 §1), or null. Past it, findMembership gives null. */
  accessUntil: string | null;
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
  access_until: string | null;
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
    accessUntil: r.access_until,
    dataVersion: r.data_version,
  };
}

/** Past its end date a membership grants nothing ("verlopen"); the row stays so the client sees it in the grid. */
export function accessEnded(m: Pick<Membership, 'accessUntil'>, now: Date): boolean {
  return m.accessUntil !== null && now.getTime() >= Date.parse(m.accessUntil);
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

/** The membership that gives access now: null for a stranger and for a contact whose end date has passed. */
export function findMembership(db: Db, clientId: number, userId: number, now: Date): Membership | null {
  const m = findMemberRow(db, clientId, userId);
  return m && !accessEnded(m, now) ? m : null;
}

/** The row as it is, also past its end date: for managing the network (grid, admin CLI), never for access. */
export function findMemberRow(db: Db, clientId: number, userId: number): Membership | null {
  const r = db.prepare(FIND).get(clientId, userId) as MembershipRow | undefined;
  return r ? rowToMembership(r) : null;
}

/** Every client whose network the user belongs to now, alphabetically by the client's name. */
export function listMembershipsOfUser(db: Db, userId: number, now: Date): Membership[] {
  return (
    db
      .prepare(`${SELECT} WHERE m.user_id = ? ORDER BY c.display_name COLLATE NOCASE, c.id`)
      .all(userId) as MembershipRow[]
  )
    .map(rowToMembership)
    .filter((m) => !accessEnded(m, now));
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

export interface NetworkMember extends Membership {
  name: string;
}

/** Every member of a client's network with his name, also those past their end date (the grid shows "verlopen"). */
export function listNetwork(db: Db, clientId: number): NetworkMember[] {
  const rows = db
    .prepare(
      `SELECT m.*, c.display_name AS client_name, c.data_version, u.display_name AS name
       FROM client_members m JOIN clients c ON c.id = m.client_id JOIN users u ON u.id = m.user_id
       WHERE m.client_id = ?`,
    )
    .all(clientId) as (MembershipRow & { name: string })[];
  return rows.map((r) => ({ ...rowToMembership(r), name: r.name }));
}

export function setAccessUntil(db: Db, clientId: number, userId: number, until: string | null): void {
  db.prepare('UPDATE client_members SET access_until = ? WHERE client_id = ? AND user_id = ?').run(
    until,
    clientId,
    userId,
  );
}

/** Takes a person out of a client's network; his account and his other networks stay. */
export function deleteMember(db: Db, clientId: number, userId: number): boolean {
  return db.prepare('DELETE FROM client_members WHERE client_id = ? AND user_id = ?').run(clientId, userId).changes > 0;
}

/** Is someone with this e-mail address (case-insensitive) already in the client's network? */
export function memberWithEmail(db: Db, clientId: number, emailKey: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM client_members m JOIN users u ON u.id = m.user_id
         WHERE m.client_id = ? AND lower(trim(u.email)) = ?`,
      )
      .get(clientId, emailKey) !== undefined
  );
}
