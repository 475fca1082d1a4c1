// Main-process entry: single instance, hardening, app:// protocol, IPC, one window.
// Order matters: scheme privileges, sandbox and the instance lock must be settled before `ready`.
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createApiProxy } from './api-proxy.ts';
import { ArgsError, parseLaunchArgs, type LaunchOptions } from './args.ts';
import { checkServer } from './connection-check.ts';
import { ConnectionFileError, isConfigured, loadConnection, presetFilePath } from './connection-config.ts';
import { DeviceSecretStore, loadKeychain } from './device-secret-store.ts';
import { defaultAllowedHosts } from './external-links.ts';
import { denyAllPermissions, hardenAllWebContents } from './hardening.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { notConfiguredApi } from './not-configured-api.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { createMainWindow } from './window.ts';
import { entryAfterSignOut } from './app-origin.ts';
import { KIOSK_PARTITION } from './window-options.ts';
import type { ConnectionState } from '../../shared/ipc.ts';

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

/** Switches > IT's clientportaal.json > the user's saved choice (connection-config.ts). */
function readConnection(launch: LaunchOptions): ConnectionState {
  try {
    const { state, savedProblem } = loadConnection({
      switches: launch,
      presetFile: presetFilePath(process.execPath, process.platform, process.env),
      userDataDir: app.getPath('userData'),
    });
    // The user's own file: he chooses again on the first-start page, which writes a good one.
    if (savedProblem) dialog.showErrorBox('Cliëntportaal', `${savedProblem.message}\n\nKies de organisatie opnieuw.`);
    return state;
  } catch (err) {
    const message =
      err instanceof ConnectionFileError
        ? `${err.message}\n\nVraag uw IT-afdeling dit bestand te herstellen.`
        : String(err);
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
  const connection = readConnection(launch);
  const serverOrigin = isConfigured(connection) ? connection.serverOrigin : null;
  const kiosk = connection.mode === 'kiosk';
  const linkPolicy = { allowedHosts: serverOrigin ? defaultAllowedHosts(serverOrigin) : [], kiosk };

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
    const portalSession = kiosk ? session.fromPartition(KIOSK_PARTITION) : session.defaultSession;
    for (const ses of new Set([session.defaultSession, portalSession])) denyAllPermissions(ses);
    const secrets = new DeviceSecretStore(loadKeychain());
    const sessionFetch = (url: string, init: RequestInit) => portalSession.fetch(url, init);
    // Until a server is chosen the renderer shows the first-start page, and its API calls are answered here.
    const api = serverOrigin
      ? createApiProxy({ serverOrigin, fetch: sessionFetch, secrets, rememberDevices: !kiosk, wardComputer: kiosk })
      : notConfiguredApi();
    serveRenderer(portalSession, rendererDir, api);
    registerIpcHandlers({
      kiosk,
      linkPolicy,
      secrets,
      idleMinutes: launch.idleMinutes,
      endKioskSession: async (reason) => {
        // The next resident finds nothing of this one: no cookie, no storage, no cached answer, no page state.
        await portalSession.clearStorageData();
        await portalSession.clearCache();
        await mainWindow?.loadURL(entryAfterSignOut(reason));
      },
      connection: {
        state: connection,
        userDataDir: app.getPath('userData'),
        check: (address) => checkServer(address, { fetch: sessionFetch }),
        sessionFetch,
        // A fresh start on the new connection; relaunch() keeps the command line (IT's switches stay in force).
        relaunch: () => {
          app.relaunch();
          app.exit(0);
        },
      },
    });
    mainWindow = createMainWindow({ kiosk, preloadPath, allowDevTools: !app.isPackaged });
    mainWindow.on('closed', () => (mainWindow = null));
  });
}

main();
