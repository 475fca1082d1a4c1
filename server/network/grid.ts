// Gebruikersbeheer: the permission grid of a client's network, ticking rights, an end date, and removing a person.
// Every call checks that the caller may manage the network first; every write shares a transaction with its audit
// row. A change counts from the next request: the client_members triggers raise the data version that the
// membership cache keys on.
import { fieldError, HttpError } from '../http/errors.ts';
import { logFor, type Caller, type Input } from '../auth/caller.ts';
import {
  accessEnded,
  deleteMember,
  findMemberRow,
  listNetwork,
  setAccessUntil,
  setRights,
  type Membership,
} from '../db/repos/memberships.ts';
import { emailKey, withdrawPendingForEmail } from '../db/repos/invitations.ts';
import { findUserById } from '../db/repos/users.ts';
import { accessEndOf, allowManage, isLocked, lastDayOf, today, type NetworkOptions } from './rules.ts';
import type { NetworkResponse, NetworkRow, UpdateMemberBody } from '../../shared/api/network.ts';
import type { Rights } from '../../shared/sections.ts';

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

function toRow(m: Membership & { name: string }, callerId: number, now: Date): NetworkRow {
  return {
    userId: m.userId,
    name: m.name,
    role: m.role,
    relation: m.relation,
    locked: isLocked(m),
    rights: m.rights,
    accessUntil: m.accessUntil === null ? null : lastDayOf(m.accessUntil),
    expired: accessEnded(m, now),
    me: m.userId === callerId,
  };
}

export function networkForCaller(c: Caller, o: NetworkOptions): NetworkResponse {
  allowManage(c, o, 'network');
  const now = c.deps.clock.now();
  const rows = listNetwork(c.deps.db, c.clientId)
    .map((m) => toRow(m, c.auth.user.id, now))
    .sort((a, b) => collator.compare(a.name, b.name) || a.userId - b.userId);
  logFor(c, { action: 'network.read', resource: 'network', outcome: 'success' });
  return { rows, settingsDelegable: o.delegateSettings };
}

/** The member the caller wants to change, which must exist and must not carry the lock. */
function changeableMember(c: Caller, userId: number, resource: string): Membership {
  const m = findMemberRow(c.deps.db, c.clientId, userId);
  if (!m) throw new HttpError(404, 'not_found', 'No such person in this network');
  if (isLocked(m)) {
    logFor(c, { action: 'network.change', resource, outcome: 'denied', detail: 'locked' });
    throw new HttpError(403, 'locked', 'This person carries a lock: he cannot be removed or lose rights');
  }
  return m;
}

export function updateMemberForCaller(
  c: Caller,
  o: NetworkOptions,
  userId: number,
  body: Input<UpdateMemberBody>,
): NetworkRow {
  const resource = `member:${userId}`;
  allowManage(c, o, resource);
  const b = body();
  changeableMember(c, userId, resource);
  const now = c.deps.clock.now();
  if (b.rights?.settings === true && !o.delegateSettings) {
    logFor(c, { action: 'network.change', resource, outcome: 'denied', detail: 'settings-not-delegable' });
    throw new HttpError(403, 'settings_not_delegable', 'This organisation does not let contacts manage the network');
  }
  if (b.accessUntil && b.accessUntil < today(now)) {
    throw fieldError('validation_failed', 'The end date lies in the past', 'accessUntil', 'in_past');
  }
  c.deps.db.transaction(() => {
    // Checked again inside: a removal in between must not be undone by an update of a row that is gone.
    changeableMember(c, userId, resource);
    if (b.rights) setRights(c.deps.db, c.clientId, userId, b.rights as Partial<Rights>);
    if (b.accessUntil !== undefined) {
      setAccessUntil(c.deps.db, c.clientId, userId, b.accessUntil === null ? null : accessEndOf(b.accessUntil));
    }
    logFor(c, { action: 'network.change', resource, outcome: 'success', detail: describe(b) });
  })();
  const after = listNetwork(c.deps.db, c.clientId).find((m) => m.userId === userId)!;
  return toRow(after, c.auth.user.id, now);
}

function describe(b: UpdateMemberBody): string {
  const rights = Object.entries(b.rights ?? {}).map(([k, v]) => `${k}=${v ? 1 : 0}`);
  if (b.accessUntil !== undefined) rights.push(`until=${b.accessUntil ?? 'none'}`);
  return rights.join(',');
}

/** Verwijderen: the person leaves this network (his account and other networks stay), with his open invitations. */
export function removeMemberForCaller(c: Caller, o: NetworkOptions, userId: number, body: Input<unknown>): void {
  const resource = `member:${userId}`;
  allowManage(c, o, resource);
  body();
  changeableMember(c, userId, resource);
  const user = findUserById(c.deps.db, userId);
  c.deps.db.transaction(() => {
    changeableMember(c, userId, resource);
    deleteMember(c.deps.db, c.clientId, userId);
    const at = c.deps.clock.now().toISOString();
    const withdrawn = user ? withdrawPendingForEmail(c.deps.db, c.clientId, emailKey(user.email), at) : 0;
    logFor(c, {
      action: 'network.remove',
      resource,
      outcome: 'success',
      detail: `invitations-withdrawn=${withdrawn}`,
    });
  })();
}
