// "Eerste keer inloggen met hulp van een medewerker" (issue 5 §3). Many residents have no mobile phone, so on a
// registered ward computer a staff member of that computer's location confirms who the resident is, with his own
// credentials, in place of the resident's SMS code. The resident then chooses his own password (the usual forced
// change-password step completes the login). Only for a resident's very first login: later sign-ins follow the
// normal rules. The audit log records which staff member vouched, under the resident and under the staff member.
import { addMs } from '../clock.ts';
import { HttpError } from '../http/errors.ts';
import { audit } from '../audit/audit.ts';
import { hashToken, randomToken } from '../auth/crypto.ts';
import { checkPassword } from '../auth/password-check.ts';
import { requireAttempt, type StepResult } from '../auth/sign-in.ts';
import { SignInRules as R } from '../auth/rules.ts';
import { insertDevice } from '../db/repos/devices.ts';
import { findClientByUserId } from '../db/repos/clients.ts';
import { clientLocationId, staffLocationId } from '../db/repos/locations.ts';
import { insertAttempt, setAttemptStage } from '../db/repos/login-attempts.ts';
import { touchWardComputer, type WardComputer } from '../db/repos/ward-computers.ts';
import { presentedWardComputer } from './computers.ts';
import type { AuthDeps, RequestMeta } from '../auth/deps.ts';
import type { AssistedLoginBody, StaffConfirmBody } from '../../shared/api/ward.ts';

/** Without a registered ward computer the assisted login does not exist. */
function requireWardComputer(deps: AuthDeps, meta: RequestMeta): WardComputer {
  const ward = presentedWardComputer(deps, meta);
  if (!ward) throw new HttpError(403, 'not_a_ward_computer', 'Only on a registered ward computer');
  return ward;
}

/** Step 1: the resident's username and temporary password. Next: a staff member confirms. */
export async function startAssistedLogin(
  deps: AuthDeps,
  body: AssistedLoginBody,
  meta: RequestMeta,
): Promise<StepResult> {
  const ward = requireWardComputer(deps, meta);
  const user = await checkPassword(deps, body.username, body.password, meta, 'login.assisted');
  const who = { userId: user.id, username: user.username, action: 'login.assisted' } as const;
  const client = user.kind === 'client' ? findClientByUserId(deps.db, user.id) : null;
  if (!client || !user.mustChangePassword || user.lastLoginAt !== null) {
    audit(deps, meta, { ...who, outcome: 'denied', detail: 'not-first-login' });
    throw new HttpError(409, 'not_first_login', 'Only a resident’s first login can be assisted');
  }
  if (clientLocationId(deps.db, client.id) !== ward.locationId) {
    audit(deps, meta, {
      ...who,
      clientId: client.id,
      outcome: 'denied',
      detail: `other-location ${ward.locationName}`,
    });
    throw new HttpError(403, 'other_location', 'The resident does not live at this ward computer’s location');
  }
  const now = deps.clock.now();
  return deps.db.transaction((): StepResult => {
    const loginToken = randomToken();
    insertAttempt(deps.db, {
      userId: user.id,
      tokenHash: hashToken(loginToken),
      stage: 'verify-device',
      deviceId: null,
      at: now.toISOString(),
      expiresAt: addMs(now, R.loginAttemptTtlMs).toISOString(),
      ip: meta.ip,
      wardComputerId: ward.id,
    });
    audit(deps, meta, { ...who, clientId: client.id, outcome: 'success', detail: 'password; staff-confirm needed' });
    return { step: { next: 'staff-confirm', location: ward.locationName }, loginToken };
  })();
}

/** Step 2: a staff member of the computer's location vouches with his own username and password. */
export async function confirmByStaff(
  deps: AuthDeps,
  loginToken: string | null,
  body: StaffConfirmBody,
  meta: RequestMeta,
): Promise<StepResult> {
  const ward = requireWardComputer(deps, meta);
  const { attempt, user } = requireAttempt(deps, loginToken, 'verify-device', true);
  if (attempt.wardComputerId !== ward.id) {
    throw new HttpError(403, 'not_a_ward_computer', 'The login was started on another ward computer');
  }
  const staff = await checkPassword(deps, body.staffUsername, body.staffPassword, meta, 'ward.vouch');
  const vouch = { userId: staff.id, username: staff.username, action: 'ward.vouch' } as const;
  const client = findClientByUserId(deps.db, user.id);
  const staffLocation = staff.kind === 'staff' ? staffLocationId(deps.db, staff.id) : null;
  if (staffLocation !== ward.locationId) {
    audit(deps, meta, { ...vouch, clientId: client?.id ?? null, outcome: 'denied', detail: `for ${user.username}` });
    throw new HttpError(403, 'other_location', 'Only a staff member of this location can confirm');
  }
  if (staff.mustChangePassword) {
    audit(deps, meta, { ...vouch, outcome: 'denied', detail: 'temporary password' });
    throw new HttpError(409, 'staff_must_change_password', 'The staff member must first choose his own password');
  }
  return deps.db.transaction((): StepResult => {
    // Checked again inside the transaction: a second confirmation of the same login must not count twice.
    requireAttempt(deps, loginToken, 'verify-device', true);
    const now = deps.clock.now().toISOString();
    // The ward computer never remembers a resident: the device row only ties the session to this computer (its
    // secret is thrown away), so the resident sees it under Mijn apparaten and can end it there.
    const deviceId = insertDevice(deps.db, {
      userId: user.id,
      secretHash: hashToken(randomToken()),
      kind: 'kiosk',
      label: `${ward.label} (${ward.locationName})`,
      at: now,
    });
    setAttemptStage(deps.db, attempt.id, 'change-password', deviceId);
    touchWardComputer(deps.db, ward.id, now);
    const clientId = client?.id ?? null;
    audit(deps, meta, { ...vouch, clientId, outcome: 'success', detail: `for ${user.username}` });
    audit(deps, meta, {
      userId: user.id,
      username: user.username,
      clientId,
      action: 'device.verify',
      outcome: 'success',
      detail: `vouched by staff ${staff.username} (${ward.locationName})`,
    });
    return { step: { next: 'change-password' } };
  })();
}
