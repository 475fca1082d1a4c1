// Changing a password (forced at first login, or by choice) and the "Wachtwoord vergeten?" reset by e-mail.
import { addMs, HOUR } from '../clock.ts';
import { fieldError, HttpError } from '../http/errors.ts';
import { audit } from '../audit/audit.ts';
import { judgePassword } from '../../shared/password-rules.ts';
import { revokeDevices } from '../db/repos/devices.ts';
import { cancelOpenAttempts } from '../db/repos/login-attempts.ts';
import { enqueue } from '../db/repos/outbox.ts';
import {
  countResetsSince,
  findResetByTokenHash,
  insertReset,
  useResets,
  type PasswordReset,
} from '../db/repos/password-resets.ts';
import { revokeUserSessions } from '../db/repos/sessions.ts';
import { findUserById, findUserByUsername, setPassword, type User } from '../db/repos/users.ts';
import { passwordChangedMail, resetMail } from '../notify/messages.ts';
import { hashToken, randomToken } from './crypto.ts';
import { completeLogin, requireAttempt, type StepResult } from './sign-in.ts';
import { authenticate, toMe } from './sessions.ts';
import { accountKey, clearFailures } from './throttle.ts';
import { SignInRules as R } from './rules.ts';
import type { AuthDeps, RequestMeta } from './deps.ts';
import type { ChangePasswordBody, ForgotPasswordBody, ResetPasswordBody } from '../../shared/api/auth.ts';

/** Rejects a new password that breaks the rules, with the reason per field. */
function requireGoodPassword(user: User, newPassword: string, current?: string): void {
  const inputs = [user.username, ...user.displayName.split(/\s+/), user.email.split('@')[0] ?? ''];
  const verdict = judgePassword(newPassword, inputs);
  const problems: string[] = [...verdict.problems];
  if (current !== undefined && newPassword === current) problems.push('same_as_current');
  if (problems.length > 0) {
    throw new HttpError(400, 'weak_password', 'The new password does not meet the rules', {
      fields: problems.map((code) => ({ path: 'newPassword', code, message: code })),
      score: verdict.score,
    });
  }
}

async function requireCurrentPassword(deps: AuthDeps, user: User, password: string, meta: RequestMeta) {
  if (!(await deps.hasher.verify(password, user.passwordHash))) {
    audit(deps, meta, {
      userId: user.id,
      username: user.username,
      action: 'password.change',
      outcome: 'failure',
      detail: 'wrong-current',
    });
    throw fieldError(
      'wrong_current_password',
      'The current password is wrong',
      'currentPassword',
      'wrong_current_password',
    );
  }
}

/**
 * Wachtwoord wijzigen. During a login with a temporary password (`loginToken` at stage change-password) it
 * completes the login; otherwise it needs a live session. Afterwards every other device must verify by SMS again.
 */
export async function changePassword(
  deps: AuthDeps,
  tokens: { loginToken: string | null; sessionToken: string | null },
  body: ChangePasswordBody,
  meta: RequestMeta,
): Promise<StepResult> {
  const forced = pendingChange(deps, tokens.loginToken);
  const signedIn = forced ? null : authenticate(deps, tokens.sessionToken, meta);
  const user = forced?.user ?? signedIn!.user;
  await requireCurrentPassword(deps, user, body.currentPassword, meta);
  requireGoodPassword(user, body.newPassword, body.currentPassword);
  const hash = await deps.hasher.hash(body.newPassword);
  return deps.db.transaction((): StepResult => {
    const now = deps.clock.now().toISOString();
    setPassword(deps.db, user.id, hash, now, false);
    const keepDevice = forced ? forced.attempt.deviceId : signedIn!.deviceId;
    revokeDevices(deps.db, user.id, now, keepDevice);
    revokeUserSessions(deps.db, user.id, now, 'password-changed', signedIn?.sessionId ?? null);
    audit(deps, meta, {
      userId: user.id,
      username: user.username,
      action: 'password.change',
      outcome: 'success',
      detail: forced ? 'first-login' : 'by-user',
    });
    if (forced)
      return completeLogin(
        deps,
        { ...user, mustChangePassword: false },
        forced.attempt.id,
        forced.attempt.deviceId!,
        meta,
      );
    enqueue(deps.db, {
      channel: 'mail',
      recipient: user.email,
      payload: passwordChangedMail(deps.config.organisationName, deps.config.publicUrl, deps.config.supportEmail),
      at: now,
    });
    return { step: { next: 'done', me: toMe(user), session: signedIn!.info } };
  })();
}

