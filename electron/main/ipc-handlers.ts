// One ipcMain.handle per channel of shared/ipc.ts, each behind guardedHandler (sender check + zod parsing).
import { app, ipcMain, shell } from 'electron';
import { z } from 'zod';
import { IpcChannel, OpenExternalArgs, type AppInfo } from '../../shared/ipc.ts';
import { isAllowedExternalUrl, type ExternalLinkPolicy } from './external-links.ts';
import { guardedHandler, IpcRejected } from './ipc-guard.ts';

const NoArgs = z.tuple([]);

export interface IpcContext {
  kiosk: boolean;
  linkPolicy: ExternalLinkPolicy;
}

export function registerIpcHandlers({ kiosk, linkPolicy }: IpcContext): void {
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
}
