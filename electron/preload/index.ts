// The only thing the renderer gets from Electron: one `bridge` object with one narrow method per operation.
// Raw ipcRenderer is never exposed; main checks the sender and parses every argument again.
import { contextBridge, ipcRenderer } from 'electron';
import { IpcChannel, type AppInfo, type Bridge, type DeviceTrust } from '../../shared/ipc.ts';

const bridge: Bridge = {
  appInfo: () => ipcRenderer.invoke(IpcChannel.appInfo) as Promise<AppInfo>,
  openExternal: async (url: string) => {
    await ipcRenderer.invoke(IpcChannel.openExternal, url);
  },
  deviceTrust: () => ipcRenderer.invoke(IpcChannel.deviceTrust) as Promise<DeviceTrust>,
  endSession: () => ipcRenderer.invoke(IpcChannel.endSession) as Promise<boolean>,
};

contextBridge.exposeInMainWorld('bridge', bridge);
