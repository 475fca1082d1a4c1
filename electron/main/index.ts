// Main-process entry: single instance, hardening, app:// protocol, IPC, one window.
// Order matters: scheme privileges, sandbox and the instance lock must be settled before `ready`.
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createApiProxy } from './api-proxy.ts';
import { ArgsError, parseLaunchArgs, type LaunchOptions } from './args.ts';
import { DeviceSecretStore, loadKeychain } from './device-secret-store.ts';
import { defaultAllowedHosts } from './external-links.ts';
import { denyAllPermissions, hardenAllWebContents } from './hardening.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { createMainWindow } from './window.ts';
import { APP_ENTRY_URL } from './app-origin.ts';
import { KIOSK_PARTITION } from './window-options.ts';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const outDir = path.join(import.meta.dirname, '..');
const rendererDir = path.join(outDir, 'renderer');
const preloadPath = path.join(outDir, 'preload', 'index.cjs');

function readLaunchOptions(): LaunchOptions {
  try {
    return parseLaunchArgs(process.argv.slice(1));
  } catch (err) {
    const message = err instanceof ArgsError ? err.message : String(err);
    dialog.showErrorBox('Cliëntportaal', message);
    app.exit(2);
    throw err;
  }
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    // Two instances would share the keychain entry and the session; the first one is focused instead.
    app.quit();
    return;
  }
  const launch = readLaunchOptions();
  const linkPolicy = { allowedHosts: defaultAllowedHosts(launch.serverOrigin), kiosk: launch.kiosk };

  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents(linkPolicy);

  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    const portalSession = launch.kiosk ? session.fromPartition(KIOSK_PARTITION) : session.defaultSession;
    for (const ses of new Set([session.defaultSession, portalSession])) denyAllPermissions(ses);
    const secrets = new DeviceSecretStore(loadKeychain());
    const api = createApiProxy({
      serverOrigin: launch.serverOrigin,
      fetch: (url, init) => portalSession.fetch(url, init),
      secrets,
      rememberDevices: !launch.kiosk,
    });
    serveRenderer(portalSession, rendererDir, api);
    registerIpcHandlers({
      kiosk: launch.kiosk,
      linkPolicy,
      secrets,
      idleMinutes: launch.idleMinutes,
      endKioskSession: async () => {
        // The next resident finds nothing of this one: no cookie, no storage, no cached answer, no page state.
        await portalSession.clearStorageData();
        await portalSession.clearCache();
        await mainWindow?.loadURL(APP_ENTRY_URL);
      },
    });
    mainWindow = createMainWindow({ kiosk: launch.kiosk, preloadPath, allowDevTools: !app.isPackaged });
    mainWindow.on('closed', () => (mainWindow = null));
  });
}

main();
