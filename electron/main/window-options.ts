// BrowserWindow options, kept apart from the window code so the security-relevant flags are unit-tested.
// `import type` only: erased at build time, so this module runs in Node without Electron.
import type { BrowserWindowConstructorOptions } from 'electron';

/** Without `persist:` Electron keeps the partition in memory: nothing of a resident survives a restart of the kiosk. */
export const KIOSK_PARTITION = 'kiosk';

export interface WindowOptionsInput {
  kiosk: boolean;
  preloadPath: string;
  /** Devtools only for development builds of the personal app. */
  allowDevTools: boolean;
}

export function buildWindowOptions({
  kiosk,
  preloadPath,
  allowDevTools,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    // The manuals require at least 1024×768.
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'Cliëntportaal',
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    ...(kiosk ? { kiosk: true, fullscreen: true, frame: false } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Chromium's spellchecker downloads dictionaries from Google; care texts stay on this machine.
      spellcheck: false,
      safeDialogs: true,
      devTools: allowDevTools && !kiosk,
      ...(kiosk ? { partition: KIOSK_PARTITION } : {}),
    },
  };
}
