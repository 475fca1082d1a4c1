// Who is signed in (cached from GET /auth/me) and where a sign-in in progress stands.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AuthStep, Me, SessionInfo, VerificationInfo } from '../../../shared/api/auth.ts';
import { authApi } from '../api/auth.ts';
import { ApiError } from '../api/api-error.ts';
import { ErrorCode } from '../../../shared/api/errors.ts';
import { endDesktopSession } from '../lib/desktop.ts';
import type { SignOutReason } from '../../../shared/ipc.ts';

export type MeOutcome = 'signed-in' | 'signed-out' | 'expired';

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  const session = ref<SessionInfo | null>(null);
  /** True once GET /auth/me was asked during this page load (answered either way). */
  const checked = ref(false);
  /** The last step of a sign-in in progress (verify-device / change-password); null when none is known. */
  const pending = ref<AuthStep | null>(null);
  /** The username typed at login, kept in memory only, so the strength meter can warn about it. */
  const pendingUsername = ref('');
  /** Path to open after the sign-in is done (already checked by safeRedirect). */
  const redirectAfterLogin = ref<string | null>(null);

  const signedIn = computed(() => me.value !== null);
  const verification = computed<VerificationInfo | null>(() =>
    pending.value?.next === 'verify-device' ? pending.value.verification : null,
  );

  function applyStep(step: AuthStep): void {
    if (step.next === 'done') {
      me.value = step.me;
      session.value = step.session;
      checked.value = true;
      pending.value = null;
      pendingUsername.value = '';
    } else {
      pending.value = step;
    }
  }

  function setVerification(info: VerificationInfo): void {
    pending.value = { next: 'verify-device', verification: info };
  }

  function clear(): void {
    me.value = null;
    session.value = null;
    pending.value = null;
    pendingUsername.value = '';
  }

  /** Asks the server who is signed in. 'expired' when the session ran out; other failures (network) reject. */
  async function fetchMe(): Promise<MeOutcome> {
    try {
      const res = await authApi.me();
      me.value = res.me;
      session.value = res.session;
      return 'signed-in';
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        me.value = null;
        session.value = null;
        return e.code === ErrorCode.sessionExpired ? 'expired' : 'signed-out';
      }
      throw e;
    } finally {
      checked.value = true;
    }
  }

  /** Asks the server where the pending sign-in stands; null when there is none (401 login_expired). */
  async function fetchLoginState(): Promise<AuthStep | null> {
    try {
      const step = await authApi.loginState();
      applyStep(step);
      return step;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        pending.value = null;
        return null;
      }
      throw e;
    }
  }

  /** `reason` tells a ward computer's fresh start why the resident was signed out ('idle': automatically). */
  async function logout(reason: SignOutReason = 'logout'): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      // Even when the call fails (network), nothing of the session stays in this window.
      clear();
      redirectAfterLogin.value = null;
      // On a ward computer nothing stays for the next resident either (desktop app only).
      await endDesktopSession(reason);
    }
  }

  return {
    me,
    session,
    checked,
    pending,
    pendingUsername,
    redirectAfterLogin,
    signedIn,
    verification,
    applyStep,
    setVerification,
    clear,
    fetchMe,
    fetchLoginState,
    logout,
  };
});
