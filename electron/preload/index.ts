// The only thing the renderer gets from Electron: one `bridge` object with one narrow method per operation.
// Raw ipcRenderer is never exposed; main checks the sender and parses every argument again.
import { contextBridge, ipcRenderer } from 'electron';
import {
  IpcChannel,
  type AppInfo,
  type Bridge,
  type ConnectionSaveResult,
  type ConnectionState,
  type DeviceTrust,
  type ServerCheck,
} from '../../shared/ipc.ts';

const bridge: Bridge = {
  appInfo: () => ipcRenderer.invoke(IpcChannel.appInfo) as Promise<AppInfo>,
  openExternal: async (url: string) => {
    await ipcRenderer.invoke(IpcChannel.openExternal, url);
  },
  deviceTrust: () => ipcRenderer.invoke(IpcChannel.deviceTrust) as Promise<DeviceTrust>,
  endSession: (reason) => ipcRenderer.invoke(IpcChannel.endSession, reason) as Promise<boolean>,
  connection: () => ipcRenderer.invoke(IpcChannel.connectionGet) as Promise<ConnectionState>,
  checkServer: (address) => ipcRenderer.invoke(IpcChannel.connectionCheck, address) as Promise<ServerCheck>,
  saveConnection: (choice) => ipcRenderer.invoke(IpcChannel.connectionSave, choice) as Promise<ConnectionSaveResult>,
};

contextBridge.exposeInMainWorld('bridge', bridge);
