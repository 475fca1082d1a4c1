// Where a sign-in step leads, and which "return to" paths are safe. Pure functions, unit-tested.
import type { AuthStep } from '../../../shared/api/auth.ts';
import { RouteName } from '../router/names.ts';

export function routeNameForStep(step: AuthStep): RouteName {
  switch (step.next) {
    case 'verify-device':
      return RouteName.verifyDevice;
    case 'change-password':
      return RouteName.changePassword;
    case 'staff-confirm':
      return RouteName.assistedLogin;
    case 'done':
      return RouteName.home;
  }
}

/**
 * Accepts only a same-origin path ("/dossier"), never "//evil.example", "https://…", "/\\evil" or a sign-in page,
 * so the `terug` parameter cannot send a user elsewhere after login.
 */
export function safeRedirect(value: unknown, signInPaths: readonly string[] = []): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  if (/\p{Cc}/u.test(value)) return null;
  const path = value.split(/[?#]/, 1)[0] ?? '';
  if (signInPaths.includes(path)) return null;
  return value;
}

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** Reads the reset token from a URL fragment like "#token=abc…" (43 base64url characters) or returns null. */
export function tokenFromHash(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const token = new URLSearchParams(fragment).get('token');
  return token !== null && TOKEN_RE.test(token) ? token : null;
}

/**
 * The token of a link from an e-mail (reset, invitation, e-mail confirmation), taken from this page's URL fragment,
 * which is then removed from the address bar at once: it is never sent in a Referer nor kept in the history.
 */
export function takeTokenFromLocation(): string | null {
  const token = tokenFromHash(window.location.hash);
  if (window.location.hash) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return token;
}
