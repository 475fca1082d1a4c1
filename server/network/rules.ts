// Who may manage a client's network, who carries the lock, and the end date of access as a calendar date.
import { HttpError } from '../http/errors.ts';
import { allowSection, logFor, type Caller } from '../auth/caller.ts';
import { amsterdamDate, amsterdamToUtc } from '../appointments/amsterdam.ts';
import type { Membership } from '../db/repos/memberships.ts';

export interface NetworkOptions {
  /** Organisation setting: may a contact be given Instellingen (and so manage the network)? SVRZ: no. */
  delegateSettings: boolean;
  /** Organisation setting: days an invitation link stays valid. */
  invitationDays: number;
}

/** The client and his representative always hold every right; contacts registered in the EHR are locked too. */
export function isLocked(m: Pick<Membership, 'role' | 'locked'>): boolean {
  return m.locked || m.role !== 'contact';
}

/** The rule of allowManage without the request: also what GET /clients tells the UI (the menu entry). */
export function mayManage(
  m: Pick<Membership, 'role' | 'rights'>,
  o: Pick<NetworkOptions, 'delegateSettings'>,
): boolean {
  return m.rights.settings && (m.role !== 'contact' || o.delegateSettings);
}

/**
 * The caller's membership when he may manage this network: the client, his representative, or (when the organisation
 * allows delegating) a contact with the Instellingen right. 404 for a stranger, 403 otherwise; both audited.
 */
export function allowManage(c: Caller, o: NetworkOptions, resource: string): Membership {
  const m = allowSection(c, 'settings', resource);
  if (!mayManage(m, o)) {
    logFor(c, { action: 'settings.access', resource, outcome: 'denied', detail: 'not-delegable' });
    throw new HttpError(403, 'forbidden', 'Only the client or his representative manage the network');
  }
  return m;
}

/** "2027-03-31" (last day of access) → the instant access stops: the following midnight in Amsterdam. */
export function accessEndOf(lastDay: string): string {
  const [year, month, day] = lastDay.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return amsterdamToUtc(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
    0,
  ).toISOString();
}

/** The stored instant → the last day of access, as the grid shows it. */
export function lastDayOf(accessEnd: string): string {
  const d = amsterdamDate(new Date(Date.parse(accessEnd) - 1));
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Today in Amsterdam, as YYYY-MM-DD. */
export function today(now: Date): string {
  return lastDayOf(new Date(now.getTime() + 1).toISOString());
}
