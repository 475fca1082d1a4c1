// IPC contract between the Electron main process and the preload bridge. Every channel is declared here once,
// named `app:<domain>.<action>`; main parses arguments with the schemas below and checks the sender frame.
import { z } from 'zod';

export const IpcChannel = {
  appInfo: 'app:app.info',
  openExternal: 'app:app.open-external',
} as const;
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

export interface AppInfo {
  version: string;
  platform: string;
  mode: 'personal' | 'kiosk';
}

export const OpenExternalArgs = z.tuple([z.string().url().startsWith('https://')]);

/** What the preload script exposes as `window.bridge`. The renderer checks for its presence to know it runs in Electron. */
export interface Bridge {
  appInfo(): Promise<AppInfo>;
  openExternal(url: string): Promise<void>;
}
