// One ipcMain.handle per channel of shared/ipc.ts, each behind guardedHandler (sender check + zod parsing).
import { app, ipcMain, shell } from 'electron';
import { z } from 'zod';
import {
  EndSessionArgs,
  IpcChannel,
  OpenExternalArgs,
  type AppInfo,
  type SignOutReason,
  type DeviceTrust,
} from '../../shared/ipc.ts';
import { registerConnectionHandlers, type ConnectionIpcContext } from './connection-ipc.ts';
import type { DeviceSecretStore } from './device-secret-store.ts';
import { isAllowedExternalUrl, type ExternalLinkPolicy } from './external-links.ts';
import { guardedHandler, IpcRejected } from './ipc-guard.ts';

const NoArgs = z.tuple([]);

export interface IpcContext {
  kiosk: boolean;
  linkPolicy: ExternalLinkPolicy;
  secrets: DeviceSecretStore;
  /** Kiosk: minutes without input before the sign-out. */
  idleMinutes: number;
  /** Kiosk: clears the window's session and loads the app afresh. */
  endKioskSession: (reason: SignOutReason) => Promise<void>;
  /** Server and mode: read, check and change them (connection-ipc.ts). */
  connection: ConnectionIpcContext;
}

export function registerIpcHandlers({
  kiosk,
  linkPolicy,
  secrets,
  idleMinutes,
  endKioskSession,
  connection,
}: IpcContext): void {
  ipcMain.handle(
    IpcChannel.appInfo,
    guardedHandler(NoArgs, (): AppInfo => ({
      version: app.getVersion(),
      platform: process.platform,
      mode: kiosk ? 'kiosk' : 'personal',
      idleLogoutSeconds: kiosk ? idleMinutes * 60 : null,
    })),
  );
  ipcMain.handle(
    IpcChannel.openExternal,
    guardedHandler(OpenExternalArgs, async ([url]) => {
      // The schema only says "https"; the allowlist decides which hosts.
      if (!isAllowedExternalUrl(url, linkPolicy)) throw new IpcRejected('not-allowed');
      await shell.openExternal(url);
    }),
  );
  ipcMain.handle(
    IpcChannel.deviceTrust,
    guardedHandler(NoArgs, async (): Promise<DeviceTrust> => {
      if (kiosk) return { canRemember: false, reason: 'kiosk' };
      return (await secrets.available()) ? { canRemember: true } : { canRemember: false, reason: 'no-keychain' };
    }),
  );
  ipcMain.handle(
    IpcChannel.endSession,
    guardedHandler(EndSessionArgs, async ([reason]): Promise<boolean> => {
      // A personal install keeps its session: the next start stays signed in as the server allows.
      if (!kiosk) return false;
      await endKioskSession(reason);
      return true;
    }),
  );
  registerConnectionHandlers(connection);
}
