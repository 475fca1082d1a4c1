// The renderer is served from a custom privileged scheme instead of file://, so it gets a real origin that CSP,
// sender checks and navigation rules can name. Node's URL gives `origin === 'null'` for non-special schemes, so we
// compare protocol and host ourselves (host case-insensitively: Node keeps the case of non-special hosts).
import { SIGNED_OUT_PARAM, type SignOutReason } from '../../shared/ipc.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'portal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/**
 * Where a ward computer starts afresh after a sign-out: the reason rides along (the page's own state, notices
 * included, is gone with the reload), so the login page can still say "U bent (automatisch) uitgelogd".
 */
export function entryAfterSignOut(reason: SignOutReason): string {
  return `${APP_ENTRY_URL}?${SIGNED_OUT_PARAM}=${reason}`;
}

/** True when `url` is a page or asset of our own renderer (app://portal/...). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
