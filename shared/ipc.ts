// IPC contract between the Electron main process and the preload bridge. Every channel is declared here once,
// named `app:<domain>.<action>`; main parses arguments with the schemas below and checks the sender frame.
import { z } from 'zod';

export const IpcChannel = {
  appInfo: 'app:app.info',
  openExternal: 'app:app.open-external',
  deviceTrust: 'app:device.trust',
  endSession: 'app:session.end',
} as const;
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

export interface AppInfo {
  version: string;
  platform: string;
  mode: 'personal' | 'kiosk';
  /** Kiosk: sign-out after this many seconds without input (a countdown shows in the last minute); else null. */
  idleLogoutSeconds: number | null;
}

/**
 * Whether this computer remembers the device after the SMS code: not on a ward computer (kiosk: residents share it),
 * and not where the OS has no working keychain (Linux without a Secret Service); then every sign-in asks for the code.
 */
export type DeviceTrust = { canRemember: true } | { canRemember: false; reason: 'kiosk' | 'no-keychain' };

export const OpenExternalArgs = z.tuple([z.string().url().startsWith('https://')]);

/** What the preload script exposes as `window.bridge`. The renderer checks for its presence to know it runs in Electron. */
export interface Bridge {
  appInfo(): Promise<AppInfo>;
  openExternal(url: string): Promise<void>;
  deviceTrust(): Promise<DeviceTrust>;
  /**
   * After a sign-out on a ward computer: everything of the window's session is cleared (cookies, storage, cache) and
   * the app starts again at a clean login screen. Elsewhere nothing happens (false).
   */
  endSession(): Promise<boolean>;
}
