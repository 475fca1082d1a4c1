// Accepting an invitation (issue 4 §3). A new person opens the link, chooses a username and password and then signs
// in as anyone does (the first login sends the SMS code to the mobile number the inviter entered). A person with an
// account finds the invitations addressed to his e-mail address under Uitnodigingen. Either way the membership
// starts without rights, and a link works once, until it expires, and only for the invited address.
import { HttpError } from '../http/errors.ts';
import { audit } from '../audit/audit.ts';
import { hashToken } from '../auth/crypto.ts';
import { judgePassword } from '../../shared/password-rules.ts';
import { insertMember } from '../db/repos/clients.ts';
import { findMemberRow } from '../db/repos/memberships.ts';
import { findUserByUsername, insertUser } from '../db/repos/users.ts';
import {
  closeInvitation,
  emailKey,
  findInvitationById,
  findInvitationByTokenHash,
  listPendingForEmail,
  accountWithEmail,
  type Invitation,
} from '../db/repos/invitations.ts';
import { statusOf } from './invitations.ts';
import type { AuthDeps, RequestMeta } from '../auth/deps.ts';
import type { Authenticated } from '../auth/sessions.ts';
import type {
  AcceptNewBody,
  AcceptNewResponse,
  AcceptResponse,
  InvitationLookupResponse,
  MyInvitationsResponse,
} from '../../shared/api/network.ts';

/** 410 for a link that was used, declined, withdrawn or has expired: the UI says so instead of "not found". */
function requireOpen(deps: AuthDeps, i: Invitation): Invitation {
  const status = statusOf(i, deps.clock.now());
  if (status === 'expired') throw new HttpError(410, 'invitation_expired', 'This invitation has expired');
  if (status !== 'pending') throw new HttpError(410, 'invitation_closed', `This invitation was ${status}`);
  return i;
}

function byToken(deps: AuthDeps, token: string, meta: RequestMeta, action: string): Invitation {
  const i = findInvitationByTokenHash(deps.db, hashToken(token));
  if (!i) {
    audit(deps, meta, { action, outcome: 'failure', detail: 'unknown-token' });
    throw new HttpError(404, 'not_found', 'No such invitation');
  }
  try {
    return requireOpen(deps, i);
  } catch (err) {
    audit(deps, meta, { clientId: i.clientId, action, resource: `invitation:${i.id}`, outcome: 'failure' });
    throw err;
  }
}

// Account events are kept out of the client's "wie heeft mijn dossier bekeken" list (access-log.ts: account.*).
export function lookupInvitation(deps: AuthDeps, token: string, meta: RequestMeta): InvitationLookupResponse {
  const i = byToken(deps, token, meta, 'account.invitation-lookup');
  const existing = accountWithEmail(deps.db, i.emailKey);
  audit(deps, meta, {
    clientId: i.clientId,
    action: 'account.invitation-lookup',
    resource: `invitation:${i.id}`,
    outcome: 'success',
  });
  return { clientName: i.clientName, email: i.email, firstName: i.firstName, existingAccount: existing };
}

function requireFreeUsername(deps: AuthDeps, username: string): void {
  if (findUserByUsername(deps.db, username)) {
    throw new HttpError(409, 'username_taken', 'This username is taken', {
      fields: [{ path: 'username', code: 'username_taken', message: 'username_taken' }],
    });
  }
}

/** A new contact account from the link: e-mail and mobile number as in the invitation, no rights yet. */
export async function acceptAsNewUser(
  deps: AuthDeps,
  body: AcceptNewBody,
  meta: RequestMeta,
): Promise<AcceptNewResponse> {
  const i = byToken(deps, body.token, meta, 'account.create');
  const username = body.username.trim();
  requireFreeUsername(deps, username);
  const verdict = judgePassword(body.password, [username, i.firstName, i.lastName, i.emailKey.split('@')[0] ?? '']);
  if (!verdict.ok) {
    throw new HttpError(400, 'weak_password', 'The password does not meet the rules', {
      fields: verdict.problems.map((code) => ({ path: 'password', code, message: code })),
      score: verdict.score,
    });
  }
  const hash = await deps.hasher.hash(body.password);
  deps.db.transaction(() => {
    // Again inside: the link may have been used, or the username taken, while the password was being hashed.
    const open = requireOpen(deps, findInvitationById(deps.db, i.id)!);
    requireFreeUsername(deps, username);
    const at = deps.clock.now().toISOString();
    const userId = insertUser(deps.db, {
      username,
      displayName: `${open.firstName} ${open.lastName}`,
      email: open.email,
      mobile: open.mobile,
      kind: 'contact',
      passwordHash: hash,
      mustChangePassword: false,
      createdAt: at,
    });
    join(deps, open, userId, at);
    audit(deps, meta, {
      userId,
      username,
      clientId: open.clientId,
      action: 'account.create',
      resource: `invitation:${open.id}`,
      outcome: 'success',
      detail: 'invitation',
    });
  })();
  return { username };
}

/** The membership of the invitation, without rights until ticked, and the invitation closed as accepted. */
function join(deps: AuthDeps, i: Invitation, userId: number, at: string): void {
  if (!findMemberRow(deps.db, i.clientId, userId)) {
    insertMember(deps.db, {
      clientId: i.clientId,
      userId,
      role: 'contact',
      relation: i.relation,
      locked: false,
      allRights: false,
      createdAt: at,
    });
  }
  if (!closeInvitation(deps.db, i.id, 'accepted', at, userId)) {
    throw new HttpError(410, 'invitation_closed', 'This invitation was used already');
  }
}

export function myInvitations(deps: AuthDeps, auth: Authenticated, meta: RequestMeta): MyInvitationsResponse {
  const now = deps.clock.now().toISOString();
  const invitations = listPendingForEmail(deps.db, emailKey(auth.user.email), now).map((i) => ({
    id: i.id,
    clientName: i.clientName,
    relation: i.relation,
    invitedBy: i.createdByName,
    expiresAt: i.expiresAt,
  }));
  audit(deps, meta, {
    userId: auth.user.id,
    username: auth.user.username,
    action: 'account.invitations-read',
    outcome: 'success',
  });
  return { invitations };
}

/** Accepteren / Weigeren. An invitation addressed to another e-mail address is "not found" for this user. */
export function decideMyInvitation(
  deps: AuthDeps,
  auth: Authenticated,
  meta: RequestMeta,
  id: number,
  decision: 'accept' | 'decline',
): AcceptResponse {
  const who = { userId: auth.user.id, username: auth.user.username, resource: `invitation:${id}` };
  const action = `account.invitation-${decision}`;
  const mine = (): Invitation => {
    const found = findInvitationById(deps.db, id);
    if (!found || found.emailKey !== emailKey(auth.user.email)) {
      throw new HttpError(404, 'not_found', 'No such invitation');
    }
    return requireOpen(deps, found);
  };
  // Checked outside the transaction first, so the refusal's audit row is not rolled back with it.
  try {
    mine();
  } catch (err) {
    audit(deps, meta, { ...who, action, outcome: 'denied', detail: (err as HttpError).code });
    throw err;
  }
  return deps.db.transaction((): AcceptResponse => {
    const i = mine();
    const at = deps.clock.now().toISOString();
    if (decision === 'accept') join(deps, i, auth.user.id, at);
    else closeInvitation(deps.db, i.id, 'declined', at);
    audit(deps, meta, { ...who, clientId: i.clientId, action, outcome: 'success' });
    return { clientId: i.clientId };
  })();
}
