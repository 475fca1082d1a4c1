// "Mijn apparaten": the remembered devices (a login there needs no SMS), and revoking them. A revoked device's
// secret no longer counts, so the next login there asks for the SMS; its open sessions end too (a lost laptop stays
// signed in no longer), except the request's own session: revoking "this device" signs nobody out mid-click.
import { findActiveUserDevice, listActiveDevices, revokeDevice, revokeDevices } from '../db/repos/devices.ts';
import { revokeDeviceSessions, revokeUserSessions } from '../db/repos/sessions.ts';
import { HttpError } from '../http/errors.ts';
import type { DevicesResponse, RevokedResponse } from '../../shared/api/profile.ts';
import { logOwn, type OwnCaller } from './own-caller.ts';

export function listOwnDevices(c: OwnCaller): DevicesResponse {
  const devices = listActiveDevices(c.deps.db, c.auth.user.id).map((d) => ({
    id: d.id,
    name: d.label,
    type: d.kind,
    firstUsedAt: d.createdAt,
    lastUsedAt: d.lastUsedAt,
    current: d.id === c.auth.deviceId,
  }));
  return { devices };
}

export function revokeOwnDevice(c: OwnCaller, deviceId: number): void {
  const userId = c.auth.user.id;
  const device = findActiveUserDevice(c.deps.db, userId, deviceId);
  if (!device) {
    logOwn(c, { action: 'device.revoke', resource: `device:${deviceId}`, outcome: 'failure', detail: 'not-found' });
    throw new HttpError(404, 'not_found', 'No such device');
  }
  c.deps.db.transaction(() => {
    const at = c.deps.clock.now().toISOString();
    revokeDevice(c.deps.db, deviceId, at);
    const ended = revokeDeviceSessions(c.deps.db, {
      userId,
      deviceId,
      at,
      reason: 'device-revoked',
      keepId: c.auth.sessionId,
    });
    logOwn(c, {
      action: 'device.revoke',
      resource: `device:${deviceId}`,
      outcome: 'success',
      detail: `sessions-ended:${ended}${device.id === c.auth.deviceId ? ' this-device' : ''}`,
    });
  })();
}

/** Every device, this one included; every other session ends. */
export function revokeAllOwnDevices(c: OwnCaller): RevokedResponse {
  return c.deps.db.transaction(() => {
    const at = c.deps.clock.now().toISOString();
    const revoked = revokeDevices(c.deps.db, c.auth.user.id, at);
    const ended = revokeUserSessions(c.deps.db, c.auth.user.id, at, 'devices-revoked', c.auth.sessionId);
    logOwn(c, {
      action: 'device.revoke-all',
      resource: 'devices',
      outcome: 'success',
      detail: `devices:${revoked} sessions-ended:${ended}`,
    });
    return { revoked };
  })();
}
