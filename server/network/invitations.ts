// Gebruiker toevoegen: invitations by e-mail, listed with their state, resent (new link, new expiry) or withdrawn.
// The mail goes through the outbox in the transaction that records the invitation, so neither exists without the
// other; the link carries a 256-bit token of which only the hash is kept.
import { addMs, DAY } from '../clock.ts';
import { fieldError, HttpError } from '../http/errors.ts';
import { logFor, type Caller, type Input } from '../auth/caller.ts';
import { hashToken, randomToken } from '../auth/crypto.ts';
import { memberWithEmail } from '../db/repos/memberships.ts';
import {
  closeInvitation,
  emailKey,
  findInvitation,
  findPendingInvitation,
  insertInvitation,
  listInvitations,
  renewInvitation,
  type Invitation,
} from '../db/repos/invitations.ts';
import { enqueue } from '../db/repos/outbox.ts';
import { invitationMail } from '../notify/messages.ts';
import { maskMobile, toDutchMobileE164 } from '../../shared/phone.ts';
import { allowManage, type NetworkOptions } from './rules.ts';
import type {
  CreateInvitationBody,
  InvitationItem,
  InvitationsResponse,
  InvitationStatus,
} from '../../shared/api/network.ts';

export function statusOf(i: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  return i.status === 'pending' && now.getTime() >= Date.parse(i.expiresAt) ? 'expired' : i.status;
}

function toItem(i: Invitation, now: Date): InvitationItem {
  return {
    id: i.id,
    email: i.email,
    firstName: i.firstName,
    lastName: i.lastName,
    relation: i.relation,
    maskedMobile: maskMobile(i.mobile),
    status: statusOf(i, now),
    createdAt: i.createdAt,
    sentAt: i.sentAt,
    expiresAt: i.expiresAt,
    invitedBy: i.createdByName,
  };
}

export function invitationsForCaller(c: Caller, o: NetworkOptions): InvitationsResponse {
  allowManage(c, o, 'invitations');
  const now = c.deps.clock.now();
  const invitations = listInvitations(c.deps.db, c.clientId).map((i) => toItem(i, now));
  logFor(c, { action: 'invitations.read', resource: 'invitations', outcome: 'success' });
  return { invitations };
}

/** Queues the mail with a fresh link; returns the token's hash and the new expiry. Call inside the transaction. */
function sendLink(c: Caller, o: NetworkOptions, to: { email: string; firstName: string }, now: Date) {
  const token = randomToken();
  enqueue(c.deps.db, {
    channel: 'mail',
    recipient: to.email,
    payload: invitationMail(c.deps.config.organisationName, c.deps.config.publicUrl, token, {
      firstName: to.firstName,
      inviterName: c.auth.user.displayName,
      days: o.invitationDays,
    }),
    at: now.toISOString(),
  });
  return { tokenHash: hashToken(token), expiresAt: addMs(now, o.invitationDays * DAY).toISOString() };
}

/** Refuses an address already in the network or already invited (an expired invitation is replaced instead). */
function requireNew(c: Caller, key: string, now: Date): void {
  if (memberWithEmail(c.deps.db, c.clientId, key)) {
    throw new HttpError(409, 'already_member', 'Someone with this e-mail address is already in the network', {
      fields: [{ path: 'email', code: 'already_member', message: 'already_member' }],
    });
  }
  const pending = findPendingInvitation(c.deps.db, c.clientId, key);
  if (!pending) return;
  if (statusOf(pending, now) === 'pending') {
    throw new HttpError(409, 'invitation_exists', 'This address has been invited already', {
      invitationId: pending.id,
      fields: [{ path: 'email', code: 'invitation_exists', message: 'invitation_exists' }],
    });
  }
  closeInvitation(c.deps.db, pending.id, 'withdrawn', now.toISOString());
}

export function createInvitationForCaller(
  c: Caller,
  o: NetworkOptions,
  body: Input<CreateInvitationBody>,
): InvitationItem {
  allowManage(c, o, 'invitations');
  const b = body();
  // The number receives the SMS code at the first login: a landline or a foreign number cannot.
  const mobile = toDutchMobileE164(b.mobile);
  if (!mobile) throw fieldError('validation_failed', 'Not a Dutch mobile number', 'mobile', 'not_mobile');
  const key = emailKey(b.email);
  const id = c.deps.db.transaction(() => {
    const now = c.deps.clock.now();
    requireNew(c, key, now);
    const link = sendLink(c, o, { email: b.email, firstName: b.firstName }, now);
    const id = insertInvitation(c.deps.db, {
      clientId: c.clientId,
      email: b.email,
      firstName: b.firstName,
      lastName: b.lastName,
      relation: b.relation,
      mobile,
      ...link,
      createdBy: c.auth.user.id,
      at: now.toISOString(),
    });
    logFor(c, { action: 'invitation.create', resource: `invitation:${id}`, outcome: 'success' });
    return id;
  })();
  return toItem(findInvitation(c.deps.db, c.clientId, id)!, c.deps.clock.now());
}

/** A pending invitation of this client (expired counts as pending here); 404 / 409 otherwise. */
function openInvitation(c: Caller, id: number): Invitation {
  const i = findInvitation(c.deps.db, c.clientId, id);
  if (!i) throw new HttpError(404, 'not_found', 'No such invitation');
  if (i.status !== 'pending') throw new HttpError(409, 'invitation_closed', `The invitation was ${i.status} already`);
  return i;
}

export function resendInvitationForCaller(
  c: Caller,
  o: NetworkOptions,
  id: number,
  body: Input<unknown>,
): InvitationItem {
  const resource = `invitation:${id}`;
  allowManage(c, o, resource);
  body();
  c.deps.db.transaction(() => {
    const i = openInvitation(c, id);
    const now = c.deps.clock.now();
    const link = sendLink(c, o, i, now);
    renewInvitation(c.deps.db, id, link.tokenHash, link.expiresAt, now.toISOString());
    logFor(c, { action: 'invitation.resend', resource, outcome: 'success' });
  })();
  return toItem(findInvitation(c.deps.db, c.clientId, id)!, c.deps.clock.now());
}

export function withdrawInvitationForCaller(c: Caller, o: NetworkOptions, id: number, body: Input<unknown>): void {
  const resource = `invitation:${id}`;
  allowManage(c, o, resource);
  body();
  c.deps.db.transaction(() => {
    openInvitation(c, id);
    closeInvitation(c.deps.db, id, 'withdrawn', c.deps.clock.now().toISOString());
    logFor(c, { action: 'invitation.withdraw', resource, outcome: 'success' });
  })();
}
