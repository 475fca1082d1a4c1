// Login, device verification by SMS and the code resend (DESIGN §3 "Sign-in", §7). Each step returns what the
// client must do next; the HTTP layer turns tokens into cookies.
import { addMs } from '../clock.ts';
import { HttpError } from '../http/errors.ts';
import { audit } from '../audit/audit.ts';
import { maskMobile } from '../../shared/phone.ts';
import {
  findActiveDevice,
  findDeviceBySecretHash,
  insertDevice,
  revokeDevice,
  touchDevice,
  type Device,
} from '../db/repos/devices.ts';
import {
  addSmsCodeTry,
  countSmsCodesSince,
  findAttemptByTokenHash,
  insertAttempt,
  insertSmsCode,
  latestSmsCode,
  markSmsCodeUsed,
  oldestSmsCodeSince,
  setAttemptStage,
  type LoginAttempt,
  type LoginStage,
} from '../db/repos/login-attempts.ts';
import { findUserById, setLastLogin, type User } from '../db/repos/users.ts';
import { findWardComputerById } from '../db/repos/ward-computers.ts';
import { enqueue } from '../db/repos/outbox.ts';
import { smsCodeText } from '../notify/messages.ts';
import { hashSmsCode, hashToken, randomSmsCode, randomToken, sameHash } from './crypto.ts';
import { checkPassword } from './password-check.ts';
import { startSession, toMe, type NewSession } from './sessions.ts';
import { SignInRules as R } from './rules.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import type { AuthStep, LoginBody, VerificationInfo } from '../../shared/api/auth.ts';

/** A step's answer plus the secrets the HTTP layer must put in cookies (never in the JSON body). */
export interface StepResult {
  step: AuthStep;
  /** New pending-login token (cp_login). */
  loginToken?: string;
  /** Set when the login completed: the pending-login cookie is cleared and the session cookie set. */
  session?: NewSession;
  /** New remembered-device secret (cp_device / the desktop app's keychain). */
  deviceSecret?: string;
}

export async function login(deps: AuthDeps, body: LoginBody, meta: RequestMeta): Promise<StepResult> {
  const user = await checkPassword(deps, body.username, body.password, meta, 'login');
  const now = deps.clock.now();
  return deps.db.transaction((): StepResult => {
    const device = trustedDevice(deps, user, meta, now);
    const loginToken = randomToken();
    const stage: LoginStage = device ? (user.mustChangePassword ? 'change-password' : 'done') : 'verify-device';
    const attemptId = insertAttempt(deps.db, {
      userId: user.id,
      tokenHash: hashToken(loginToken),
      stage,
      deviceId: device?.id ?? null,
      at: now.toISOString(),
      expiresAt: addMs(now, R.loginAttemptTtlMs).toISOString(),
      ip: meta.ip,
    });
    audit(deps, meta, {
      userId: user.id,
      username: user.username,
      action: 'login.password',
      outcome: 'success',
      detail: device ? 'known-device' : 'device-verification-needed',
    });
    if (stage === 'verify-device') {
      const verification = sendCode(deps, user, attemptId, now, meta);
      return { step: { next: 'verify-device', verification }, loginToken };
    }
    if (stage === 'change-password') return { step: { next: 'change-password' }, loginToken };
    return completeLogin(deps, user, attemptId, device!.id, meta);
  })();
}

/**
 * A presented device counts when it is this user's, not revoked, and neither the user nor the device has been
 * away for more than 90 days (after a password change or reset the devices are revoked, so they fail here too).
 */
function trustedDevice(deps: AuthDeps, user: User, meta: RequestMeta, now: Date): Device | null {
  if (!user.lastLoginAt) return null;
  const cutoff = now.getTime() - R.deviceIdleMs;
  if (new Date(user.lastLoginAt).getTime() < cutoff) return null;
  for (const secret of meta.deviceSecrets) {
    const device = findActiveDevice(deps.db, user.id, hashToken(secret));
    if (device && new Date(device.lastUsedAt).getTime() >= cutoff) return device;
  }
  return null;
}

