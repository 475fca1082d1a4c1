// The one application window. Security flags come from window-options.ts; this file only wires lifecycle.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin.ts';
import { buildWindowOptions } from './window-options.ts';

export function createMainWindow(opts: { kiosk: boolean; preloadPath: string; allowDevTools: boolean }): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(opts));
  // Show only when painted, so a resident never sees a white flash or a half-built page.
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
