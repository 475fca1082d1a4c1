// Decides per navigation whether a page may open, from what the auth store knows or asks the server.
// Kept free of Vue components so it is unit-tested with a fake store.
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import type { AuthStep, Me, SessionInfo } from '../../../shared/api/auth.ts';
import type { MeOutcome } from '../stores/auth.ts';
import type { NoticeType } from '../stores/notice.ts';
import { routeNameForStep, safeRedirect } from '../lib/auth-flow.ts';
import { RouteName, RoutePath } from './names.ts';

/**
 * - `protected`: signed in only (GET /auth/me must succeed).
 * - `guest`: the login page; a signed-in user goes to the home screen.
 * - `verify`: needs a pending sign-in at the verify-device step.
 * - `change-password`: a signed-in user, or a pending sign-in at the change-password step.
 * - `optional`: anyone; the page shows more when signed in (Informatie).
 * - `public`: anyone, no server check (forgotten password, reset link).
 * - `setup`: the desktop app's first-start page, only while main has no server or mode; else the login page.
 * While setup is needed, every other page goes to the first-start page (there is no server to ask anything).
 */
export type Access = 'protected' | 'guest' | 'verify' | 'change-password' | 'optional' | 'public' | 'setup';

export interface GuardStore {
  me: Me | null;
  session: SessionInfo | null;
  checked: boolean;
  pending: AuthStep | null;
  fetchMe(): Promise<MeOutcome>;
  fetchLoginState(): Promise<AuthStep | null>;
}

export interface GuardDeps {
  auth: GuardStore;
  notify(key: string, type: NoticeType): void;
  /** Current time by the server's clock (ms); defaults to the local clock. */
  now?: () => number;
  /** Desktop app: true while main has no server or mode yet (stores/connection.ts). Absent: never. */
  setupNeeded?: () => Promise<boolean>;
}

/** True when the cached session's idle deadline has passed: worth asking the server before showing the page. */
function sessionMayHaveExpired(session: SessionInfo | null, now: number): boolean {
  if (!session) return false;
  const idle = Date.parse(session.idleExpiresAt);
  const absolute = Date.parse(session.absoluteExpiresAt);
  return (Number.isFinite(idle) && idle <= now) || (Number.isFinite(absolute) && absolute <= now);
}

export const SIGN_IN_PATHS: readonly string[] = [
  RoutePath.login,
  RoutePath.verifyDevice,
  RoutePath.changePassword,
  RoutePath.forgotPassword,
  RoutePath.resetPassword,
  RoutePath.assistedLogin,
];

type Result = true | RouteLocationRaw;

const toLogin = (query?: Record<string, string>): RouteLocationRaw =>
  query ? { name: RouteName.login, query } : { name: RouteName.login };

/** Asks /auth/me once per page load; a network failure counts as "not known to be signed in". */
async function softCheck(auth: GuardStore): Promise<MeOutcome | 'failed'> {
  if (auth.me) return 'signed-in';
  if (auth.checked) return 'signed-out';
  try {
    return await auth.fetchMe();
  } catch {
    return 'failed';
  }
}

async function pendingStep(deps: GuardDeps): Promise<AuthStep | null | 'failed'> {
  try {
    return await deps.auth.fetchLoginState();
  } catch {
    return 'failed';
  }
}

export async function authGuard(to: RouteLocationNormalized, deps: GuardDeps): Promise<Result> {
  const { auth, notify } = deps;
  const access: Access = to.meta.access ?? 'protected';
  const setup = (await deps.setupNeeded?.()) ?? false;
  if (access === 'setup') return setup ? true : toLogin();
  if (setup) return { name: RouteName.connection };

  switch (access) {
    case 'public':
      return true;

    case 'optional':
      await softCheck(auth);
      return true;

    case 'guest': {
      const outcome = await softCheck(auth);
      return outcome === 'signed-in' ? { name: RouteName.home } : true;
    }

    case 'protected': {
      if (auth.me && !sessionMayHaveExpired(auth.session, (deps.now ?? Date.now)())) return true;
      // Asked again even when checked: the user may have signed in in another tab meanwhile.
      let outcome: MeOutcome | 'failed';
      try {
        outcome = await auth.fetchMe();
      } catch {
        outcome = 'failed';
      }
      if (outcome === 'signed-in') return true;
      if (outcome === 'expired') notify('notices.sessionExpired', 'warning');
      if (outcome === 'failed') notify('errors.network', 'error');
      const back = safeRedirect(to.fullPath, SIGN_IN_PATHS);
      return toLogin(back && back !== RoutePath.home ? { terug: back } : undefined);
    }

    case 'verify':
    case 'change-password': {
      const wanted = access === 'verify' ? 'verify-device' : 'change-password';
      if (auth.pending?.next === wanted) return true;
      if (access === 'change-password' && (await softCheck(auth)) === 'signed-in') return true;
      const step = await pendingStep(deps);
      if (step === 'failed') {
        notify('errors.network', 'error');
        return toLogin();
      }
      if (step === null) {
        notify('notices.loginExpired', 'warning');
        return toLogin();
      }
      if (step.next === wanted) return true;
      return { name: routeNameForStep(step) };
    }
  }
}
