import { describe, expect, it, vi } from 'vitest';
import type { RouteLocationNormalized } from 'vue-router';
import type { AuthStep, Me } from '../../../shared/api/auth.ts';
import type { MeOutcome } from '../stores/auth.ts';
import { authGuard, type Access, type GuardStore } from './guard.ts';
import { RouteName } from './names.ts';

const me: Me = { id: 1, username: 'truus', displayName: 'Truus van Dorp', kind: 'client' };
const verifyStep: AuthStep = {
  next: 'verify-device',
  verification: { maskedMobile: '06******78', codeExpiresAt: '', resendAvailableAt: '' },
};

function route(access: Access, fullPath = '/x'): RouteLocationNormalized {
  return { meta: { access }, fullPath } as unknown as RouteLocationNormalized;
}

function store(
  over: Partial<GuardStore> & { meOutcome?: MeOutcome | Error; loginState?: AuthStep | null | Error } = {},
) {
  const s: GuardStore = {
    me: null,
    session: null,
    checked: false,
    pending: null,
    fetchMe: vi.fn(async () => {
      s.checked = true;
      if (over.meOutcome instanceof Error) throw over.meOutcome;
      if ((over.meOutcome ?? 'signed-out') === 'signed-in') s.me = me;
      return over.meOutcome ?? 'signed-out';
    }),
    fetchLoginState: vi.fn(async () => {
      if (over.loginState instanceof Error) throw over.loginState;
      return over.loginState ?? null;
    }),
    ...over,
  };
  return s;
}

describe('authGuard', () => {
  it('lets a signed-in user onto protected pages without asking again', async () => {
    const auth = store({ me });
    expect(await authGuard(route('protected'), { auth, notify: vi.fn() })).toBe(true);
    expect(auth.fetchMe).not.toHaveBeenCalled();
  });

  it('asks again when the cached session has passed its idle deadline', async () => {
    const session = { idleExpiresAt: '2026-01-01T10:30:00Z', absoluteExpiresAt: '2026-01-01T22:00:00Z' };
    const notify = vi.fn();
    const fresh = store({ me, session });
    const before = Date.parse('2026-01-01T10:29:00Z');
    expect(await authGuard(route('protected'), { auth: fresh, notify, now: () => before })).toBe(true);
    expect(fresh.fetchMe).not.toHaveBeenCalled();
    const stale = store({ me, session, meOutcome: 'expired' });
    const after = Date.parse('2026-01-01T10:31:00Z');
    expect(await authGuard(route('protected', '/'), { auth: stale, notify, now: () => after })).toEqual({
      name: RouteName.login,
    });
    expect(notify).toHaveBeenCalledWith('notices.sessionExpired', 'warning');
  });

  it('asks /auth/me on a fresh load and lets the user in', async () => {
    const auth = store({ meOutcome: 'signed-in' });
    expect(await authGuard(route('protected'), { auth, notify: vi.fn() })).toBe(true);
  });

  it('sends a stranger to the login page, remembering where he wanted to go', async () => {
    const notify = vi.fn();
    const result = await authGuard(route('protected', '/dossier'), { auth: store(), notify });
    expect(result).toEqual({ name: RouteName.login, query: { terug: '/dossier' } });
    expect(notify).not.toHaveBeenCalled();
  });

  it('explains an expired session', async () => {
    const notify = vi.fn();
    const result = await authGuard(route('protected', '/'), { auth: store({ meOutcome: 'expired' }), notify });
    expect(result).toEqual({ name: RouteName.login });
    expect(notify).toHaveBeenCalledWith('notices.sessionExpired', 'warning');
  });

  it('explains a network failure', async () => {
    const notify = vi.fn();
    await authGuard(route('protected'), { auth: store({ meOutcome: new Error('down') }), notify });
    expect(notify).toHaveBeenCalledWith('errors.network', 'error');
  });

  it('sends a signed-in user from the login page to the home screen', async () => {
    expect(await authGuard(route('guest'), { auth: store({ meOutcome: 'signed-in' }), notify: vi.fn() })).toEqual({
      name: RouteName.home,
    });
    expect(await authGuard(route('guest'), { auth: store(), notify: vi.fn() })).toBe(true);
  });

  it('shows the login page even when /auth/me cannot be reached', async () => {
    expect(await authGuard(route('guest'), { auth: store({ meOutcome: new Error('x') }), notify: vi.fn() })).toBe(true);
  });

  it('opens the verification page for a pending login, also after a reload', async () => {
    expect(await authGuard(route('verify'), { auth: store({ pending: verifyStep }), notify: vi.fn() })).toBe(true);
    const reloaded = store({ loginState: verifyStep });
    expect(await authGuard(route('verify'), { auth: reloaded, notify: vi.fn() })).toBe(true);
    expect(reloaded.fetchLoginState).toHaveBeenCalled();
  });

  it('follows the step the server reports', async () => {
    const auth = store({ loginState: { next: 'change-password' } });
    expect(await authGuard(route('verify'), { auth, notify: vi.fn() })).toEqual({ name: RouteName.changePassword });
  });

  it('sends an expired pending login back to the login page with a message', async () => {
    const notify = vi.fn();
    expect(await authGuard(route('verify'), { auth: store({ loginState: null }), notify })).toEqual({
      name: RouteName.login,
    });
    expect(notify).toHaveBeenCalledWith('notices.loginExpired', 'warning');
  });

  it('allows the change-password page to signed-in users and to a forced change', async () => {
    expect(await authGuard(route('change-password'), { auth: store({ me }), notify: vi.fn() })).toBe(true);
    const forced = store({ loginState: { next: 'change-password' } });
    expect(await authGuard(route('change-password'), { auth: forced, notify: vi.fn() })).toBe(true);
    const needsCode = store({ loginState: verifyStep });
    expect(await authGuard(route('change-password'), { auth: needsCode, notify: vi.fn() })).toEqual({
      name: RouteName.verifyDevice,
    });
  });

  it('desktop app without a server or mode: every page goes to the first-start page, without asking the server', async () => {
    const auth = store({ me });
    const setupNeeded = vi.fn(async () => true);
    for (const access of ['protected', 'guest', 'verify', 'public', 'optional'] as const) {
      expect(await authGuard(route(access), { auth, notify: vi.fn(), setupNeeded }), access).toEqual({
        name: RouteName.connection,
      });
    }
    expect(await authGuard(route('setup'), { auth, notify: vi.fn(), setupNeeded })).toBe(true);
    expect(auth.fetchMe).not.toHaveBeenCalled();
  });

  it('the first-start page is only for that: in a browser or once configured it leads to the login page', async () => {
    expect(await authGuard(route('setup'), { auth: store(), notify: vi.fn() })).toEqual({ name: RouteName.login });
    const configured = async () => false;
    expect(await authGuard(route('setup'), { auth: store(), notify: vi.fn(), setupNeeded: configured })).toEqual({
      name: RouteName.login,
    });
    expect(await authGuard(route('public'), { auth: store(), notify: vi.fn(), setupNeeded: configured })).toBe(true);
  });

  it('never checks anything for public pages', async () => {
    const auth = store();
    expect(await authGuard(route('public'), { auth, notify: vi.fn() })).toBe(true);
    expect(auth.fetchMe).not.toHaveBeenCalled();
    expect(auth.fetchLoginState).not.toHaveBeenCalled();
  });
});
