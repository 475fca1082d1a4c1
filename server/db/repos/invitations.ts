import type { Db } from '../open.ts';

export type StoredInvitationStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export interface Invitation {
  id: number;
  clientId: number;
  clientName: string;
  email: string;
  emailKey: string;
  firstName: string;
  lastName: string;
  relation: string;
  mobile: string;
  status: StoredInvitationStatus;
  expiresAt: string;
  createdBy: number;
  createdByName: string;
  acceptedUserId: number | null;
  createdAt: string;
  sentAt: string;
  decidedAt: string | null;
}

interface InvitationRow {
  id: number;
  client_id: number;
  client_name: string;
  email: string;
  email_key: string;
  first_name: string;
  last_name: string;
  relation: string;
  mobile: string;
  status: StoredInvitationStatus;
  expires_at: string;
  created_by: number;
  created_by_name: string;
  accepted_user_id: number | null;
  created_at: string;
  sent_at: string;
  decided_at: string | null;
}

function rowToInvitation(r: InvitationRow): Invitation {
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    email: r.email,
    emailKey: r.email_key,
    firstName: r.first_name,
    lastName: r.last_name,
    relation: r.relation,
    mobile: r.mobile,
    status: r.status,
    expiresAt: r.expires_at,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    acceptedUserId: r.accepted_user_id,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    decidedAt: r.decided_at,
  };
}

/** The key every comparison of addresses uses: what users type differs in case and spaces, the mailbox does not. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

// token_hash is never selected: nothing outside this file needs it, so it cannot leak into an answer or a log.
const SELECT = `SELECT i.id, i.client_id, i.email, i.email_key, i.first_name, i.last_name, i.relation, i.mobile, i.status,
    i.expires_at, i.created_by, i.accepted_user_id, i.created_at, i.sent_at, i.decided_at,
    c.display_name AS client_name, u.display_name AS created_by_name
  FROM invitations i JOIN clients c ON c.id = i.client_id JOIN users u ON u.id = i.created_by`;

export interface NewInvitation {
  clientId: number;
  email: string;
  firstName: string;
  lastName: string;
  relation: string;
  mobile: string;
  tokenHash: string;
  expiresAt: string;
  createdBy: number;
  at: string;
}

export function insertInvitation(db: Db, n: NewInvitation): number {
  return Number(
    db
      .prepare(
        `INSERT INTO invitations (client_id, email, email_key, first_name, last_name, relation, mobile, token_hash,
           expires_at, created_by, created_at, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        n.clientId,
        n.email.trim(),
        emailKey(n.email),
        n.firstName,
        n.lastName,
        n.relation,
        n.mobile,
        n.tokenHash,
        n.expiresAt,
        n.createdBy,
        n.at,
        n.at,
      ).lastInsertRowid,
  );
}

export function findInvitation(db: Db, clientId: number, id: number): Invitation | null {
  const r = db.prepare(`${SELECT} WHERE i.id = ? AND i.client_id = ?`).get(id, clientId) as InvitationRow | undefined;
  return r ? rowToInvitation(r) : null;
}

export function findInvitationById(db: Db, id: number): Invitation | null {
  const r = db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as InvitationRow | undefined;
  return r ? rowToInvitation(r) : null;
}

export function findInvitationByTokenHash(db: Db, tokenHash: string): Invitation | null {
  const r = db.prepare(`${SELECT} WHERE i.token_hash = ?`).get(tokenHash) as InvitationRow | undefined;
  return r ? rowToInvitation(r) : null;
}

export function findPendingInvitation(db: Db, clientId: number, key: string): Invitation | null {
  const r = db
    .prepare(`${SELECT} WHERE i.client_id = ? AND i.email_key = ? AND i.status = 'pending'`)
    .get(clientId, key) as InvitationRow | undefined;
  return r ? rowToInvitation(r) : null;
}

/** A client's invitations, newest first. */
export function listInvitations(db: Db, clientId: number): Invitation[] {
  return (db.prepare(`${SELECT} WHERE i.client_id = ? ORDER BY i.id DESC`).all(clientId) as InvitationRow[]).map(
    rowToInvitation,
  );
}

/** Pending, unexpired invitations addressed to this e-mail key, oldest first. */
export function listPendingForEmail(db: Db, key: string, now: string): Invitation[] {
  return (
    db
      .prepare(`${SELECT} WHERE i.email_key = ? AND i.status = 'pending' AND i.expires_at > ? ORDER BY i.id`)
      .all(key, now) as InvitationRow[]
  ).map(rowToInvitation);
}

/** A new link and a new expiry for a pending invitation: the old link stops working. */
export function renewInvitation(db: Db, id: number, tokenHash: string, expiresAt: string, at: string): boolean {
  return (
    db
      .prepare(`UPDATE invitations SET token_hash = ?, expires_at = ?, sent_at = ? WHERE id = ? AND status = 'pending'`)
      .run(tokenHash, expiresAt, at, id).changes > 0
  );
}

/**
 * Closes a pending invitation (accepted, declined, withdrawn). Only a pending one changes: of two requests racing
 * on the same link only the first succeeds.
 */
export function closeInvitation(
  db: Db,
  id: number,
  status: Exclude<StoredInvitationStatus, 'pending'>,
  at: string,
  acceptedUserId: number | null = null,
): boolean {
  return (
    db
      .prepare(
        `UPDATE invitations SET status = ?, decided_at = ?, accepted_user_id = ? WHERE id = ? AND status = 'pending'`,
      )
      .run(status, at, acceptedUserId, id).changes > 0
  );
}

/** Withdraws a person's pending invitations for a client (he was removed from the network). */
export function withdrawPendingForEmail(db: Db, clientId: number, key: string, at: string): number {
  return db
    .prepare(
      `UPDATE invitations SET status = 'withdrawn', decided_at = ?
       WHERE client_id = ? AND email_key = ? AND status = 'pending'`,
    )
    .run(at, clientId, key).changes;
}

/** Does any account use this e-mail address (case-insensitive)? */
export function accountWithEmail(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM users WHERE lower(trim(email)) = ?').get(key) !== undefined;
}
