// The sign-in cookies. All HttpOnly and SameSite=Strict; Secure whenever the portal is reached over https.
import type Koa from 'koa';
import { Cookie, DEVICE_SECRET_HEADER, WARD_COMPUTER_HEADER } from '../../shared/api/paths.ts';
import { SignInRules as R } from '../auth/rules.ts';
import type { RequestMeta } from '../auth/deps.ts';
import type { StepResult } from '../auth/sign-in.ts';

const MAX_DEVICE_SECRETS = 5;
const SECRET_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Cookie options; a lifetime becomes Expires counted from the portal's clock (`now`), not Koa's maxAge (the real
 * time): the Date header follows the same clock (app.ts), and browsers read Expires relative to it.
 */
function options(ctx: Koa.Context, lifetime?: { now: Date; ms: number }) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.secure,
    path: '/',
    overwrite: true,
    ...(lifetime ? { expires: new Date(lifetime.now.getTime() + lifetime.ms) } : {}),
  };
}

export function readCookie(ctx: Koa.Context, name: string): string | null {
  const v = ctx.cookies.get(name);
  return v && SECRET_RE.test(v) ? v : null;
}

export function sessionToken(ctx: Koa.Context): string | null {
  const bearer = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(ctx.get('authorization'));
  return bearer ? bearer[1]! : readCookie(ctx, Cookie.session);
}

export function requestMeta(ctx: Koa.Context): RequestMeta {
  const header = ctx.get(DEVICE_SECRET_HEADER);
  const fromCookie = (ctx.cookies.get(Cookie.device) ?? '').split('.').filter((s) => SECRET_RE.test(s));
  const fromHeader = SECRET_RE.test(header) ? [header] : [];
  const ward = ctx.get(WARD_COMPUTER_HEADER);
  const wardSecret = SECRET_RE.test(ward) ? ward : null;
  const desktop = fromHeader.length > 0 || /Electron\//.test(ctx.get('user-agent'));
  return {
    ip: ctx.ip || null,
    userAgent: ctx.get('user-agent') || null,
    deviceSecrets: [...fromHeader, ...fromCookie].slice(0, MAX_DEVICE_SECRETS),
    // Only a registered ward computer sends the header; whether it still is one, the ward services check.
    deviceKind: wardSecret ? 'kiosk' : desktop ? 'desktop' : 'browser',
    wardSecret,
  };
}

/** Applies a sign-in step's secrets as cookies. The desktop app also gets the device secret in a header, for its keychain. */
export function applyStepCookies(ctx: Koa.Context, result: StepResult, meta: RequestMeta, now: Date): void {
  const lasting = (ms: number) => options(ctx, { now, ms });
  if (result.loginToken) ctx.cookies.set(Cookie.login, result.loginToken, lasting(R.loginAttemptTtlMs));
  if (result.deviceSecret) {
    // Family members sharing a computer each keep their own remembered device: newest first, a few at most.
    const value = [result.deviceSecret, ...meta.deviceSecrets.filter((s) => s !== result.deviceSecret)]
      .slice(0, MAX_DEVICE_SECRETS)
      .join('.');
    ctx.cookies.set(Cookie.device, value, lasting(R.deviceCookieMaxAgeMs));
    if (meta.deviceKind !== 'browser') ctx.set(DEVICE_SECRET_HEADER, result.deviceSecret);
  }
  if (result.session) {
    ctx.cookies.set(Cookie.login, null, options(ctx));
    ctx.cookies.set(Cookie.session, result.session.token, lasting(R.sessionAbsoluteMs));
  }
}

export function clearSessionCookies(ctx: Koa.Context): void {
  ctx.cookies.set(Cookie.session, null, options(ctx));
  ctx.cookies.set(Cookie.login, null, options(ctx));
}
