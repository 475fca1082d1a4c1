import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/api-error.ts';

vi.mock('../api/auth.ts', () => ({
  authApi: { me: vi.fn(), loginState: vi.fn(), logout: vi.fn() },
}));
const { authApi } = await import('../api/auth.ts');
const { useAuthStore } = await import('./auth.ts');

const me = { id: 7, username: 'annie', displayName: 'Annie van Dorp', kind: 'contact' as const };
const session = { idleExpiresAt: '2026-01-01T00:30:00Z', absoluteExpiresAt: '2026-01-01T12:00:00Z' };

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.mocked(authApi.me).mockReset();
    vi.mocked(authApi.loginState).mockReset();
    vi.mocked(authApi.logout).mockReset();
  });

  it('caches the signed-in user', async () => {
    vi.mocked(authApi.me).mockResolvedValue({ me, session });
    const auth = useAuthStore();
    expect(await auth.fetchMe()).toBe('signed-in');
    expect(auth.me).toEqual(me);
    expect(auth.signedIn).toBe(true);
    expect(auth.checked).toBe(true);
  });

  it('tells an expired session from no session', async () => {
    const auth = useAuthStore();
    vi.mocked(authApi.me).mockRejectedValueOnce(new ApiError(401, 'session_expired', ''));
    expect(await auth.fetchMe()).toBe('expired');
    vi.mocked(authApi.me).mockRejectedValueOnce(new ApiError(401, 'unauthenticated', ''));
    expect(await auth.fetchMe()).toBe('signed-out');
    expect(auth.me).toBeNull();
  });

  it('rethrows other failures but marks the check as done', async () => {
    const auth = useAuthStore();
    vi.mocked(authApi.me).mockRejectedValueOnce(new ApiError(0, 'network', ''));
    await expect(auth.fetchMe()).rejects.toBeInstanceOf(ApiError);
    expect(auth.checked).toBe(true);
  });

  it('keeps a pending step and finishes on done', () => {
    const auth = useAuthStore();
    auth.pendingUsername = 'annie';
    auth.applyStep({ next: 'change-password' });
    expect(auth.pending).toEqual({ next: 'change-password' });
    expect(auth.signedIn).toBe(false);
    auth.applyStep({ next: 'done', me, session });
    expect(auth.pending).toBeNull();
    expect(auth.pendingUsername).toBe('');
    expect(auth.me).toEqual(me);
  });

  it('exposes the verification of a verify-device step', () => {
    const auth = useAuthStore();
    const verification = { maskedMobile: '06******78', codeExpiresAt: 'a', resendAvailableAt: 'b' };
    auth.applyStep({ next: 'verify-device', verification });
    expect(auth.verification).toEqual(verification);
  });

  it('reads the pending login state; none on 401', async () => {
    const auth = useAuthStore();
    vi.mocked(authApi.loginState).mockResolvedValueOnce({ next: 'change-password' });
    expect(await auth.fetchLoginState()).toEqual({ next: 'change-password' });
    vi.mocked(authApi.loginState).mockRejectedValueOnce(new ApiError(401, 'login_expired', ''));
    expect(await auth.fetchLoginState()).toBeNull();
    expect(auth.pending).toBeNull();
  });

  it('forgets the user on logout even when the call fails', async () => {
    vi.mocked(authApi.me).mockResolvedValue({ me, session });
    const auth = useAuthStore();
    await auth.fetchMe();
    vi.mocked(authApi.logout).mockRejectedValueOnce(new ApiError(0, 'network', ''));
    await expect(auth.logout()).rejects.toBeInstanceOf(ApiError);
    expect(auth.me).toBeNull();
  });
});
