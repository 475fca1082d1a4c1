// The desktop app's bridge (electron/preload): present only when the renderer runs in Electron; in a browser null.
import { SIGNED_OUT_PARAM, type Bridge, type DeviceTrust, type SignOutReason } from '../../../shared/ipc.ts';

export function desktopBridge(): Bridge | null {
  if (typeof window === 'undefined') return null;
  return (window as Window & { bridge?: Bridge }).bridge ?? null;
}

/** After a sign-out: on a ward computer main clears the window's session and restarts the app at the login screen. */
export async function endDesktopSession(reason: SignOutReason, bridge: Bridge | null = desktopBridge()): Promise<void> {
  try {
    await bridge?.endSession(reason);
  } catch {
    // A personal install or an old main: nothing to clear.
  }
}

/**
 * Why this computer will not remember the device after the SMS code, as an i18n key; null in a browser (its cookie
 * remembers) and in the desktop app with a working keychain.
 */
export async function notRememberedKey(bridge: Bridge | null = desktopBridge()): Promise<string | null> {
  if (!bridge) return null;
  let trust: DeviceTrust;
  try {
    trust = await bridge.deviceTrust();
  } catch {
    return null;
  }
  if (trust.canRemember) return null;
  return trust.reason === 'kiosk' ? 'verify.notRemembered.kiosk' : 'verify.notRemembered.noKeychain';
}

const SIGNED_OUT_NOTICES: Record<SignOutReason, string> = {
  logout: 'notices.loggedOut',
  idle: 'notices.idleLoggedOut',
};

/**
 * A ward computer's fresh start after a sign-out (main loads `/?uitgelogd=idle|logout`): the notice to show, and the
 * address without the parameter (so a later reload does not say it again). Null for any other start.
 */
export function signedOutNotice(href: string): { notice: string | null; address: string } | null {
  const url = new URL(href);
  const reason = url.searchParams.get(SIGNED_OUT_PARAM);
  if (reason === null) return null;
  url.searchParams.delete(SIGNED_OUT_PARAM);
  const notice = Object.hasOwn(SIGNED_OUT_NOTICES, reason) ? SIGNED_OUT_NOTICES[reason as SignOutReason] : null;
  return { notice, address: url.pathname + url.search + url.hash };
}
