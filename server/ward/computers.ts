// Registering a ward computer (issue 5 §3): a signed-in staff member (password + SMS, as every sign-in) binds the
// computer to his location. The secret is handed out once, in a header the desktop app's main process takes into the
// keychain; the server keeps its hash only.
import { HttpError } from '../http/errors.ts';
import { audit } from '../audit/audit.ts';
import { hashToken, randomToken } from '../auth/crypto.ts';
import { findLocationById, staffLocationId } from '../db/repos/locations.ts';
import {
  findActiveWardComputer,
  insertWardComputer,
  revokeWardComputer,
  type WardComputer,
} from '../db/repos/ward-computers.ts';
import type { Authenticated } from '../auth/sessions.ts';
import type { AuthDeps, RequestMeta } from '../auth/deps.ts';
import type { WardStatus } from '../../shared/api/ward.ts';

/** The registered ward computer that sent this request; null for any other computer or browser. */
export function presentedWardComputer(deps: Pick<AuthDeps, 'db'>, meta: RequestMeta): WardComputer | null {
  return meta.wardSecret ? findActiveWardComputer(deps.db, hashToken(meta.wardSecret)) : null;
}

export function wardStatus(deps: Pick<AuthDeps, 'db'>, meta: RequestMeta): WardStatus {
  const ward = presentedWardComputer(deps, meta);
  return ward ? { registered: true, location: ward.locationName, label: ward.label } : { registered: false };
}

/** The location of a staff member; 403 for anyone else (residents and relatives cannot register a computer). */
function requireStaffLocation(deps: AuthDeps, a: Authenticated, meta: RequestMeta, action: string): number {
  const locationId = a.user.kind === 'staff' ? staffLocationId(deps.db, a.user.id) : null;
  if (locationId === null) {
    audit(deps, meta, { userId: a.user.id, username: a.user.username, action, outcome: 'denied', detail: 'not-staff' });
    throw new HttpError(403, 'staff_only', 'Only staff members can do this');
  }
  return locationId;
}

/** Registers the computer (again): a previous registration of the same computer ends, so one secret stays valid. */
export function registerWardComputer(
  deps: AuthDeps,
  a: Authenticated,
  label: string,
  meta: RequestMeta,
): { status: WardStatus; secret: string } {
  const locationId = requireStaffLocation(deps, a, meta, 'ward.register');
  const location = findLocationById(deps.db, locationId)!;
  return deps.db.transaction(() => {
    const at = deps.clock.now().toISOString();
    const previous = presentedWardComputer(deps, meta);
    if (previous) revokeWardComputer(deps.db, previous.id, at);
    const secret = randomToken();
    insertWardComputer(deps.db, { locationId, secretHash: hashToken(secret), label, registeredBy: a.user.id, at });
    audit(deps, meta, {
      userId: a.user.id,
      username: a.user.username,
      action: 'ward.register',
      outcome: 'success',
      detail: `${label} @ ${location.name}${previous ? ' (replaces earlier registration)' : ''}`,
    });
    return { status: { registered: true, location: location.name, label } satisfies WardStatus, secret };
  })();
}

/** Ends the registration of the computer that asks; a staff member of its location only. */
export function unregisterWardComputer(deps: AuthDeps, a: Authenticated, meta: RequestMeta): WardStatus {
  const locationId = requireStaffLocation(deps, a, meta, 'ward.unregister');
  const ward = presentedWardComputer(deps, meta);
  if (!ward) throw new HttpError(404, 'not_a_ward_computer', 'This computer is not a registered ward computer');
  if (ward.locationId !== locationId) {
    audit(deps, meta, {
      userId: a.user.id,
      username: a.user.username,
      action: 'ward.unregister',
      outcome: 'denied',
      detail: 'other-location',
    });
    throw new HttpError(403, 'other_location', 'This computer belongs to another location');
  }
  deps.db.transaction(() => {
    revokeWardComputer(deps.db, ward.id, deps.clock.now().toISOString());
    audit(deps, meta, {
      userId: a.user.id,
      username: a.user.username,
      action: 'ward.unregister',
      outcome: 'success',
      detail: `${ward.label} @ ${ward.locationName}`,
    });
  })();
  return { registered: false };
}
