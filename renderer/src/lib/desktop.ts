// The desktop app's bridge (electron/preload): present only when the renderer runs in Electron; in a browser null.
import type { Bridge, DeviceTrust } from '../../../shared/ipc.ts';

export function desktopBridge(): Bridge | null {
  if (typeof window === 'undefined') return null;
  return (window as Window & { bridge?: Bridge }).bridge ?? null;
}

/** After a sign-out: on a ward computer main clears the window's session and restarts the app at the login screen. */
export async function endDesktopSession(bridge: Bridge | null = desktopBridge()): Promise<void> {
  try {
    await bridge?.endSession();
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
