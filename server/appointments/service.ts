// The agenda's use cases for a signed-in caller. Every call checks the Afspraken right first (404 stranger, 403
// no right) and writes exactly one audit row (NEN 7513); writes and their audit row share one transaction.
import { syncedUntil as syncedUntilOf } from '../sync/freshness.ts';
import { allowSection, logFor as log, type Caller, type Input } from '../auth/caller.ts';
import { HttpError, fieldError } from '../http/errors.ts';
import {
  findAppointment,
  insertOwnAppointment,
  lastSyncedAt,
  listAppointments,
  listUpcoming,
  softDeleteOwnAppointment,
  updateOwnAppointment,
  type Appointment,
} from '../db/repos/appointments.ts';
import { toItem, type ItemContext, type Viewer } from './items.ts';
import { resolveRange, type RangeQuery } from './range.ts';
import {
  UPCOMING_COUNT,
  type AppointmentItem,
  type AppointmentsResponse,
  type CreateAppointmentBody,
  type OwnKind,
  type UpcomingAppointmentsResponse,
  type UpdateAppointmentBody,
} from '../../shared/api/appointments.ts';

export type { Caller, Input };

/** Staff accounts get the redacted view; everyone else reaching this point is a member of the client's network. */
function viewerOf(c: Caller): Viewer {
  return c.auth.user.kind === 'staff' ? 'staff' : 'network';
}

function allow(c: Caller, resource: string): ItemContext {
  const membership = allowSection(c, 'appointments', resource);
  return { viewer: viewerOf(c), hasRight: membership.rights.appointments };
}

export function listForCaller(c: Caller, query: Input<RangeQuery>): AppointmentsResponse {
  const ctx = allow(c, 'appointments');
  const range = resolveRange(c.deps.clock.now(), query());
  const rows = listAppointments(c.deps.db, c.clientId, range.from, range.to);
  const syncedUntil = syncedUntilOf(c.deps.db, c.clientId, lastSyncedAt(c.deps.db, c.clientId));
  log(c, { action: 'appointments.read', resource: `appointments:${range.from}/${range.to}`, outcome: 'success' });
  return { appointments: rows.map((a) => toItem(a, ctx)), syncedUntil };
}

/** The "Mijn afspraken" panel; the caller's right has been checked (by upcomingForCaller or the home screen). */
export function upcomingPanel(c: Caller): UpcomingAppointmentsResponse {
  const ctx: ItemContext = { viewer: viewerOf(c), hasRight: true };
  const now = c.deps.clock.now().toISOString();
  const [first, ...next] = listUpcoming(c.deps.db, c.clientId, now, UPCOMING_COUNT).map((a) => toItem(a, ctx));
  return {
    first: first ?? null,
    next,
    syncedUntil: syncedUntilOf(c.deps.db, c.clientId, lastSyncedAt(c.deps.db, c.clientId)),
  };
}

export function upcomingForCaller(c: Caller): UpcomingAppointmentsResponse {
  allow(c, 'appointments');
  const panel = upcomingPanel(c);
  log(c, { action: 'appointments.read', resource: 'appointments:upcoming', outcome: 'success' });
  return panel;
}

export function createForCaller(c: Caller, input: Input<CreateAppointmentBody>): AppointmentItem {
  const ctx = allow(c, 'appointments');
  const body = input();
  return c.deps.db.transaction(() => {
    const id = insertOwnAppointment(c.deps.db, {
      clientId: c.clientId,
      kind: body.kind,
      startsAt: body.startsAt,
      endsAt: body.endsAt,
      description: body.description,
      location: body.location ?? null,
      createdByUserId: c.auth.user.id,
      at: c.deps.clock.now().toISOString(),
    });
    log(c, { action: 'appointments.create', resource: `appointment:${id}`, outcome: 'success' });
    return toItem(findAppointment(c.deps.db, c.clientId, id)!, ctx);
  })();
}

/** The appointment to change: 404 when it is not this client's (or deleted), 403 when it came from the EHR. */
function ownAppointment(c: Caller, id: number, action: string): Appointment {
  const a = findAppointment(c.deps.db, c.clientId, id);
  if (!a) {
    log(c, { action, resource: `appointment:${id}`, outcome: 'failure', detail: 'not-found' });
    throw new HttpError(404, 'not_found', 'No such appointment');
  }
  if (a.source !== null) {
    log(c, { action, resource: `appointment:${id}`, outcome: 'denied', detail: 'care-read-only' });
    throw new HttpError(403, 'forbidden', 'care appointments are read-only');
  }
  return a;
}

export function updateForCaller(c: Caller, id: number, input: Input<UpdateAppointmentBody>): AppointmentItem {
  const ctx = allow(c, `appointment:${id}`);
  const patch = input();
  // Looked up outside the transaction: a refusal's audit row must not be rolled back with it. Nothing can change
  // in between: better-sqlite3 is synchronous and there is no await here.
  const a = ownAppointment(c, id, 'appointments.update');
  return c.deps.db.transaction(() => {
    const next = {
      // source IS NULL rows hold only own kinds (the table's CHECK), so the cast states a fact
      kind: patch.kind ?? (a.kind as OwnKind),
      startsAt: patch.startsAt ?? a.startsAt,
      endsAt: patch.endsAt ?? a.endsAt,
      description: patch.description ?? a.description,
      location: patch.location === undefined ? a.location : patch.location,
    };
    if (next.endsAt <= next.startsAt) {
      throw fieldError('validation_failed', 'Invalid input', 'endsAt', 'ends_before_start');
    }
    updateOwnAppointment(c.deps.db, id, next, c.deps.clock.now().toISOString());
    log(c, { action: 'appointments.update', resource: `appointment:${id}`, outcome: 'success' });
    return toItem(findAppointment(c.deps.db, c.clientId, id)!, ctx);
  })();
}

export function deleteForCaller(c: Caller, id: number): void {
  allow(c, `appointment:${id}`);
  ownAppointment(c, id, 'appointments.delete');
  c.deps.db.transaction(() => {
    softDeleteOwnAppointment(c.deps.db, id, c.deps.clock.now().toISOString());
    log(c, { action: 'appointments.delete', resource: `appointment:${id}`, outcome: 'success' });
  })();
}
