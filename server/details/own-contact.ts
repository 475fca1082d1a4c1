// The caller's own mobile number and e-mail on the Gegevens page. A new mobile number gets an SMS code (6 digits,
// 5 minutes, 5 tries) and changes only once the code is confirmed: the number receives every future sign-in code,
// so it must be proven to reach the user. A new e-mail gets a link (256-bit token, stored hashed) built from the
// configured public URL, never from the request.
import crypto from 'node:crypto';
import { allowSection, logFor as log, type Caller, type Input } from '../auth/caller.ts';
import { audit } from '../audit/audit.ts';
import { hashToken, randomSmsCode, randomToken, sameHash } from '../auth/crypto.ts';
import { SignInRules as R } from '../auth/rules.ts';
import { addMs, HOUR } from '../clock.ts';
import { HttpError, fieldError } from '../http/errors.ts';
import { enqueue } from '../db/repos/outbox.ts';
import { findUserById } from '../db/repos/users.ts';
import {
  addChangeTry,
  applyChange,
  countChangesSince,
  findChangeByHash,
  insertChange,
  latestOpenChange,
  markChangeUsed,
} from '../db/repos/contact-changes.ts';
import { contactChangedMail, emailChangeMail, mobileChangeSms } from './messages.ts';
import { maskMobile, toDutchMobileE164 } from '../../shared/phone.ts';
import type { AuthDeps, RequestMeta } from '../auth/deps.ts';
import type { EmailChangeStarted, MobileChangeStarted, OwnContactDetails } from '../../shared/api/details.ts';

/** The e-mail link works a day: people read mail later than SMS. */
export const EMAIL_LINK_TTL_MS = 24 * HOUR;
/** Codes or links per kind per hour: an SMS costs money and must not become a way to pester a number. */
export const MAX_CHANGES_PER_HOUR = 5;

/** HMAC of the code bound to this user, kind and new number, so a code never confirms another change. */
function codeHash(secret: Buffer, userId: number, mobile: string, createdAt: string, code: string): string {
  return crypto
    .createHmac('sha256', secret)
    .update(`mobile-change:${userId}:${mobile}:${createdAt}:${code}`)
    .digest('hex');
}

function notifyChanged(deps: AuthDeps, to: string, what: 'mobile' | 'email', at: string): void {
  const { organisationName, publicUrl, supportEmail } = deps.config;
  enqueue(deps.db, {
    channel: 'mail',
    recipient: to,
    payload: contactChangedMail(organisationName, publicUrl, supportEmail, what),
    at,
  });
}

export function ownDetailsForCaller(c: Caller): OwnContactDetails {
  allowSection(c, 'data', 'details:me');
  const user = findUserById(c.deps.db, c.auth.user.id)!;
  const pending = latestOpenChange(c.deps.db, user.id, 'email');
  const open = pending && c.deps.clock.now() < new Date(pending.expiresAt) ? pending.newValue : null;
  log(c, { action: 'details.me.read', resource: 'details:me', outcome: 'success' });
  return { name: user.displayName, mobile: user.mobile, email: user.email, pendingEmail: open };
}

function requireHourlyRoom(c: Caller, kind: 'mobile' | 'email', action: string): void {
  const now = c.deps.clock.now();
  if (countChangesSince(c.deps.db, c.auth.user.id, kind, addMs(now, -HOUR).toISOString()) >= MAX_CHANGES_PER_HOUR) {
    log(c, { action, resource: 'details:me', outcome: 'denied', detail: 'hourly-limit' });
    throw new HttpError(429, 'too_many_codes', 'Too many changes in the last hour', { retryAfterSeconds: 3600 });
  }
}

export function startMobileChange(c: Caller, input: Input<{ mobile: string }>): MobileChangeStarted {
  allowSection(c, 'data', 'details:me');
  const mobile = toDutchMobileE164(input().mobile);
  if (!mobile) throw fieldError('validation_failed', 'Not a Dutch mobile number', 'mobile', 'not_mobile');
  const user = findUserById(c.deps.db, c.auth.user.id)!;
  if (mobile === user.mobile) throw fieldError('validation_failed', 'Same number', 'mobile', 'same_as_current');
  requireHourlyRoom(c, 'mobile', 'details.me.mobile.start');
  const now = c.deps.clock.now();
  const at = now.toISOString();
  const code = randomSmsCode();
  const expiresAt = addMs(now, R.codeTtlMs).toISOString();
  c.deps.db.transaction(() => {
    insertChange(c.deps.db, {
      userId: user.id,
      kind: 'mobile',
      newValue: mobile,
      secretHash: codeHash(c.deps.serverSecret, user.id, mobile, at, code),
      expiresAt,
      at,
    });
    // To the NEW number: that is what must be proven.
    enqueue(c.deps.db, {
      channel: 'sms',
      recipient: mobile,
      payload: { body: mobileChangeSms(c.deps.config.organisationName, code) },
      at,
    });
    log(c, { action: 'details.me.mobile.start', resource: 'details:me', outcome: 'success' });
  })();
  return { sentTo: maskMobile(mobile), codeExpiresAt: expiresAt };
}

