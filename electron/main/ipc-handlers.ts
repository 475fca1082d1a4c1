// One ipcMain.handle per channel of shared/ipc.ts, each behind guardedHandler (sender check + zod parsing).
import { app, ipcMain, shell } from 'electron';
import { z } from 'zod';
import { IpcChannel, OpenExternalArgs, type AppInfo, type DeviceTrust } from '../../shared/ipc.ts';
import type { DeviceSecretStore } from './device-secret-store.ts';
import { isAllowedExternalUrl, type ExternalLinkPolicy } from './external-links.ts';
import { guardedHandler, IpcRejected } from './ipc-guard.ts';

const NoArgs = z.tuple([]);

export interface IpcContext {
  kiosk: boolean;
  linkPolicy: ExternalLinkPolicy;
  secrets: DeviceSecretStore;
}

export function registerIpcHandlers({ kiosk, linkPolicy, secrets }: IpcContext): void {
  ipcMain.handle(
    IpcChannel.appInfo,
    guardedHandler(NoArgs, (): AppInfo => ({
      version: app.getVersion(),
      platform: process.platform,
      mode: kiosk ? 'kiosk' : 'personal',
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
}
