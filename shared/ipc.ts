// IPC contract between the Electron main process and the preload bridge. Every channel is declared here once,
// named `app:<domain>.<action>`; main parses arguments with the schemas below and checks the sender frame.
import { z } from 'zod';

export const IpcChannel = {
  appInfo: 'app:app.info',
  openExternal: 'app:app.open-external',
  deviceTrust: 'app:device.trust',
  endSession: 'app:session.end',
  connectionGet: 'app:connection.get',
  connectionCheck: 'app:connection.check',
  connectionSave: 'app:connection.save',
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

/** Why the resident's session ended: he chose Uitloggen, or the ward computer's idle time ran out. */
export const SIGN_OUT_REASONS = ['logout', 'idle'] as const;
export type SignOutReason = (typeof SIGN_OUT_REASONS)[number];
export const EndSessionArgs = z.tuple([z.enum(SIGN_OUT_REASONS)]);
/** Query parameter of the fresh start after a ward computer's sign-out: the login page then says why. */
export const SIGNED_OUT_PARAM = 'uitgelogd';

export const CONNECTION_MODES = ['personal', 'kiosk'] as const;
/** Persoonlijk (own computer) or Afdelings-pc (kiosk: a shared ward computer). */
export type ConnectionMode = (typeof CONNECTION_MODES)[number];

/**
 * Which server and mode this computer uses. Null: not chosen yet, so the renderer shows the first-start page.
 * Locked: set by IT (command-line switch or clientportaal.json beside the app), shown as "ingesteld door uw
 * IT-afdeling" and not changeable here.
 */
export interface ConnectionState {
  serverOrigin: string | null;
  mode: ConnectionMode | null;
  serverLocked: boolean;
  modeLocked: boolean;
}

/** Why a typed server address was not accepted. */
export type ServerCheckFailure = 'invalid-url' | 'not-https' | 'unreachable' | 'not-portal';

/** The answer of a candidate server's public info; the logo as a data: URL (the renderer loads no remote image). */
export type ServerCheck =
  | { ok: true; origin: string; organisationName: string; logo: string | null }
  | { ok: false; reason: ServerCheckFailure };

/** Saved: main restarts the app on the new connection. Not saved: the server failed main's own check. */
export type ConnectionSaveResult = { saved: true } | { saved: false; reason: ServerCheckFailure };

const serverAddress = z.string().trim().min(1).max(2048);
export const ConnectionCheckArgs = z.tuple([serverAddress]);
export const ConnectionChoice = z.object({ server: serverAddress, mode: z.enum(CONNECTION_MODES) }).strict();
export type ConnectionChoice = z.infer<typeof ConnectionChoice>;
export const ConnectionSaveArgs = z.tuple([ConnectionChoice]);

/** What the preload script exposes as `window.bridge`. The renderer checks for its presence to know it runs in Electron. */
export interface Bridge {
  appInfo(): Promise<AppInfo>;
  openExternal(url: string): Promise<void>;
  deviceTrust(): Promise<DeviceTrust>;
  /**
   * After a sign-out on a ward computer: everything of the window's session is cleared (cookies, storage, cache) and
   * the app starts again at a clean login screen. Elsewhere nothing happens (false).
   */
  endSession(reason: SignOutReason): Promise<boolean>;
  connection(): Promise<ConnectionState>;
  /** Asks the server's public info (GET /api/v1/info) without saving anything. */
  checkServer(address: string): Promise<ServerCheck>;
  /**
   * Saves the choice and restarts the app on it. Refused for a field IT has locked, and on a ward computer unless a
   * staff member is signed in.
   */
  saveConnection(choice: ConnectionChoice): Promise<ConnectionSaveResult>;
}