function failCode(c: Caller, detail: string, error: HttpError): never {
  log(c, { action: 'details.me.mobile.confirm', resource: 'details:me', outcome: 'failure', detail });
  throw error;
}

export function confirmMobileChange(c: Caller, input: Input<{ code: string }>): OwnContactDetails {
  allowSection(c, 'data', 'details:me');
  const { code } = input();
  const change = latestOpenChange(c.deps.db, c.auth.user.id, 'mobile');
  const now = c.deps.clock.now();
  if (!change) failCode(c, 'no-change', new HttpError(400, 'code_expired', 'No code pending'));
  if (change.tries >= R.codeMaxTries)
    failCode(c, 'tries', new HttpError(400, 'code_tries_exceeded', 'Too many wrong codes'));
  if (now >= new Date(change.expiresAt)) failCode(c, 'expired', new HttpError(400, 'code_expired', 'Expired'));
  const expected = codeHash(c.deps.serverSecret, change.userId, change.newValue, change.createdAt, code);
  if (!sameHash(expected, change.secretHash)) {
    addChangeTry(c.deps.db, change.id);
    const attemptsLeft = R.codeMaxTries - change.tries - 1;
    if (attemptsLeft <= 0) failCode(c, 'wrong-code', new HttpError(400, 'code_tries_exceeded', 'Too many wrong codes'));
    failCode(c, 'wrong-code', new HttpError(400, 'invalid_code', 'Wrong code', { attemptsLeft }));
  }
  c.deps.db.transaction(() => {
    markChangeUsed(c.deps.db, change.id, now.toISOString());
    applyChange(c.deps.db, change.userId, 'mobile', change.newValue);
    notifyChanged(c.deps, findUserById(c.deps.db, change.userId)!.email, 'mobile', now.toISOString());
    log(c, { action: 'details.me.mobile.confirm', resource: 'details:me', outcome: 'success' });
  })();
  const user = findUserById(c.deps.db, c.auth.user.id)!;
  return { name: user.displayName, mobile: user.mobile, email: user.email, pendingEmail: null };
}

export function startEmailChange(c: Caller, input: Input<{ email: string }>): EmailChangeStarted {
  allowSection(c, 'data', 'details:me');
  const email = input().email;
  const user = findUserById(c.deps.db, c.auth.user.id)!;
  if (email.toLowerCase() === user.email.toLowerCase())
    throw fieldError('validation_failed', 'Same address', 'email', 'same_as_current');
  requireHourlyRoom(c, 'email', 'details.me.email.start');
  const now = c.deps.clock.now();
  const at = now.toISOString();
  const token = randomToken();
  c.deps.db.transaction(() => {
    insertChange(c.deps.db, {
      userId: user.id,
      kind: 'email',
      newValue: email,
      secretHash: hashToken(token),
      expiresAt: addMs(now, EMAIL_LINK_TTL_MS).toISOString(),
      at,
    });
    enqueue(c.deps.db, {
      channel: 'mail',
      recipient: email,
      payload: emailChangeMail(c.deps.config.organisationName, c.deps.config.publicUrl, token),
      at,
    });
    log(c, { action: 'details.me.email.start', resource: 'details:me', outcome: 'success' });
  })();
  return { sentTo: email };
}

/** The link alone proves the change (as with the password-reset link); it works once, for a day. */
export function confirmEmailChange(deps: AuthDeps, meta: RequestMeta, token: string): { email: string } {
  const change = findChangeByHash(deps.db, hashToken(token));
  const now = deps.clock.now();
  const who = change ? { userId: change.userId } : {};
  const fail = (detail: string, error: HttpError): never => {
    audit(deps, meta, { ...who, action: 'details.me.email.confirm', outcome: 'failure', detail });
    throw error;
  };
  if (!change || change.kind !== 'email' || change.usedAt)
    return fail('invalid', new HttpError(400, 'link_invalid', 'This link is not valid (anymore)'));
  if (now >= new Date(change.expiresAt)) return fail('expired', new HttpError(400, 'link_expired', 'Link expired'));
  deps.db.transaction(() => {
    const oldEmail = findUserById(deps.db, change.userId)?.email;
    markChangeUsed(deps.db, change.id, now.toISOString());
    applyChange(deps.db, change.userId, 'email', change.newValue);
    // To the OLD address: the one place the owner of the account still hears about it if this was not him.
    if (oldEmail) notifyChanged(deps, oldEmail, 'email', now.toISOString());
    const user = findUserById(deps.db, change.userId);
    audit(deps, meta, {
      userId: change.userId,
      username: user?.username ?? null,
      action: 'details.me.email.confirm',
      outcome: 'success',
    });
  })();
  return { email: change.newValue };
}