function pendingChange(deps: AuthDeps, loginToken: string | null) {
  if (!loginToken) return null;
  try {
    return requireAttempt(deps, loginToken, 'change-password');
  } catch {
    // A stale or finished login cookie is no reason to refuse a signed-in user.
    return null;
  }
}

/** Always the same answer, whether or not username and e-mail match an account. */
export function forgotPassword(deps: AuthDeps, body: ForgotPasswordBody, meta: RequestMeta): void {
  const now = deps.clock.now();
  const user = findUserByUsername(deps.db, body.username.trim());
  const matches = !!user && user.email.trim().toLowerCase() === body.email.trim().toLowerCase();
  deps.db.transaction(() => {
    if (!user || !matches) {
      audit(deps, meta, {
        userId: user?.id ?? null,
        username: body.username,
        action: 'password.reset.request',
        outcome: 'failure',
        detail: 'no-match',
      });
      return;
    }
    if (countResetsSince(deps.db, user.id, addMs(now, -HOUR).toISOString()) >= R.maxResetMailsPerHour) {
      audit(deps, meta, {
        userId: user.id,
        username: user.username,
        action: 'password.reset.request',
        outcome: 'denied',
        detail: 'hourly-limit',
      });
      return;
    }
    const token = randomToken();
    insertReset(deps.db, {
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now.toISOString(),
      expiresAt: addMs(now, R.resetTtlMs).toISOString(),
    });
    enqueue(deps.db, {
      channel: 'mail',
      recipient: user.email,
      payload: resetMail(deps.config.organisationName, deps.config.publicUrl, token),
      at: now.toISOString(),
    });
    audit(deps, meta, {
      userId: user.id,
      username: user.username,
      action: 'password.reset.request',
      outcome: 'success',
    });
  })();
}

export function checkResetLink(deps: AuthDeps, token: string): PasswordReset {
  const reset = findResetByTokenHash(deps.db, hashToken(token));
  if (!reset || reset.usedAt) throw new HttpError(400, 'link_invalid', 'This link is not valid (anymore)');
  if (deps.clock.now() >= new Date(reset.expiresAt)) throw new HttpError(400, 'link_expired', 'This link has expired');
  return reset;
}

/** Sets the new password; every session and remembered device of the user ends, so the next login needs the SMS. */
export async function resetPassword(deps: AuthDeps, body: ResetPasswordBody, meta: RequestMeta): Promise<void> {
  const reset = checkResetLink(deps, body.token);
  const user = findUserById(deps.db, reset.userId)!;
  if (user.username.toLowerCase() !== body.username.trim().toLowerCase()) {
    audit(deps, meta, {
      userId: user.id,
      username: body.username,
      action: 'password.reset',
      outcome: 'failure',
      detail: 'username-mismatch',
    });
    throw fieldError('validation_failed', 'Username does not belong to this link', 'username', 'username_mismatch');
  }
  requireGoodPassword(user, body.newPassword);
  const hash = await deps.hasher.hash(body.newPassword);
  deps.db.transaction(() => {
    // Checked again inside the transaction: two tabs submitting the same link must not both succeed.
    checkResetLink(deps, body.token);
    const now = deps.clock.now().toISOString();
    setPassword(deps.db, user.id, hash, now, false);
    useResets(deps.db, user.id, now);
    revokeUserSessions(deps.db, user.id, now, 'password-reset');
    revokeDevices(deps.db, user.id, now);
    cancelOpenAttempts(deps.db, user.id);
    clearFailures(deps.db, accountKey(user.username));
    enqueue(deps.db, {
      channel: 'mail',
      recipient: user.email,
      payload: passwordChangedMail(deps.config.organisationName, deps.config.publicUrl, deps.config.supportEmail),
      at: now,
    });
    audit(deps, meta, { userId: user.id, username: user.username, action: 'password.reset', outcome: 'success' });
  })();
}