function sendCode(deps: AuthDeps, user: User, attemptId: number, now: Date, meta: RequestMeta): VerificationInfo {
  const since = addMs(now, -60 * 60 * 1000).toISOString();
  if (countSmsCodesSince(deps.db, user.id, since) >= R.maxCodesPerHour) {
    const oldest = new Date(oldestSmsCodeSince(deps.db, user.id, since)!);
    const retry = Math.ceil((oldest.getTime() + 60 * 60 * 1000 - now.getTime()) / 1000);
    audit(deps, meta, {
      userId: user.id,
      username: user.username,
      action: 'device.code.send',
      outcome: 'denied',
      detail: 'hourly-limit',
    });
    throw new HttpError(429, 'too_many_codes', 'Too many codes sent in the last hour', { retryAfterSeconds: retry });
  }
  const code = randomSmsCode();
  const expiresAt = addMs(now, R.codeTtlMs);
  insertSmsCode(deps.db, {
    attemptId,
    userId: user.id,
    codeHash: hashSmsCode(deps.serverSecret, attemptId, code),
    sentAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  enqueue(deps.db, {
    channel: 'sms',
    recipient: user.mobile,
    payload: { body: smsCodeText(deps.config.organisationName, code) },
    at: now.toISOString(),
  });
  audit(deps, meta, { userId: user.id, username: user.username, action: 'device.code.send', outcome: 'success' });
  return {
    maskedMobile: maskMobile(user.mobile),
    codeExpiresAt: expiresAt.toISOString(),
    resendAvailableAt: addMs(now, R.resendAfterMs).toISOString(),
  };
}

/** Call inside a transaction: ends the pending login and opens a session. */
export function completeLogin(
  deps: AuthDeps,
  user: User,
  attemptId: number,
  deviceId: number,
  meta: RequestMeta,
): StepResult {
  const now = deps.clock.now().toISOString();
  setAttemptStage(deps.db, attemptId, 'done', deviceId);
  setLastLogin(deps.db, user.id, now);
  touchDevice(deps.db, deviceId, now);
  const session = startSession(deps, user, deviceId, meta);
  audit(deps, meta, { userId: user.id, username: user.username, action: 'login', outcome: 'success' });
  return { step: { next: 'done', me: toMe(user), session: session.info }, session };
}

/** The pending login behind a cp_login token, in one of the expected stages; 401 when gone or expired. */
export function requireAttempt(
  deps: AuthDeps,
  token: string | null,
  stage: 'verify-device' | 'change-password',
  assisted = false,
): { attempt: LoginAttempt; user: User } {
  const attempt = token ? findAttemptByTokenHash(deps.db, hashToken(token)) : null;
  const now = deps.clock.now();
  if (!attempt || attempt.stage === 'done' || attempt.stage === 'cancelled' || now >= new Date(attempt.expiresAt)) {
    throw new HttpError(401, 'login_expired', 'No pending login; sign in again');
  }
  if (attempt.stage !== stage) throw new HttpError(409, 'wrong_stage', `Login is at step ${attempt.stage}`);
  // An assisted first login waits for a staff member, not for an SMS code: it never gets one (nor a resend).
  if (stage === 'verify-device' && (attempt.wardComputerId !== null) !== assisted) {
    throw new HttpError(409, 'wrong_stage', `Login is at step ${assisted ? 'verify-device' : 'staff-confirm'}`);
  }
  const user = findUserById(deps.db, attempt.userId);
  if (!user) throw new HttpError(401, 'login_expired', 'No pending login; sign in again');
  return { attempt, user };
}

export function loginState(deps: AuthDeps, token: string | null): AuthStep {
  const attempt = token ? findAttemptByTokenHash(deps.db, hashToken(token)) : null;
  const stage = attempt?.stage;
  if (stage !== 'verify-device' && stage !== 'change-password') {
    throw new HttpError(401, 'login_expired', 'No pending login; sign in again');
  }
  const assisted = attempt!.wardComputerId !== null;
  const { user } = requireAttempt(deps, token, stage, assisted && stage === 'verify-device');
  if (stage === 'change-password') return { next: 'change-password' };
  if (assisted) return { next: 'staff-confirm', location: assistedLocation(deps, attempt!.wardComputerId!) };
  const code = latestSmsCode(deps.db, attempt!.id)!;
  return {
    next: 'verify-device',
    verification: {
      maskedMobile: maskMobile(user.mobile),
      codeExpiresAt: code.expiresAt,
      resendAvailableAt: addMs(new Date(code.sentAt), R.resendAfterMs).toISOString(),
    },
  };
}

/** The location of the ward computer an assisted login runs on; 401 when that computer was unregistered meanwhile. */
function assistedLocation(deps: AuthDeps, wardComputerId: number): string {
  const ward = findWardComputerById(deps.db, wardComputerId);
  if (!ward) throw new HttpError(401, 'login_expired', 'No pending login; sign in again');
  return ward.locationName;
}

export function verifyDevice(deps: AuthDeps, token: string | null, code: string, meta: RequestMeta): StepResult {
  const { attempt, user } = requireAttempt(deps, token, 'verify-device');
  const sms = latestSmsCode(deps.db, attempt.id);
  const now = deps.clock.now();
  const who = { userId: user.id, username: user.username, action: 'device.verify' } as const;
  if (!sms || sms.usedAt) throw new HttpError(400, 'code_expired', 'Code no longer valid');
  if (sms.tries >= R.codeMaxTries) throw new HttpError(400, 'code_tries_exceeded', 'Too many wrong codes');
  if (now >= new Date(sms.expiresAt)) {
    audit(deps, meta, { ...who, outcome: 'failure', detail: 'expired' });
    throw new HttpError(400, 'code_expired', 'Code expired');
  }
  if (!sameHash(hashSmsCode(deps.serverSecret, attempt.id, code), sms.codeHash)) {
    deps.db.transaction(() => {
      addSmsCodeTry(deps.db, sms.id);
      audit(deps, meta, { ...who, outcome: 'failure', detail: 'wrong-code' });
    })();
    const attemptsLeft = R.codeMaxTries - sms.tries - 1;
    if (attemptsLeft <= 0) throw new HttpError(400, 'code_tries_exceeded', 'Too many wrong codes');
    throw new HttpError(400, 'invalid_code', 'Wrong code', { attemptsLeft });
  }
  return deps.db.transaction((): StepResult => {
    markSmsCodeUsed(deps.db, sms.id, now.toISOString());
    forgetPresentedDevice(deps, user, meta, now);
    const deviceSecret = randomToken();
    const deviceId = insertDevice(deps.db, {
      userId: user.id,
      secretHash: hashToken(deviceSecret),
      kind: meta.deviceKind,
      label: deviceLabel(meta.userAgent),
      at: now.toISOString(),
    });
    audit(deps, meta, { ...who, outcome: 'success' });
    if (user.mustChangePassword) {
      setAttemptStage(deps.db, attempt.id, 'change-password', deviceId);
      return { step: { next: 'change-password' }, deviceSecret };
    }
    return { ...completeLogin(deps, user, attempt.id, deviceId, meta), deviceSecret };
  })();
}

/** A stale trust of this user on this device (e.g. after 90 days) is replaced by the new one, not kept beside it. */
function forgetPresentedDevice(deps: AuthDeps, user: User, meta: RequestMeta, now: Date): void {
  for (const secret of meta.deviceSecrets) {
    const old = findDeviceBySecretHash(deps.db, hashToken(secret));
    if (old && old.userId === user.id && !old.revokedAt) revokeDevice(deps.db, old.id, now.toISOString());
  }
}

export function resendCode(deps: AuthDeps, token: string | null, meta: RequestMeta): VerificationInfo {
  const { attempt, user } = requireAttempt(deps, token, 'verify-device');
  const now = deps.clock.now();
  const last = latestSmsCode(deps.db, attempt.id);
  if (last) {
    const allowedAt = addMs(new Date(last.sentAt), R.resendAfterMs);
    if (now < allowedAt) {
      const retryAfterSeconds = Math.ceil((allowedAt.getTime() - now.getTime()) / 1000);
      throw new HttpError(429, 'resend_too_soon', 'Wait before asking a new code', { retryAfterSeconds });
    }
  }
  return deps.db.transaction(() => sendCode(deps, user, attempt.id, now, meta))();
}

/** "Chrome op Linux", "Firefox op Windows": enough for the devices overview, no fingerprinting. */
export function deviceLabel(userAgent: string | null): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Electron\//.test(ua)
        ? 'Cliëntportaal-app'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : 'Browser';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X/.test(ua)
      ? 'macOS'
      : /Android/.test(ua)
        ? 'Android'
        : /iPhone|iPad/.test(ua)
          ? 'iOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'onbekend systeem';
  return `${browser} op ${os}`;
}
