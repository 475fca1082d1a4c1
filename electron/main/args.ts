// Command-line switches of the desktop app. Parsed without Electron so the rules are unit-tested; an invalid value
// stops the app with a message instead of silently talking to the wrong server.
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8470';

export interface LaunchOptions {
  /** Origin of the portal server (scheme://host[:port]), the only place the renderer may connect to. */
  serverOrigin: string;
  /** Shared ward computer: fullscreen kiosk window, no devtools, in-memory session. */
  kiosk: boolean;
  /** Kiosk: minutes without input before the resident is signed out (`--idle-minutes`, 1–60; default 5). */
  idleMinutes: number;
}

export const DEFAULT_IDLE_MINUTES = 5;

export class ArgsError extends Error {}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Accepts `--server URL` and `--server=URL`, `--kiosk` and `--idle-minutes N` (or `=N`). Unknown switches are ignored because Chromium and the
 * OS (e.g. macOS `-psn_...`) add their own.
 */
export function parseLaunchArgs(argv: readonly string[]): LaunchOptions {
  let server: string | undefined;
  let kiosk = false;
  let idle: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--kiosk') kiosk = true;
    else if (arg === '--idle-minutes') idle = argv[++i] ?? '';
    else if (arg?.startsWith('--idle-minutes=')) idle = arg.slice('--idle-minutes='.length);
    else if (arg === '--server') {
      server = argv[i + 1];
      if (server === undefined || server.startsWith('--')) throw new ArgsError('--server verwacht een URL');
      i++;
    } else if (arg?.startsWith('--server=')) server = arg.slice('--server='.length);
  }
  return { serverOrigin: toServerOrigin(server ?? DEFAULT_SERVER_URL), kiosk, idleMinutes: toIdleMinutes(idle) };
}

function toIdleMinutes(value: string | undefined): number {
  if (value === undefined) return DEFAULT_IDLE_MINUTES;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 60)
    throw new ArgsError('--idle-minutes verwacht een aantal minuten van 1 tot 60');
  return n;
}

/**
 * Plain http is only accepted for a server on this machine: passwords, SMS codes and the device secret must not
 * cross a network unencrypted.
 */
export function toServerOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ArgsError(`Ongeldige server-URL: ${value}`);
  }
  if (url.username || url.password) throw new ArgsError('De server-URL mag geen gebruikersnaam of wachtwoord bevatten');
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url.origin;
  throw new ArgsError(`De server-URL moet https gebruiken (http alleen voor deze computer): ${value}`);
}
